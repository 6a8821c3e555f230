/* atomic_file.c - see atomic_file.h. */
#include "core/atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static atomic_ulong synced_writes;

unsigned long nlp__atomic_writes_synced(void)
{
    return atomic_load(&synced_writes);
}

static bool write_all(int fd, const void *data, size_t size)
{
    const char *p = data;
    while (size > 0) {
        ssize_t n = write(fd, p, size > (1u << 30) ? (1u << 30) : size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n == 0)
                errno = EIO;
            return false;
        }
        p += n;
        size -= (size_t)n;
    }
    return true;
}

/* fsync the folder holding path, so the rename is durable too. */
static int sync_folder(const char *path)
{
    char *copy = nlp__strdup(path);
    if (!copy)
        return ENOMEM;
    int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int err = fd < 0 ? errno : fsync(fd) != 0 ? errno : 0;
    if (fd >= 0)
        close(fd);
    free(copy);
    return err;
}

nlp_status nlp__write_chunks_atomic(const char *path, const nlp__chunk *chunks, size_t count)
{
    char *tmp = nlp__malloc(strlen(path) + 16);
    if (!tmp)
        return NLP_ERR_NOMEM;
    sprintf(tmp, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        nlp_status st = nlp__fail(NLP_ERR_IO, "%s: cannot create a temporary file beside it: %s",
                                  path, strerror(errno));
        free(tmp);
        return st;
    }
    const char *what = NULL;
    int err = 0;
    if (fchmod(fd, 0644) != 0) /* mkstemp makes 0600; checkpoints are shared */
        what = "chmod", err = errno;
    for (size_t i = 0; !what && i < count; i++)
        if (!write_all(fd, chunks[i].data, chunks[i].size))
            what = "write", err = errno;
    if (!what && fsync(fd) != 0)
        what = "fsync", err = errno;
    if (close(fd) != 0 && !what)
        what = "close", err = errno;
    if (!what && rename(tmp, path) != 0)
        what = "rename", err = errno;
    if (what)
        unlink(tmp);
    free(tmp);
    if (!what && (err = sync_folder(path)) != 0)
        what = "fsync of the folder";
    if (what)
        return nlp__fail(NLP_ERR_IO, "%s: %s failed: %s", path, what, strerror(err));
    atomic_fetch_add(&synced_writes, 1);
    return NLP_OK;
}

nlp_status nlp__write_atomic(const char *path, const void *data, size_t size)
{
    nlp__chunk one = {data, size};
    return nlp__write_chunks_atomic(path, &one, 1);
}
