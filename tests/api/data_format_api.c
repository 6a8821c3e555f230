/* The exported data-file readers: nlp_conll_read detects the format as
 * every reader does (lib/io's data_format tests hold the rules). */
#include "test_support.h"

#include <nlp/nlp.h>

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

Test(data_format_api, detect_checks_its_arguments)
{
    nlp_data_format f;
    cr_assert_eq(nlp_data_format_detect(NULL, &f), NLP_ERR_INVALID_ARG);
    cr_assert(strstr(nlp_last_error(), "nlp_data_format_detect: path is NULL"), "%s", nlp_last_error());
    cr_assert_eq(nlp_data_format_detect(scratch_file("data_format_api_x.conll", "a O\n"), NULL), NLP_ERR_INVALID_ARG);
    cr_assert_eq(nlp_data_format_detect(scratch_file("data_format_api_y.conll", "a O\n"), &f), NLP_OK);
    cr_assert_eq(f, NLP_DATA_CONLL);
}

Test(data_format_api, conll_reader_takes_conll2003_jsonl_with_integer_tags)
{
    nlp_conll *c = NULL;
    const char *p = scratch_file("data_format_api_ids.data", "{\"tokens\": [\"EU\", \"rejects\"], \"ner_tags\": [3, 0]}\n");
    cr_assert_eq(nlp_conll_read(p, NULL, &c), NLP_OK, "%s", nlp_last_error());
    cr_assert_eq(nlp_conll_token_count(c), 2);
    cr_assert_str_eq(nlp_conll_tags(c)[0], "B-ORG");
    cr_assert_str_eq(nlp_conll_tags(c)[1], "O");
    nlp_conll_free(c);
}

Test(data_format_api, conll_reader_refuses_csv_saying_so)
{
    nlp_conll *c = NULL;
    const char *p = scratch_file("data_format_api_rows.csv", "text,label\nhi,0\n");
    cr_assert_eq(nlp_conll_read(p, NULL, &c), NLP_ERR_FORMAT);
    cr_assert(strstr(nlp_last_error(), "looks like CSV"), "%s", nlp_last_error());
}

Test(data_format_api, names_are_stable)
{
    cr_assert_str_eq(nlp_data_format_name(NLP_DATA_CONLL), "conll");
    cr_assert_str_eq(nlp_data_format_name(NLP_DATA_JSONL), "jsonl");
    cr_assert_str_eq(nlp_data_format_name(NLP_DATA_CSV), "csv");
    cr_assert_str_eq(nlp_data_format_name((nlp_data_format)0), "unknown");
}
