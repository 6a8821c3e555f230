/* bert_fixtures.c - every row of the Hugging Face golden files for BERT
 * (../shared/fixtures/tokenizers/bert_*.jsonl) must come out identical:
 * ids, tokens, code point and byte offsets, word ids. The tokenizer is
 * loaded twice, from tokenizer.json and from vocab.txt alone. */
#include "fixture_rows.h"
#include "test_support.h"
#include "text/tokenizer.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static nlp__tokenizer *load(const char *rel)
{
    nlp__tokenizer *tok = NULL;
    nlp_status st = nlp_tokenizer_load(shared_path(rel), &tok); /* tokenizer_config.json too */
    cr_assert_eq(st, NLP_OK, "loading %s: %s", rel, nlp_last_error());
    cr_assert_eq(tok->kind, NLP_TOKENIZER_BERT);
    return tok;
}

/* Encode one row (text or words) and compare with the golden fields. */
static void check_row(const void *ctx, json_t *row, size_t line, mismatch_log *log)
{
    const nlp__tokenizer *tok = ctx;
    json_t *words = json_object_get(row, "words");
    nlp__encoding *enc = NULL;
    nlp_status st;
    row_words w = {0};
    if (words) {
        row_words_read(words, &w);
        st = nlp__tokenizer_encode_words(tok, (const char *const *)w.words, w.lens, w.n, true, 0,
                                         &enc);
    } else {
        json_t *t = json_object_get(row, "text");
        st = nlp__tokenizer_encode(tok, json_string_value(t), json_string_length(t), true, 0,
                                   &enc);
    }
    if (st != NLP_OK) {
        mismatch(log, line, "encode failed: %s", nlp_last_error());
    } else {
        compare_encoding(enc, row, &w, line, log);
        nlp__encoding_free(enc);
    }
    row_words_free(&w);
}

static void check_file(const char *fixture, const char *tokenizer_rel, size_t expect_rows)
{
    nlp__tokenizer *tok = load(tokenizer_rel);
    mismatch_log log = {.file = fixture};
    size_t rows = for_each_row(shared_path(fixture), tok, check_row, &log);
    cr_expect_eq(rows, expect_rows, "%s: read %zu rows, expected %zu", fixture, rows,
                 expect_rows);
    cr_assert_eq(log.count, 0, "%s with %s: %zu of %zu rows differ; first:\n%s", fixture,
                 tokenizer_rel, log.count, rows, log.first);
    nlp__tokenizer_free(tok);
}

Test(bert_fixtures, text_rows_match_hf_with_tokenizer_json, .timeout = 600)
{
    check_file("fixtures/tokenizers/bert_text.jsonl", "data/bert-base-cased/save_pretrained_copy",
               2248);
}

Test(bert_fixtures, text_rows_match_hf_with_vocab_txt, .timeout = 600)
{
    check_file("fixtures/tokenizers/bert_text.jsonl", "data/bert-base-cased/vocab.txt", 2248);
}

Test(bert_fixtures, word_rows_match_hf_with_tokenizer_json, .timeout = 600)
{
    check_file("fixtures/tokenizers/bert_words.jsonl", "data/bert-base-cased/save_pretrained_copy",
               14041);
}

Test(bert_fixtures, word_rows_match_hf_with_vocab_txt, .timeout = 600)
{
    check_file("fixtures/tokenizers/bert_words.jsonl", "data/bert-base-cased/vocab.txt", 14041);
}
