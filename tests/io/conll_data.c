/* CoNLL-2003 as shipped in ../shared: the IOB2 .txt splits and the IOB1
 * originals (eng.*), which must read to the same sentences and, after
 * conversion, the same tags. Plus the conll2003 JSON Lines layout. */
#include "io/ner_data.h"
#include "test_support.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

static nlp__ner_data *read_conll(const char *rel, const nlp__ner_read_options *o)
{
    nlp__ner_data *d = NULL;
    cr_assert_eq(nlp__conll_read(shared_path(rel), o, &d), NLP_OK, "%s", nlp_last_error());
    return d;
}

static size_t count_tag(const nlp__ner_data *d, const char *tag)
{
    size_t n = 0;
    for (size_t i = 0; i < d->token_count; i++)
        n += strcmp(d->tags[i], tag) == 0;
    return n;
}

static void expect_same(const nlp__ner_data *a, const nlp__ner_data *b)
{
    cr_assert_eq(a->sentence_count, b->sentence_count);
    cr_assert_eq(a->token_count, b->token_count);
    for (size_t s = 0; s < a->sentence_count; s++)
        cr_assert_eq(a->lengths[s], b->lengths[s], "sentence %zu", s);
    for (size_t i = 0; i < a->token_count; i++) {
        cr_assert_str_eq(a->words[i], b->words[i], "token %zu", i);
        cr_assert_str_eq(a->tags[i], b->tags[i], "token %zu", i);
    }
}

/* Sentences, tokens and the B- counts (= entities) from PROVENANCE.md. */
static const struct split {
    const char *iob2, *iob1;
    size_t sentences, tokens, per, org, loc, misc;
} splits[] = {
    {"data/conll2003/train.txt", "data/conll2003/eng.train", 14041, 203621, 6600, 6321, 7140, 3438},
    {"data/conll2003/valid.txt", "data/conll2003/eng.testa", 3250, 51362, 1842, 1341, 1837, 922},
    {"data/conll2003/test.txt", "data/conll2003/eng.testb", 3453, 46435, 1617, 1661, 1668, 702},
};

static void conll2003_splits_read_with_known_counts_and_iob1_originals_convert_to_them(void)
{
    for (size_t k = 0; k < 3; k++) {
        const struct split *sp = &splits[k];
        nlp__ner_data *d = read_conll(sp->iob2, NULL);
        cr_expect_eq(d->sentence_count, sp->sentences, "%s", sp->iob2);
        cr_expect_eq(d->token_count, sp->tokens, "%s", sp->iob2);
        cr_expect_eq(d->converted, 0, "%s is IOB2 already", sp->iob2);
        cr_expect_eq(count_tag(d, "B-PER"), sp->per);
        cr_expect_eq(count_tag(d, "B-ORG"), sp->org);
        cr_expect_eq(count_tag(d, "B-LOC"), sp->loc);
        cr_expect_eq(count_tag(d, "B-MISC"), sp->misc);
        /* Collected labels, sorted as run_ner.py sorts them. */
        cr_assert_eq(d->label_count, 9);
        cr_expect_str_eq(d->labels[0], "B-LOC");
        cr_expect_str_eq(d->labels[8], "O");
        cr_expect_eq(d->lines[0], 3);

        nlp__ner_data *orig = read_conll(sp->iob1, NULL);
        cr_expect_gt(orig->converted, 0, "%s is IOB1", sp->iob1);
        expect_same(d, orig);
        nlp__ner_data_free(orig);
        nlp__ner_data_free(d);
    }
}

static void iob1_kept_as_written_when_conversion_is_off(void)
{
    nlp__ner_read_options o = nlp__ner_read_options_default();
    o.convert_iob1 = false;
    nlp__ner_data *d = read_conll("data/conll2003/eng.testb", &o);
    cr_assert_eq(d->converted, 0);
    cr_assert_eq(count_tag(d, "B-LOC"), 6);   /* PROVENANCE.md: eng.testb B-LOC 6 */
    cr_assert_eq(count_tag(d, "I-PER"), 2773);
    nlp__ner_data_free(d);
}

static void tag_column_and_fixed_label_set(void)
{
    nlp__ner_read_options o = nlp__ner_read_options_default();
    o.tag_column = 3;
    o.labels = nlp__conll2003_labels;
    o.label_count = 9;
    nlp__ner_data *d = read_conll("data/conll2003/valid.txt", &o);
    nlp__ner_data *last = read_conll("data/conll2003/valid.txt", NULL);
    expect_same(d, last);
    /* With a fixed set the ids are the checkpoint's: B-PER is 1. */
    for (size_t i = 0; i < d->token_count; i++)
        if (strcmp(d->tags[i], "B-PER") == 0)
            cr_assert_eq(d->tag_ids[i], 1);
    nlp__ner_data_free(d);
    nlp__ner_data_free(last);
}

