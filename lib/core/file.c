/* file.c - small file helpers. */
#include "core/core.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

char *nlp__path_join(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    bool slash = a > 0 && dir[a - 1] != '/';
    char *p = nlp__malloc(a + slash + b + 1);
    if (!p)
        return NULL;
    memcpy(p, dir, a);
    if (slash)
        p[a] = '/';
    memcpy(p + a + slash, name, b + 1);
    return p;
}

bool nlp__file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

nlp_status nlp__read_file(const char *path, char **data, size_t *size)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return nlp__fail(NLP_ERR_IO, "%s: %s", path, strerror(errno));
    if (!S_ISREG(st.st_mode))
        return nlp__fail(NLP_ERR_IO, "%s: not a regular file", path);
    FILE *f = fopen(path, "rb");
    if (!f)
        return nlp__fail(NLP_ERR_IO, "%s: %s", path, strerror(errno));
    char *buf = nlp__malloc((size_t)st.st_size + 1);
    if (!buf) {
        fclose(f);
        return NLP_ERR_NOMEM;
    }
    size_t n = fread(buf, 1, (size_t)st.st_size, f);
    int failed = ferror(f);
    fclose(f);
    if (failed || n != (size_t)st.st_size) {
        free(buf);
        return nlp__fail(NLP_ERR_IO, "%s: short read", path);
    }
    buf[n] = '\0';
    *data = buf;
    if (size)
        *size = n;
    return NLP_OK;
}
