/* threads.c - the threaded tests' scenario as a plain program, for
 * ThreadSanitizer (Criterion's runner cannot start under TSan: its
 * inheritable arena fails, docs/robustness.md). One tokenizer, one NER
 * model and one toxicity model (the tiny fixtures) are shared by THREADS
 * threads, each running every text ROUNDS times; every result must equal
 * the serial one. Exit 0 when all match and TSan reported nothing (TSan
 * exits 66 on a report with halt_on_error). Usage: threads SHARED_DIR */
#include <nlp/nlp.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define THREADS 4
#define ROUNDS 3

static const char *const texts[] = {
    "Alice Moreau flew from Lyon to Oslo with Northwind Air on Monday.",
    "Zo\xC3\xAB lives in Z\xC3\xBCrich and works for Grau & S\xC3\xB6hne AG in Bern.",
    "Bob and Bob and Bob and Bob met Carol in Rome, then Dave in Paris.",
    "",
};
#define N_TEXTS (sizeof texts / sizeof *texts)

static nlp_tokenizer *tok;
static nlp_ner_model *ner;
static nlp_toxic_model *toxic;

typedef struct outcome {
    size_t tokens, entities, first_end;
    double score;
} outcome;

static outcome serial[N_TEXTS];

static int run_one(size_t i, outcome *out)
{
    const char *t = texts[i];
    size_t n = strlen(t);
    nlp_encoding *enc = NULL;
    nlp_entities *ents = NULL;
    nlp_toxic_result *r = NULL;
    if (nlp_tokenizer_encode(tok, t, n, NULL, &enc) != NLP_OK ||
        nlp_ner_run(ner, t, n, &ents) != NLP_OK || nlp_toxic_classify(toxic, t, n, &r) != NLP_OK) {
        fprintf(stderr, "threads: text %zu: %s\n", i, nlp_last_error());
        return 1;
    }
    out->tokens = nlp_encoding_count(enc);
    out->entities = nlp_entities_count(ents);
    out->first_end = out->entities ? nlp_entities_get(ents, 0)->byte_end : 0;
    out->score = r->score;
    nlp_encoding_free(enc);
    nlp_entities_free(ents);
    nlp_toxic_result_free(r);
    return 0;
}

static void *worker(void *arg)
{
    size_t *mismatches = arg;
    for (int round = 0; round < ROUNDS; round++)
        for (size_t i = 0; i < N_TEXTS; i++) {
            outcome o;
            if (run_one(i, &o) != 0 || memcmp(&o, &serial[i], sizeof o) != 0)
                (*mismatches)++;
        }
    return NULL;
}

static char *join(const char *dir, const char *rel)
{
    size_t n = strlen(dir) + strlen(rel) + 2;
    char *p = malloc(n);
    if (!p)
        abort();
    snprintf(p, n, "%s/%s", dir, rel);
    return p;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: threads SHARED_DIR\n");
        return 2;
    }
    char *bert = join(argv[1], "fixtures/bert-tiny-ner"), *t5 = join(argv[1], "fixtures/t5-tiny");
    nlp_ner_options no = nlp_ner_options_default();
    no.device = "cpu";
    no.max_length = 16;
    no.stride = 4;
    nlp_toxic_options to = nlp_toxic_options_default();
    to.device = "cpu";
    if (nlp_tokenizer_load(bert, &tok) != NLP_OK || nlp_ner_load(bert, &no, &ner) != NLP_OK ||
        nlp_toxic_load(t5, &to, &toxic) != NLP_OK) {
        fprintf(stderr, "threads: %s\n", nlp_last_error());
        return 1;
    }
    free(bert);
    free(t5);
    for (size_t i = 0; i < N_TEXTS; i++) {
        memset(&serial[i], 0, sizeof serial[i]);
        if (run_one(i, &serial[i]) != 0)
            return 1;
    }
    pthread_t th[THREADS];
    size_t mismatches[THREADS] = {0}, total = 0;
    for (int t = 0; t < THREADS; t++)
        if (pthread_create(&th[t], NULL, worker, &mismatches[t]) != 0)
            return 1;
    for (int t = 0; t < THREADS; t++) {
        pthread_join(th[t], NULL);
        total += mismatches[t];
    }
    nlp_toxic_free(toxic);
    nlp_ner_free(ner);
    nlp_tokenizer_free(tok);
    printf("threads: %d threads x %d rounds x %zu texts, %zu results differ from serial\n",
           THREADS, ROUNDS, N_TEXTS, total);
    return total ? 1 : 0;
}
