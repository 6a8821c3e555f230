/* Broken data files: every error names the file and the line. */
#include "io/ner_data.h"
#include "io/text_data.h"
#include "test_support.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

static const char *write_file(const char *name, const char *text)
{
    static char path[4096];
    snprintf(path, sizeof path, "%s/%s", scratch_dir("broken"), name);
    cr_assert(write_bytes(path, text, strlen(text)));
    return path;
}

static void expect_error_at(nlp_status got, nlp_status want, const char *file_line,
                            const char *words)
{
    cr_assert_eq(got, want, "status %d, message: %s", got, nlp_last_error());
    cr_assert(strstr(nlp_last_error(), file_line) != NULL, "'%s' lacks '%s'", nlp_last_error(),
              file_line);
    cr_assert(strstr(nlp_last_error(), words) != NULL, "'%s' lacks '%s'", nlp_last_error(),
              words);
}

static nlp_status conll(const char *name, const char *text, const nlp__ner_read_options *o)
{
    nlp__ner_data *d = NULL;
    nlp_status st = nlp__conll_read(write_file(name, text), o, &d);
    cr_assert(st != NLP_OK || d != NULL);
    nlp__ner_data_free(d);
    return st;
}

static void conll_ragged_line(void)
{
    expect_error_at(conll("ragged.conll", "EU NNP B-ORG\nrejects O\n", NULL),
                    NLP_ERR_FORMAT, "ragged.conll:2:", "2 columns, expected 3 as on line 1");
}

static void conll_bad_tag_and_label_outside_the_set(void)
{
    expect_error_at(conll("badtag.conll", "-DOCSTART- O\n\nEU B-ORG\n\nx X-FOO\n", NULL),
                    NLP_ERR_FORMAT, "badtag.conll:5:", "bad NER tag \"X-FOO\"");
    nlp__ner_read_options o = nlp__ner_read_options_default();
    o.labels = nlp__conll2003_labels;
    o.label_count = 9;
    expect_error_at(conll("unknown.conll", "EU B-ORG\nx B-DATE\n", &o), NLP_ERR_FORMAT,
                    "unknown.conll:2:", "\"B-DATE\" is not in the label set");
}

static void conll_missing_tag_column_single_column_and_bad_utf8(void)
{
    nlp__ner_read_options o = nlp__ner_read_options_default();
    o.tag_column = 5;
    expect_error_at(conll("cols.conll", "EU NNP B-ORG\n", &o), NLP_ERR_FORMAT, "cols.conll:1:",
                    "no tag column 5");
    expect_error_at(conll("one.conll", "\n\nEU\n", NULL), NLP_ERR_FORMAT, "one.conll:3:",
                    "expected a word and a tag");
    expect_error_at(conll("utf8.conll", "EU O\n\xff O\n", NULL), NLP_ERR_INVALID_UTF8,
                    "utf8.conll:2:", "UTF-8");
    nlp__ner_data *d = NULL;
    cr_assert_eq(nlp__conll_read("/nonexistent/x.conll", NULL, &d), NLP_ERR_IO);
}

static void ner_jsonl_errors(void)
{
    nlp__ner_data *d = NULL;
    const char *p = write_file("bad.jsonl", "{\"tokens\": [\"a\"], \"ner_tags\": [\"O\"]}\n"
                                            "{\"tokens\": [\"a\", \"b\"], \"ner_tags\": [\"O\"]}\n");
    expect_error_at(nlp__ner_jsonl_read(p, NULL, &d), NLP_ERR_FORMAT, "bad.jsonl:2:",
                    "2 tokens but 1 ner_tags");
    p = write_file("syntax.jsonl", "\n{\"tokens\": [\"a\"], \"ner_tags\": [\"O\"]}\n{\"tokens\": \n");
    expect_error_at(nlp__ner_jsonl_read(p, NULL, &d), NLP_ERR_FORMAT, "syntax.jsonl:3:",
                    "bad JSON");
    nlp__ner_read_options o = nlp__ner_read_options_default();
    o.labels = nlp__conll2003_labels;
    o.label_count = 9;
    p = write_file("range.jsonl", "{\"tokens\": [\"a\"], \"ner_tags\": [9]}\n");
    expect_error_at(nlp__ner_jsonl_read(p, &o, &d), NLP_ERR_FORMAT, "range.jsonl:1:",
                    "ner_tags[0] = 9 is not a label id");
}

static nlp_status text(const char *name, const char *content, const nlp__text_options *o)
{
    nlp__text_data *d = NULL;
    nlp_status st = nlp__text_data_read(write_file(name, content), o, &d);
    nlp__text_data_free(d);
    return st;
}

static void csv_unterminated_quote_names_the_line_the_field_opens(void)
{
    expect_error_at(text("quote.csv", "user_input,toxicity\nhello,0\n\"open\nstill open\n", NULL),
                    NLP_ERR_FORMAT, "quote.csv:3:", "unterminated quoted field");
}

static void csv_missing_column_short_row_bad_label_stray_quote(void)
{
    expect_error_at(text("nocol.csv", "conv_id,user_input\na,b\n", NULL), NLP_ERR_FORMAT,
                    "nocol.csv:1:", "no label column");
    nlp__text_options o = {"prompt", NULL};
    expect_error_at(text("named.csv", "user_input,toxicity\na,0\n", &o), NLP_ERR_FORMAT,
                    "named.csv:1:", "no text column \"prompt\"");
    expect_error_at(text("short.csv", "id,user_input,toxicity\n1,\"a\nb\",0\n2,c\n", NULL),
                    NLP_ERR_FORMAT, "short.csv:4:", "2 fields, the header has 3");
    expect_error_at(text("label.csv", "user_input,toxicity\nfine,0\n\"x,\ny\",maybe\n", NULL),
                    NLP_ERR_FORMAT, "label.csv:3:", "bad label \"maybe\"");
    expect_error_at(text("stray.csv", "user_input,toxicity\nfine,0\nsay \"hi\",1\n", NULL),
                    NLP_ERR_FORMAT, "stray.csv:3:", "malformed CSV");
}

static void jsonl_text_errors(void)
{
    expect_error_at(text("t.jsonl", "{\"user_input\": \"a\", \"toxicity\": 0}\n"
                                    "{\"user_input\": \"b\", \"toxicity\": 2}\n", NULL),
                    NLP_ERR_FORMAT, "t.jsonl:2:", "bad label \"2\"");
    expect_error_at(text("u.jsonl", "{\"toxicity\": 0}\n", NULL), NLP_ERR_FORMAT, "u.jsonl:1:",
                    "no text \"text\"");
    expect_error_at(text("v.jsonl", "[1]\n", NULL), NLP_ERR_FORMAT, "v.jsonl:1:",
                    "expected a JSON object");
}

Test(broken, every_data_error_names_file_and_line)
{
    conll_ragged_line();
    conll_bad_tag_and_label_outside_the_set();
    conll_missing_tag_column_single_column_and_bad_utf8();
    ner_jsonl_errors();
    csv_unterminated_quote_names_the_line_the_field_opens();
    csv_missing_column_short_row_bad_label_stray_quote();
    jsonl_text_errors();
}
