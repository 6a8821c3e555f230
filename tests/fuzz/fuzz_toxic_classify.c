/* fuzz_toxic_classify.c - libFuzzer target: nlp_toxic_classify (the
 * public API) on the tiny T5 fixture (fixtures/t5-tiny of the shared
 * folder, $NLP_SHARED_DIR or ../shared beside the checkout; the target
 * skips with exit 77 when it is absent), with the default label words and
 * the encoder input cut to 32 tokens. Any bytes: the call must fail with
 * NLP_ERR_INVALID_UTF8 and a message, or give a result with a score in
 * [0, 1], a 0/1 verdict and a generated string. */
#include "fuzz_support.h"

#include <nlp/nlp.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static nlp_toxic_model *model;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    char *dir = nlp_fuzz_shared("fuzz_toxic_classify", "fixtures/t5-tiny");
    nlp_toxic_options o = nlp_toxic_options_default();
    o.device = "cpu";
    o.max_input_tokens = 32;
    if (nlp_toxic_load(dir, &o, &model) != NLP_OK) {
        fprintf(stderr, "fuzz_toxic_classify: %s\n", nlp_last_error());
        abort();
    }
    free(dir);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    nlp_toxic_result *r = NULL;
    nlp_status st = nlp_toxic_classify(model, (const char *)data, size, &r);
    if (st != NLP_OK) {
        if (st != NLP_ERR_INVALID_UTF8 || r || !nlp_last_error()[0])
            abort();
        return 0;
    }
    if (!(r->score >= 0 && r->score <= 1) || (r->is_toxic != 0 && r->is_toxic != 1) ||
        !r->generated)
        abort();
    nlp_toxic_result_free(r);
    return 0;
}
