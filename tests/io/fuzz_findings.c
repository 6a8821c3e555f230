/* fuzz_findings.c - inputs the fuzz targets found, as unit tests (the raw
 * inputs are replayed under tests/fuzz too, and under UBSan in the asan
 * preset, where the original bug was a report). */
#include "test_support.h"
#include "io/ner_data.h"

#include <criterion/criterion.h>

/* fuzz_conll / fuzz_jsonl_ner: a file without a single token passed NULL
 * to memcpy when sorting the (empty) label set. */
Test(fuzz_findings, conll_file_without_tokens_reads_as_empty)
{
    const char *path = scratch_file("no_tokens.conll", "\n\n\n");
    nlp__ner_read_options o = nlp__ner_read_options_default();
    nlp__ner_data *d = NULL;
    cr_assert_eq(nlp__conll_read(path, &o, &d), NLP_OK, "%s", nlp_last_error());
    cr_assert_eq(d->token_count, 0);
    cr_assert_eq(d->label_count, 0);
    nlp__ner_data_free(d);
}

Test(fuzz_findings, jsonl_file_without_tokens_reads_as_empty)
{
    const char *path = scratch_file("no_tokens.jsonl", "{\"tokens\": [], \"ner_tags\": []}\n");
    nlp__ner_read_options o = nlp__ner_read_options_default();
    nlp__ner_data *d = NULL;
    cr_assert_eq(nlp__ner_jsonl_read(path, &o, &d), NLP_OK, "%s", nlp_last_error());
    cr_assert_eq(d->sentence_count, 0);
    nlp__ner_data_free(d);
}
