/* toxic-chat (human-annotated rows of toxicchat0124) as CSV and as JSON
 * Lines: known row and toxic counts, and both formats give the same rows. */
#include "io/text_data.h"
#include "test_support.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

static nlp__text_data *read_rows(const char *rel)
{
    nlp__text_data *d = NULL;
    cr_assert_eq(nlp__text_data_read(shared_path(rel), NULL, &d), NLP_OK, "%s",
                 nlp_last_error());
    return d;
}

static size_t with_newline(const nlp__text_data *d)
{
    size_t n = 0;
    for (size_t i = 0; i < d->count; i++)
        n += memchr(d->rows[i].text, '\n', d->rows[i].length) != NULL;
    return n;
}

static void toxic_chat_csv_and_jsonl_agree_with_known_counts(void)
{
    static const struct {
        const char *csv, *jsonl;
        size_t rows, toxic, newline;
    } splits[] = {
        {"data/toxic-chat/toxicchat0124-human/train.csv",
         "data/toxic-chat/toxicchat0124-human/train.jsonl", 2801, 384, 369},
        {"data/toxic-chat/toxicchat0124-human/test.csv",
         "data/toxic-chat/toxicchat0124-human/test.jsonl", 2853, 362, 368},
    };
    for (size_t k = 0; k < 2; k++) {
        nlp__text_data *c = read_rows(splits[k].csv), *j = read_rows(splits[k].jsonl);
        cr_expect_eq(c->count, splits[k].rows, "%s", splits[k].csv);
        cr_expect_eq(c->positives, splits[k].toxic, "%s", splits[k].csv);
        cr_expect_eq(with_newline(c), splits[k].newline, "%s", splits[k].csv);
        cr_assert_eq(j->count, c->count);
        cr_expect_eq(j->positives, c->positives);
        for (size_t i = 0; i < c->count; i++) {
            cr_assert_eq(c->rows[i].length, j->rows[i].length, "row %zu", i);
            cr_assert(memcmp(c->rows[i].text, j->rows[i].text, c->rows[i].length) == 0,
                      "row %zu", i);
            cr_assert_eq(c->rows[i].label, j->rows[i].label, "row %zu", i);
            cr_assert_eq(j->rows[i].line, (long)i + 1);
        }
        cr_expect_eq(c->rows[0].line, 2);
        if (k == 0)
            cr_expect_str_eq(c->rows[0].text, "Masturbacja jest proces co oitrzebuje");
        nlp__text_data_free(c);
        nlp__text_data_free(j);
    }
}

static void csv_line_numbers_follow_multi_line_fields(void)
{
    nlp__text_data *d = read_rows("data/toxic-chat/toxicchat0124-human/train.csv");
    /* Row 3 starts on line 4 and spans lines, so row 4 starts later. */
    cr_assert_eq(d->rows[2].line, 4);
    cr_assert_gt(d->rows[3].line, 5);
    nlp__text_data_free(d);
}

static void named_columns_and_blanks_kept(void)
{
    const char *dir = scratch_dir("text_named");
    char path[4096];
    snprintf(path, sizeof path, "%s/x.csv", dir);
    const char *csv = "jailbreaking,prompt\n1,\"  padded, \"\"quoted\"\"  \"\nfalse,plain \n";
    cr_assert(write_bytes(path, csv, strlen(csv)));
    nlp__text_options o = {"prompt", "jailbreaking"};
    nlp__text_data *d = NULL;
    cr_assert_eq(nlp__text_data_read(path, &o, &d), NLP_OK, "%s", nlp_last_error());
    cr_assert_eq(d->count, 2);
    cr_assert_str_eq(d->rows[0].text, "  padded, \"quoted\"  ");
    cr_assert_eq(d->rows[0].label, 1);
    cr_assert_str_eq(d->rows[1].text, "plain ");
    cr_assert_eq(d->rows[1].label, 0);
    nlp__text_data_free(d);
}

Test(text_data, toxic_chat_csv_jsonl_counts_line_numbers_and_columns)
{
    toxic_chat_csv_and_jsonl_agree_with_known_counts();
    csv_line_numbers_follow_multi_line_fields();
    named_columns_and_blanks_kept();
}
