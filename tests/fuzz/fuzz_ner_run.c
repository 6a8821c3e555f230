/* fuzz_ner_run.c - libFuzzer target: nlp_ner_run (the public API) on the
 * tiny BERT fixture (fixtures/bert-tiny-ner of the shared folder,
 * $NLP_SHARED_DIR or ../shared beside the checkout; the target skips with
 * exit 77 when it is absent). Any bytes: the call must fail with
 * NLP_ERR_INVALID_UTF8 and a message, or give entities in text order, not
 * overlapping, inside the text, whose text is the span's bytes then a
 * NUL (a NUL inside the text stays inside the entity's bytes). The model
 * is loaded with a short window (max_length 16, stride 4) so that short
 * inputs already cross windows. */
#include "fuzz_support.h"

#include <nlp/nlp.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static nlp_ner_model *model;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    char *dir = nlp_fuzz_shared("fuzz_ner_run", "fixtures/bert-tiny-ner");
    nlp_ner_options o = nlp_ner_options_default();
    o.device = "cpu";
    o.max_length = 16;
    o.stride = 4;
    if (nlp_ner_load(dir, &o, &model) != NLP_OK) {
        fprintf(stderr, "fuzz_ner_run: %s\n", nlp_last_error());
        abort();
    }
    free(dir);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    nlp_entities *ents = NULL;
    nlp_status st = nlp_ner_run(model, text, size, &ents);
    if (st != NLP_OK) {
        if (st != NLP_ERR_INVALID_UTF8 || ents || !nlp_last_error()[0])
            abort();
        return 0;
    }
    size_t end = 0;
    for (size_t i = 0; i < nlp_entities_count(ents); i++) {
        const nlp_entity *e = nlp_entities_get(ents, i);
        if (e->byte_start < end || e->byte_end <= e->byte_start || e->byte_end > size ||
            e->char_end <= e->char_start || !e->label || e->score < 0 || e->score > 1 ||
            e->text[e->byte_end - e->byte_start] != '\0' ||
            memcmp(e->text, text + e->byte_start, e->byte_end - e->byte_start) != 0)
            abort();
        end = e->byte_end;
    }
    nlp_entities_free(ents);
    return 0;
}
