/* file.c - small file helpers: paths, whole-file reads (data files in
 * chunks, with a line-length limit). */
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

/* Open a regular file for reading; *size gets its size. */
static nlp_status open_regular(const char *path, FILE **f, size_t *size)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return nlp__fail(NLP_ERR_IO, "%s: %s", path, strerror(errno));
    if (!S_ISREG(st.st_mode))
        return nlp__fail(NLP_ERR_IO, "%s: not a regular file", path);
    if (!(*f = fopen(path, "rb")))
        return nlp__fail(NLP_ERR_IO, "%s: %s", path, strerror(errno));
    *size = (size_t)st.st_size;
    return NLP_OK;
}

nlp_status nlp__read_file(const char *path, char **data, size_t *size)
{
    FILE *f = NULL;
    size_t want = 0;
    nlp_status st = open_regular(path, &f, &want);
    if (st != NLP_OK)
        return st;
    char *buf = nlp__malloc(want + 1);
    if (!buf) {
        fclose(f);
        return NLP_ERR_NOMEM;
    }
    size_t n = fread(buf, 1, want, f);
    int failed = ferror(f);
    fclose(f);
    if (failed || n != want) {
        free(buf);
        return nlp__fail(NLP_ERR_IO, "%s: short read", path);
    }
    buf[n] = '\0';
    *data = buf;
    if (size)
        *size = n;
    return NLP_OK;
}

/* ---- data files: in chunks, so one enormous line is refused after
 * NLP__MAX_DATA_LINE bytes of it rather than read whole ---------------- */

#define CHUNK ((size_t)1 << 20)

typedef struct line_count {
    long line;     /* 1-based number of the line being read */
    size_t length; /* bytes of it seen so far */
} line_count;

/* Count the lines in buf[0..n); false when one grows past the limit. */
static bool scan(line_count *c, const char *buf, size_t n)
{
    const char *p = buf, *end = buf + n;
    for (;;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        c->length += (size_t)((nl ? nl : end) - p);
        if (c->length > NLP__MAX_DATA_LINE)
            return false;
        if (!nl)
            return true;
        c->line++;
        c->length = 0;
        p = nl + 1;
    }
}

static nlp_status read_chunks(FILE *f, const char *path, char **data, size_t *size)
{
    char *buf = NULL;
    size_t cap = 0, used = 0;
    line_count c = {1, 0};
    nlp_status st = NLP_OK;
    for (;;) {
        if ((st = nlp__grow((void **)&buf, &cap, used + CHUNK + 1, 1)) != NLP_OK)
            break;
        size_t n = fread(buf + used, 1, CHUNK, f);
        if (used == 0 && n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
            memmove(buf, buf + 3, n - 3); /* the byte order mark */
            n -= 3;
        }
        if (!scan(&c, buf + used, n)) {
            st = nlp__fail_at(NLP_ERR_FORMAT, path, c.line,
                              "line longer than %zu bytes (the most a data line may hold)",
                              NLP__MAX_DATA_LINE);
            break;
        }
        used += n;
        if (n < CHUNK) {
            if (ferror(f))
                st = nlp__fail(NLP_ERR_IO, "%s: read error", path);
            break;
        }
    }
    if (st != NLP_OK) {
        free(buf);
        return st;
    }
    buf[used] = '\0';
    *data = buf;
    if (size)
        *size = used;
    return NLP_OK;
}

nlp_status nlp__read_data_file(const char *path, char **data, size_t *size)
{
    FILE *f = NULL;
    size_t ignored = 0;
    nlp_status st = open_regular(path, &f, &ignored);
    if (st != NLP_OK)
        return st;
    st = read_chunks(f, path, data, size);
    fclose(f);
    return st;
}
