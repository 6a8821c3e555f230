/* Data-file format detection: content first, then the name; the same
 * answer for every reader (nlp_conll_read, the classification readers). */
#include "io/data_format.h"
#include "test_support.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

static nlp_data_format detect(const char *name, const char *text)
{
    nlp_data_format f = 0;
    cr_assert_eq(nlp__data_format_detect(scratch_file(name, text), &f), NLP_OK, "%s",
                 nlp_last_error());
    return f;
}

Test(data_format, json_object_first_line_is_jsonl_whatever_the_name)
{
    cr_assert_eq(detect("a.txt", "\n\n  {\"tokens\": []}\n"), NLP_DATA_JSONL);
    cr_assert_eq(detect("b.csv", "{\"text\": \"x\"}\n"), NLP_DATA_JSONL);
}

Test(data_format, jsonl_name_wins_over_non_json_content)
{
    cr_assert_eq(detect("c.jsonl", "not json\n"), NLP_DATA_JSONL);
}

Test(data_format, csv_by_name_or_by_a_comma_header)
{
    cr_assert_eq(detect("d.csv", "text label\n"), NLP_DATA_CSV);
    cr_assert_eq(detect("e.data", "user_input,toxicity\nhi,0\n"), NLP_DATA_CSV);
}

Test(data_format, whitespace_columns_are_conll)
{
    cr_assert_eq(detect("f.txt", "-DOCSTART- -X- O O\n\nEU NNP B-NP B-ORG\n"), NLP_DATA_CONLL);
    cr_assert_eq(detect("g", "Paris,France B-LOC\n"), NLP_DATA_CONLL);
}

Test(data_format, empty_file_is_a_format_error_naming_it)
{
    nlp_data_format f;
    const char *p = scratch_file("data_format_empty.conll", " \n\t\n");
    cr_assert_eq(nlp__data_format_detect(p, &f), NLP_ERR_FORMAT);
    cr_assert(strstr(nlp_last_error(), "data_format_empty.conll: empty file"), "%s",
              nlp_last_error());
}

Test(data_format, missing_file_is_io_naming_it_once)
{
    nlp_data_format f;
    cr_assert_eq(nlp__data_format_detect("/nonexistent/x.conll", &f), NLP_ERR_IO);
    const char *msg = nlp_last_error(), *first = strstr(msg, "/nonexistent/x.conll");
    cr_assert(first && !strstr(first + 1, "/nonexistent/x.conll"), "%s", msg);
}
