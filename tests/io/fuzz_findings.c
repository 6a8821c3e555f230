/* fuzz_findings.c - inputs the fuzz targets found, as unit tests (the raw
 * inputs are replayed under tests/fuzz too, and under UBSan in the asan
 * preset, where the original bug was a report). */
#include "test_support.h"
#include "io/ner_data.h"
#include "io/text_data.h"

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

/* fuzz_text_data: records separated by bare CRs start inside a line, and
 * were given line 0 (feed() only marked records that start a line). */
Test(fuzz_findings, csv_records_after_bare_cr_get_their_line)
{
    const char *path = scratch_file("bare_cr.csv", "\r\r\rtext,label\r,FALSE\r\nhi,1\n");
    nlp__text_data *d = NULL;
    cr_assert_eq(nlp__csv_text_read(path, NULL, &d), NLP_OK, "%s", nlp_last_error());
    cr_assert_eq(d->count, 2);
    cr_assert_eq(d->rows[0].line, 1);
    cr_assert_eq(d->rows[0].label, 0);
    cr_assert_eq(d->rows[1].line, 2);
    cr_assert_str_eq(d->rows[1].text, "hi");
    nlp__text_data_free(d);
}
