/* api_roundtrip.c - a small program using libnlp.so the way an
 * application does: load the tiny NER and toxicity fixtures, run a few
 * texts (one spanning several windows, one invalid UTF-8), a tokenizer,
 * then free everything. Run plainly by ctest (valgrind_api_plain) and
 * under valgrind memcheck by scripts/test-valgrind.sh, which requires 0
 * bytes definitely lost. Usage: api_roundtrip SHARED_DIR */
#include <nlp/nlp.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail(const char *what)
{
    fprintf(stderr, "api_roundtrip: %s: %s\n", what, nlp_last_error());
    return 1;
}

static char *join(const char *dir, const char *rel)
{
    size_t n = strlen(dir) + strlen(rel) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", dir, rel);
    return p;
}

static const char *const texts[] = {
    "Alice Moreau flew from Lyon to Oslo with Northwind Air on Monday.",
    "Zo\xC3\xAB lives in Z\xC3\xBCrich. Bob and Bob and Bob and Bob and Bob met Carol "
    "in Rome, then Dave in Paris, then Erin in Berlin, then Frank in Madrid.",
    "",
};

static int run_ner(const char *shared)
{
    char *dir = join(shared, "fixtures/bert-tiny-ner");
    nlp_ner_options o = nlp_ner_options_default();
    o.device = "cpu";
    o.max_length = 16;
    o.stride = 4;
    nlp_ner_model *m = NULL;
    nlp_status st = nlp_ner_load(dir, &o, &m);
    free(dir);
    if (st != NLP_OK)
        return fail("nlp_ner_load");
    size_t total = 0;
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        nlp_entities *e = NULL;
        if (nlp_ner_run(m, texts[i], strlen(texts[i]), &e) != NLP_OK)
            return fail("nlp_ner_run");
        total += nlp_entities_count(e);
        nlp_entities_free(e);
    }
    nlp_entities *e = NULL;
    if (nlp_ner_run(m, "ok \xC3\x28", 5, &e) != NLP_ERR_INVALID_UTF8 || e)
        return fail("nlp_ner_run on invalid UTF-8");
    nlp_ner_free(m);
    printf("ner: %zu entities\n", total);
    return 0;
}

static int run_toxic(const char *shared)
{
    char *dir = join(shared, "fixtures/t5-tiny");
    nlp_toxic_options o = nlp_toxic_options_default();
    o.device = "cpu";
    nlp_toxic_model *m = NULL;
    nlp_status st = nlp_toxic_load(dir, &o, &m);
    free(dir);
    if (st != NLP_OK)
        return fail("nlp_toxic_load");
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        nlp_toxic_result *r = NULL;
        if (nlp_toxic_classify(m, texts[i], strlen(texts[i]), &r) != NLP_OK)
            return fail("nlp_toxic_classify");
        printf("toxic: %d %.4f \"%s\"\n", r->is_toxic, r->score, r->generated);
        nlp_toxic_result_free(r);
    }
    nlp_toxic_free(m);
    return 0;
}

static int run_tokenizer(const char *shared)
{
    char *dir = join(shared, "fixtures/bert-tiny-ner");
    nlp_tokenizer *tok = NULL;
    nlp_status st = nlp_tokenizer_load(dir, &tok);
    free(dir);
    if (st != NLP_OK)
        return fail("nlp_tokenizer_load");
    nlp_encoding *enc = NULL;
    if (nlp_tokenizer_encode(tok, texts[1], strlen(texts[1]), NULL, &enc) != NLP_OK)
        return fail("nlp_tokenizer_encode");
    printf("tokenizer: %zu tokens\n", nlp_encoding_count(enc));
    nlp_encoding_free(enc);
    nlp_tokenizer_free(tok);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: api_roundtrip SHARED_DIR\n");
        return 2;
    }
    if (run_ner(argv[1]) || run_toxic(argv[1]) || run_tokenizer(argv[1]))
        return 1;
    return 0;
}
