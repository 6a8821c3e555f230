/* files.c - hashing, folders, copies (see files.h). */
#include "train/files.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

uint64_t nlp__fnv1a(uint64_t h, const void *data, size_t size)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < size; i++) {
        h ^= p[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

nlp_status nlp__hash_file(const char *path, uint64_t h, uint64_t *out)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return nlp__fail(NLP_ERR_IO, "cannot open %s: %s", path, strerror(errno));
    unsigned char buf[1 << 16];
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, f)) > 0)
        h = nlp__fnv1a(h, buf, got);
    int bad = ferror(f);
    fclose(f);
    if (bad)
        return nlp__fail(NLP_ERR_IO, "cannot read %s", path);
    *out = h;
    return NLP_OK;
}

nlp_status nlp__mkdirs(const char *path)
{
    char *p = nlp__strdup(path);
    if (!p)
        return NLP_ERR_NOMEM;
    for (char *s = p + 1;; s++) {
        char c = *s;
        if (c != '/' && c != '\0')
            continue;
        *s = '\0';
        if (mkdir(p, 0755) != 0 && errno != EEXIST) {
            nlp_status st = nlp__fail(NLP_ERR_IO, "cannot create folder %s: %s", p,
                                      strerror(errno));
            free(p);
            return st;
        }
        *s = c;
        if (c == '\0')
            break;
    }
    free(p);
    return NLP_OK;
}

nlp_status nlp__remove_dir(const char *path)
{
    DIR *d = opendir(path);
    if (!d)
        return errno == ENOENT ? NLP_OK
                               : nlp__fail(NLP_ERR_IO, "cannot open %s: %s", path, strerror(errno));
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char *f = nlp__path_join(path, e->d_name);
        if (f)
            unlink(f);
        free(f);
    }
    closedir(d);
    if (rmdir(path) != 0)
        return nlp__fail(NLP_ERR_IO, "cannot remove %s: %s", path, strerror(errno));
    return NLP_OK;
}

nlp_status nlp__copy_file(const char *src, const char *dst)
{
    char *data = NULL;
    size_t size = 0;
    nlp_status st = nlp__read_file(src, &data, &size);
    if (st == NLP_OK)
        st = nlp__write_atomic(dst, data, size);
    free(data);
    return st;
}
