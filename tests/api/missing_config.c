/* A checkpoint folder without config.json is NLP_ERR_IO, naming the file
 * once, from every entry point that reads one. */
#include "test_support.h"

#include <nlp/nlp.h>

#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void expect_io(nlp_status st, const char *what)
{
    cr_expect_eq(st, NLP_ERR_IO, "%s: %s (%s)", what, nlp_status_str(st), nlp_last_error());
    const char *e = nlp_last_error();
    const char *at = strstr(e, "config.json");
    cr_expect(at, "%s: %s", what, e);
    if (at)
        cr_expect(!strstr(at + 1, "config.json"), "%s: path twice: %s", what, e);
}

Test(missing_config, every_loader_says_io)
{
    const char *dir = scratch_dir("no-config");
    char vocab[4200];
    snprintf(vocab, sizeof vocab, "%s/vocab.txt", dir);
    cr_assert(write_bytes(vocab, "[PAD]\n", 6));
    nlp_ner_model *ner = NULL;
    expect_io(nlp_ner_load(dir, NULL, &ner), "nlp_ner_load");
    nlp_t5_model *t5 = NULL;
    expect_io(nlp_t5_load(dir, NULL, &t5), "nlp_t5_load");
    nlp_toxic_model *toxic = NULL;
    expect_io(nlp_toxic_load(dir, NULL, &toxic), "nlp_toxic_load");
    char *info = NULL;
    expect_io(nlp_checkpoint_info(dir, &info), "nlp_checkpoint_info");
    char cfg[4200];
    snprintf(cfg, sizeof cfg, "%s/config.json", dir);
    expect_io(nlp_bert_init(cfg, vocab, 1, scratch_dir("no-config-out")),
              "nlp_bert_init");
    expect_io(nlp_t5_init(cfg, 1, scratch_dir("no-config-t5")), "nlp_t5_init");
}
