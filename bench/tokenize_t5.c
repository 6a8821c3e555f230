/* tokenize_t5.c - single-thread speed of the T5 tokenizer on the toxic-chat
 * train texts ("toxic: " + user_input, as the fixtures and SPEED.md do).
 *
 *   build/bench/tokenize_t5 [MODEL] [TRAIN_JSONL] [SECONDS]
 *
 * MODEL is a spiece.model or tokenizer.json (default: ../shared/data/t5-small/
 * spiece.model), TRAIN_JSONL the toxic-chat JSON Lines file. Prints the best
 * of several timed passes over all texts: texts/s, MB/s (UTF-8 input bytes)
 * and tokens/s. Each text gets a fresh encoding, as a caller would. */
#include "bench_help.h"
#include "text/t5_tokenizer.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct corpus {
    char **texts;
    size_t *lens;
    size_t n, bytes;
} corpus;

static double clock_s(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static double now(void) { return clock_s(CLOCK_MONOTONIC); }
static double cpu(void) { return clock_s(CLOCK_THREAD_CPUTIME_ID); }

static int read_corpus(const char *path, corpus *c)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    while ((got = getline(&line, &cap, f)) > 0) {
        json_t *row = json_loadb(line, (size_t)got, 0, NULL);
        const char *in = json_string_value(json_object_get(row, "user_input"));
        if (in) {
            size_t len = strlen("toxic: ") + strlen(in);
            c->texts = realloc(c->texts, (c->n + 1) * sizeof *c->texts);
            c->lens = realloc(c->lens, (c->n + 1) * sizeof *c->lens);
            c->texts[c->n] = malloc(len + 1);
            snprintf(c->texts[c->n], len + 1, "toxic: %s", in);
            c->lens[c->n++] = len;
            c->bytes += len;
        }
        json_decref(row);
    }
    free(line);
    fclose(f);
    return c->n > 0 ? 0 : -1;
}

/* One pass over every text; returns the number of tokens. */
static size_t pass(const nlp__t5_tokenizer *tok, const corpus *c)
{
    size_t tokens = 0;
    for (size_t i = 0; i < c->n; i++) {
        nlp__encoding *enc = nlp__encoding_new();
        if (!enc || nlp__t5_encode(tok, c->texts[i], c->lens[i], true, enc) != NLP_OK) {
            fprintf(stderr, "encode failed: %s\n", nlp_last_error());
            exit(1);
        }
        tokens += enc->count;
        nlp__encoding_free(enc);
    }
    return tokens;
}

int main(int argc, char **argv)
{
    if (bench_help(argc, argv,
                   "usage: bench/tokenize_t5 [SPIECE_MODEL [DATA [SECONDS]]]\n"
                   "  T5 Unigram tokenizer throughput for SECONDS (5) on DATA.\n"))
        return 0;
    const char *model = argc > 1 && *argv[1] ? argv[1] : NLP_SOURCE_DIR "/../shared/data/t5-small/spiece.model";
    const char *data = argc > 2 && *argv[2] ? argv[2]
                                : NLP_SOURCE_DIR "/../shared/data/toxic-chat/"
                                  "toxicchat0124-human/train.jsonl";
    double seconds = argc > 3 ? atof(argv[3]) : 5.0;
    size_t mlen = strlen(model);
    bool json = mlen >= 5 && strcmp(model + mlen - 5, ".json") == 0;
    double t0 = now();
    nlp__t5_tokenizer *tok;
    if (nlp__t5_tokenizer_load(json ? NULL : model, json ? model : NULL, &tok) != NLP_OK) {
        fprintf(stderr, "load: %s\n", nlp_last_error());
        return 1;
    }
    double load_s = now() - t0;
    corpus c = {0};
    if (read_corpus(data, &c) != 0) {
        fprintf(stderr, "no texts in %s\n", data);
        return 1;
    }
    size_t tokens = pass(tok, &c); /* warm-up */
    /* Wall time is what a caller sees; thread CPU time is steadier on a
     * shared machine (other jobs' time is not counted). */
    double best = 1e30, best_cpu = 1e30, start = now();
    int passes = 0;
    while (passes < 3 || now() - start < seconds) {
        double t = now(), tc = cpu();
        pass(tok, &c);
        t = now() - t;
        tc = cpu() - tc;
        best = t < best ? t : best;
        best_cpu = tc < best_cpu ? tc : best_cpu;
        passes++;
    }
    printf("T5 tokenizer (%s), load %.3f s\n", json ? "tokenizer.json" : "spiece.model", load_s);
    printf("toxic-chat train: %zu texts, %.3f MB, %zu tokens\n", c.n, c.bytes / 1e6, tokens);
    printf("best of %d passes, wall: %.4f s  %.0f texts/s  %.2f MB/s  %.0f tokens/s\n", passes,
           best, c.n / best, c.bytes / 1e6 / best, tokens / best);
    printf("best of %d passes, CPU:  %.4f s  %.0f texts/s  %.2f MB/s  %.0f tokens/s\n", passes,
           best_cpu, c.n / best_cpu, c.bytes / 1e6 / best_cpu, tokens / best_cpu);
    for (size_t i = 0; i < c.n; i++)
        free(c.texts[i]);
    free(c.texts);
    free(c.lens);
    nlp__t5_tokenizer_free(tok);
    return 0;
}
