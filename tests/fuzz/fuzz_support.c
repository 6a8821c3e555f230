/* fuzz_support.c - scratch files and the shared data folder for the fuzz
 * targets (see fuzz_support.h). */
#include "fuzz_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef NLP_SOURCE_DIR
#define NLP_SOURCE_DIR "."
#endif

static char dir[4096];
static char path[4096 + 256];

static void remove_dir(void)
{
    /* The targets write a handful of known names; remove what is there. */
    static const char *const names[] = {
        "input", "config.json", "tokenizer_config.json", "vocab.txt",
        "tokenizer.json", "spiece.model", "pytorch_model.bin",
    };
    char p[sizeof path];
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, names[i]);
        unlink(p);
    }
    rmdir(dir);
}

const char *nlp_fuzz_dir(void)
{
    if (!dir[0]) {
        const char *tmp = getenv("TMPDIR");
        snprintf(dir, sizeof dir, "%s/nlp_fuzz_%ld", tmp && *tmp ? tmp : "/tmp",
                 (long)getpid());
        if (mkdir(dir, 0700) != 0) {
            perror(dir);
            abort();
        }
        atexit(remove_dir);
    }
    return dir;
}

const char *nlp_fuzz_write(const char *name, const uint8_t *data, size_t size)
{
    snprintf(path, sizeof path, "%s/%s", nlp_fuzz_dir(), name);
    FILE *f = fopen(path, "wb");
    if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
        perror(path);
        abort();
    }
    return path;
}

char *nlp_fuzz_shared(const char *target, const char *relative)
{
    const char *shared = getenv("NLP_SHARED_DIR");
    char fallback[4096];
    if (!shared || !*shared) {
        snprintf(fallback, sizeof fallback, "%s/../shared", NLP_SOURCE_DIR);
        shared = fallback;
    }
    size_t n = strlen(shared) + strlen(relative) + 2;
    char *p = malloc(n);
    if (!p)
        abort();
    snprintf(p, n, "%s/%s", shared, relative);
    struct stat st;
    if (stat(p, &st) != 0) {
        fprintf(stderr, "%s: SKIP: %s not found (set NLP_SHARED_DIR to the shared data folder)\n",
                target, p);
        exit(NLP_FUZZ_SKIP);
    }
    return p;
}

size_t nlp_fuzz_split_words(const char *s, size_t n, const char **words, size_t *lens,
                            size_t max)
{
    size_t count = 0, start = 0;
    for (size_t i = 0; i <= n && count < max; i++) {
        if (i == n || s[i] == '\n') {
            words[count] = s + start;
            lens[count++] = i - start;
            start = i + 1;
        }
    }
    return count;
}
