/* tokenize.c - single-thread tokenizer throughput through the public API.
 *
 *   build/bench/tokenize [--shared DIR] [--bert DIR] [--t5 DIR] [--repeat N]
 *
 * Sets (as in ../shared/fixtures/tokenizers/SPEED.md):
 *   BERT on CoNLL-2003 train: raw text (words joined by single spaces) and
 *   the same sentences as pre-split words; BERT and T5 on the toxic-chat
 *   train user_input texts (T5 with the "toxic: " prefix). Specials added,
 *   no truncation. Each set is timed `repeat` times; the best wall and CPU
 *   times are reported. MB are 10^6 bytes of input text. */
#include "bench_help.h"
#include <nlp/nlp.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct texts {
    char **text;
    size_t *len, n, bytes;
    /* pre-split words of each text (CoNLL only) */
    char ***words;
    size_t **word_lens, *n_words;
} texts;

static void add_text(texts *t, const char *s, size_t len)
{
    t->text = realloc(t->text, (t->n + 1) * sizeof *t->text);
    t->len = realloc(t->len, (t->n + 1) * sizeof *t->len);
    t->text[t->n] = malloc(len + 1);
    memcpy(t->text[t->n], s, len);
    t->text[t->n][len] = '\0';
    t->len[t->n++] = len;
    t->bytes += len;
}

/* Split text i at its single spaces into words pointing into the text. */
static void split_words(texts *t)
{
    t->words = calloc(t->n, sizeof *t->words);
    t->word_lens = calloc(t->n, sizeof *t->word_lens);
    t->n_words = calloc(t->n, sizeof *t->n_words);
    for (size_t i = 0; i < t->n; i++) {
        size_t cap = 1;
        for (size_t b = 0; b < t->len[i]; b++)
            cap += t->text[i][b] == ' ';
        t->words[i] = malloc(cap * sizeof **t->words);
        t->word_lens[i] = malloc(cap * sizeof **t->word_lens);
        char *s = t->text[i];
        for (size_t b = 0, start = 0; b <= t->len[i]; b++) {
            if (b == t->len[i] || s[b] == ' ') {
                t->words[i][t->n_words[i]] = s + start;
                t->word_lens[i][t->n_words[i]++] = b - start;
                start = b + 1;
            }
        }
    }
}

/* CoNLL columns: first column = word; blank line ends a sentence. */
static int read_conll(const char *path, texts *t)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    char line[4096], sent[65536];
    size_t len = 0;
    for (;;) {
        char *ok = fgets(line, sizeof line, f);
        size_t w = ok ? strcspn(line, " \t\r\n") : 0;
        if (!ok || w == 0) {
            if (len)
                add_text(t, sent, len);
            len = 0;
            if (!ok)
                break;
            continue;
        }
        if (strncmp(line, "-DOCSTART-", 10) == 0 || len + w + 1 >= sizeof sent)
            continue;
        if (len)
            sent[len++] = ' ';
        memcpy(sent + len, line, w);
        len += w;
    }
    fclose(f);
    split_words(t);
    return 0;
}

static int read_toxic(const char *path, const char *prefix, texts *t)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    char *line = NULL, *buf = NULL;
    size_t cap = 0, plen = strlen(prefix);
    while (getline(&line, &cap, f) > 0) {
        json_t *row = json_loads(line, JSON_ALLOW_NUL, NULL);
        json_t *text = json_object_get(row, "user_input");
        if (json_is_string(text)) {
            size_t n = json_string_length(text);
            buf = realloc(buf, plen + n + 1);
            memcpy(buf, prefix, plen);
            memcpy(buf + plen, json_string_value(text), n);
            add_text(t, buf, plen + n);
        }
        json_decref(row);
    }
    free(buf);
    free(line);
    fclose(f);
    return 0;
}