/* Write test.txt as conll2003 JSON Lines (integer tags) and as string
 * tags; both read back to what the CoNLL reader gives. */
static void write_jsonl(const nlp__ner_data *d, const char *path, bool ints)
{
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    for (size_t s = 0; s < d->sentence_count; s++) {
        json_t *obj = json_object(), *toks = json_array(), *tags = json_array();
        for (size_t i = d->starts[s]; i < d->starts[s] + d->lengths[s]; i++) {
            json_array_append_new(toks, json_string(d->words[i]));
            json_array_append_new(tags, ints ? json_integer(d->tag_ids[i])
                                             : json_string(d->tags[i]));
        }
        json_object_set_new(obj, "id", json_string("x"));
        json_object_set_new(obj, "tokens", toks);
        json_object_set_new(obj, "ner_tags", tags);
        char *line = json_dumps(obj, JSON_COMPACT);
        fprintf(f, "%s\n", line);
        free(line);
        json_decref(obj);
    }
    fclose(f);
}

static void conll2003_jsonl_with_int_or_string_tags_matches_conll_(void)
{
    nlp__ner_read_options o = nlp__ner_read_options_default();
    o.labels = nlp__conll2003_labels;
    o.label_count = 9;
    nlp__ner_data *d = read_conll("data/conll2003/test.txt", &o);
    char ints[4096], strs[4096];
    const char *dir = scratch_dir("ner_jsonl");
    snprintf(ints, sizeof ints, "%s/test_ints.jsonl", dir);
    snprintf(strs, sizeof strs, "%s/test_strings.jsonl", dir);
    write_jsonl(d, ints, true);
    write_jsonl(d, strs, false);
    nlp__ner_data *a = NULL, *b = NULL;
    cr_assert_eq(nlp__ner_jsonl_read(ints, &o, &a), NLP_OK, "%s", nlp_last_error());
    cr_assert_eq(nlp__ner_jsonl_read(strs, NULL, &b), NLP_OK, "%s", nlp_last_error());
    expect_same(d, a);
    expect_same(d, b);
    cr_assert_eq(a->lines[1], 2);
    nlp__ner_data *c = NULL;  /* integers need label names */
    cr_assert_eq(nlp__ner_jsonl_read(ints, NULL, &c), NLP_ERR_FORMAT);
    cr_assert(strstr(nlp_last_error(), "test_ints.jsonl:1: ner_tags are integers") != NULL,
              "%s", nlp_last_error());
    nlp__ner_data_free(a);
    nlp__ner_data_free(b);
    nlp__ner_data_free(d);
}

static void public_reader_gives_flat_arrays(void)
{
    nlp_conll *c = NULL;
    cr_assert_eq(nlp_conll_read(shared_path("data/conll2003/eng.testa"), NULL, &c), NLP_OK);
    cr_assert_eq(nlp_conll_sentence_count(c), 3250);
    cr_assert_eq(nlp_conll_token_count(c), 51362);
    size_t sum = 0;
    for (size_t s = 0; s < nlp_conll_sentence_count(c); s++)
        sum += nlp_conll_lengths(c)[s];
    cr_assert_eq(sum, 51362);
    /* "LEICESTERSHIRE NNP I-NP I-ORG" in the IOB1 file */
    cr_assert_str_eq(nlp_conll_words(c)[2], "LEICESTERSHIRE");
    cr_assert_str_eq(nlp_conll_tags(c)[2], "B-ORG");
    cr_assert_gt(nlp_conll_converted_tags(c), 0);
    cr_assert_eq(nlp_conll_sentence_line(c, 0), 3);
    cr_assert_eq(nlp_conll_sentence_line(c, 999999), 0);
    nlp_conll_free(c);
    nlp_conll_free(NULL);
}

Test(conll, conll2003_files_counts_iob1_conversion_options_and_public_reader)
{
    conll2003_splits_read_with_known_counts_and_iob1_originals_convert_to_them();
    iob1_kept_as_written_when_conversion_is_off();
    tag_column_and_fixed_label_set();
    public_reader_gives_flat_arrays();
}

Test(ner_jsonl, conll2003_jsonl_with_int_or_string_tags_matches_conll)
{
    conll2003_jsonl_with_int_or_string_tags_matches_conll_();
}
