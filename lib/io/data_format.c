/* data_format.c - see data_format.h. */
#include "io/data_format.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static int ends_with(const char *path, const char *ext)
{
    size_t n = strlen(path), e = strlen(ext);
    return n > e && strcasecmp(path + n - e, ext) == 0;
}

/* The first non-blank line of f, at most cap - 1 bytes of it; 0 if none. */
static size_t first_line(FILE *f, char *buf, size_t cap)
{
    int c;
    do
        c = fgetc(f);
    while (c == ' ' || c == '\t' || c == '\r' || c == '\n');
    size_t n = 0;
    for (; c != EOF && c != '\n' && n + 1 < cap; c = fgetc(f))
        buf[n++] = (char)c;
    buf[n] = '\0';
    return n;
}

nlp_status nlp__data_format_detect(const char *path, nlp_data_format *out)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return nlp__fail(NLP_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
    char line[4096];
    size_t n = first_line(f, line, sizeof line);
    fclose(f);
    const char *l = line;
    if (n >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) { /* a byte order mark */
        l += 3;
        n -= 3;
    }
    if (n == 0)
        return nlp__fail(NLP_ERR_FORMAT, "%s: empty file (no data)", path);
    if (l[0] == '{' || l[0] == '[' || ends_with(path, ".jsonl") ||
        ends_with(path, ".json") || ends_with(path, ".ndjson"))
        *out = NLP_DATA_JSONL;
    else if (ends_with(path, ".csv") || (strchr(l, ',') && !strpbrk(l, " \t")))
        *out = NLP_DATA_CSV;
    else
        *out = NLP_DATA_CONLL;
    return NLP_OK;
}
