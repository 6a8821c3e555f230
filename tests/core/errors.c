#include "core/core.h"

#include <criterion/criterion.h>
#include <string.h>

Test(errors, last_error_is_empty_not_null_before_any_failure)
{
    nlp_clear_error();
    cr_assert_not_null(nlp_last_error());
    cr_assert_str_eq(nlp_last_error(), "");
}

Test(errors, fail_at_names_file_and_line)
{
    nlp_status st = nlp__fail_at(NLP_ERR_FORMAT, "data.conll", 42, "bad tag \"%s\"", "X-Y");
    cr_assert_eq(st, NLP_ERR_FORMAT);
    cr_assert_str_eq(nlp_last_error(), "data.conll:42: bad tag \"X-Y\"");
}

Test(errors, wrap_prepends_context)
{
    nlp__fail(NLP_ERR_IO, "no such file");
    nlp__wrap(NLP_ERR_IO, "loading %s", "model");
    cr_assert_str_eq(nlp_last_error(), "loading model: no such file");
}

Test(errors, every_status_has_a_name)
{
    for (int s = NLP_OK; s <= NLP_ERR_INTERNAL; s++)
        cr_assert(strncmp(nlp_status_str((nlp_status)s), "NLP_", 4) == 0);
    cr_assert_not_null(nlp_status_str((nlp_status)999));
}

Test(version, runtime_matches_header)
{
    cr_assert_str_eq(nlp_version(), NLP_VERSION_STRING);
}

Test(utf8, rejects_overlong_surrogate_and_truncated_sequences)
{
    cr_assert_eq(nlp__utf8_check("h\xc3\xa9llo", 6), NLP_OK);
    cr_assert_eq(nlp__utf8_check("\xc0\xaf", 2), NLP_ERR_INVALID_UTF8);
    cr_assert_eq(nlp__utf8_check("\xed\xa0\x80", 3), NLP_ERR_INVALID_UTF8);
    cr_assert_eq(nlp__utf8_check("ab\xe2\x82", 4), NLP_ERR_INVALID_UTF8);
    cr_assert(strstr(nlp_last_error(), "byte 2") != NULL, "%s", nlp_last_error());
    cr_assert_eq(nlp__utf8_check("\xf4\x90\x80\x80", 4), NLP_ERR_INVALID_UTF8);
}

Test(device, parses_known_names_and_rejects_others)
{
    nlp__device d;
    cr_assert_eq(nlp__device_parse("cpu", &d), NLP_OK);
    cr_assert_eq(d.kind, NLP__DEVICE_CPU);
    cr_assert_eq(nlp__device_parse("cuda:3", &d), NLP_OK);
    cr_assert_eq(d.kind, NLP__DEVICE_CUDA);
    cr_assert_eq(d.index, 3);
    cr_assert_eq(nlp__device_parse(NULL, &d), NLP_OK);
    cr_assert_eq(d.kind, NLP__DEVICE_AUTO);
    cr_assert_eq(nlp__device_parse("gpu", &d), NLP_ERR_INVALID_ARG);
    cr_assert_eq(nlp__device_parse("cuda:", &d), NLP_ERR_INVALID_ARG);
    cr_assert_eq(nlp__device_parse("cuda:1x", &d), NLP_ERR_INVALID_ARG);
}