static double now(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Encode every text once; returns the number of tokens, or 0 on error. */
static size_t run_once(const nlp_tokenizer *tok, const texts *t, int words)
{
    size_t tokens = 0;
    for (size_t i = 0; i < t->n; i++) {
        nlp_encoding *enc = NULL;
        nlp_status st = words
            ? nlp_tokenizer_encode_words(tok, (const char *const *)t->words[i], t->word_lens[i],
                                         t->n_words[i], NULL, &enc)
            : nlp_tokenizer_encode(tok, t->text[i], t->len[i], NULL, &enc);
        if (st != NLP_OK) {
            fprintf(stderr, "text %zu: %s\n", i, nlp_last_error());
            return 0;
        }
        tokens += nlp_encoding_count(enc);
        nlp_encoding_free(enc);
    }
    return tokens;
}

static void bench(const char *name, const nlp_tokenizer *tok, const texts *t, int words,
                  int repeat)
{
    double best_wall = 1e30, best_cpu = 1e30;
    size_t tokens = 0;
    for (int r = 0; r < repeat; r++) {
        double w0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_PROCESS_CPUTIME_ID);
        tokens = run_once(tok, t, words);
        double w = now(CLOCK_MONOTONIC) - w0, c = now(CLOCK_PROCESS_CPUTIME_ID) - c0;
        if (!tokens)
            return;
        if (w < best_wall)
            best_wall = w;
        if (c < best_cpu)
            best_cpu = c;
    }
    double mb = (double)t->bytes / 1e6;
    printf("| %-28s | %6zu | %6.3f | %8zu | %7.3f | %7.3f | %9.0f | %6.2f | %6.2f |\n", name,
           t->n, mb, tokens, best_wall, best_cpu, (double)t->n / best_wall, mb / best_wall,
           mb / best_cpu);
}

int main(int argc, char **argv)
{
    if (bench_help(argc, argv,
                   "usage: bench/tokenize [--shared DIR] [--bert DIR] [--t5 DIR] [--repeat N]\n"
                   "  tokenizer throughput (BERT WordPiece, T5 Unigram) on the shared data sets.\n"))
        return 0;
    const char *shared = NLP_SOURCE_DIR "/../shared", *bert_dir = NULL, *t5_dir = NULL;
    int repeat = 5;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--shared") == 0)
            shared = argv[i + 1];
        else if (strcmp(argv[i], "--bert") == 0)
            bert_dir = argv[i + 1];
        else if (strcmp(argv[i], "--t5") == 0)
            t5_dir = argv[i + 1];
        else if (strcmp(argv[i], "--repeat") == 0)
            repeat = atoi(argv[i + 1]) > 0 ? atoi(argv[i + 1]) : 1;
    }
    char conll[4096], toxic[4096], bert_default[4096], t5_default[4096];
    snprintf(conll, sizeof conll, "%s/data/conll2003/train.txt", shared);
    snprintf(toxic, sizeof toxic, "%s/data/toxic-chat/toxicchat0124-human/train.jsonl", shared);
    snprintf(bert_default, sizeof bert_default, "%s/data/bert-base-cased/vocab.txt", shared);
    snprintf(t5_default, sizeof t5_default, "%s/data/t5-small", shared);
    texts c = {0}, x = {0}, xp = {0};
    if (read_conll(conll, &c) != 0 || read_toxic(toxic, "", &x) != 0 ||
        read_toxic(toxic, "toxic: ", &xp) != 0) {
        fprintf(stderr, "cannot read %s or %s\n", conll, toxic);
        return 1;
    }
    printf("single thread, best of %d; MB/s = input bytes / time\n\n", repeat);
    printf("| %-28s | %6s | %6s | %8s | %7s | %7s | %9s | %6s | %6s |\n", "set", "texts", "MB",
           "tokens", "wall s", "CPU s", "texts/s", "MB/s", "MB/s CPU");
    printf("|------------------------------|--------|--------|----------|---------|---------|"
           "-----------|--------|--------|\n");
    nlp_tokenizer *bert = NULL, *t5 = NULL;
    if (nlp_tokenizer_load(bert_dir ? bert_dir : bert_default, &bert) != NLP_OK) {
        fprintf(stderr, "BERT: %s\n", nlp_last_error());
        return 1;
    }
    bench("BERT CoNLL train, raw text", bert, &c, 0, repeat);
    bench("BERT CoNLL train, words", bert, &c, 1, repeat);
    bench("BERT toxic-chat train", bert, &x, 0, repeat);
    if (nlp_tokenizer_load(t5_dir ? t5_dir : t5_default, &t5) == NLP_OK)
        bench("T5 \"toxic: \" + toxic-chat", t5, &xp, 0, repeat);
    else
        printf("| %-28s | unavailable: %s\n", "T5 \"toxic: \" + toxic-chat", nlp_last_error());
    nlp_tokenizer_free(bert);
    nlp_tokenizer_free(t5);
    return 0;
}
