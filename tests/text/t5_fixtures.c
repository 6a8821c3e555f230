/* t5_fixtures.c - every row of the Hugging Face golden file for T5
 * (../shared/fixtures/tokenizers/t5_text.jsonl) must come out identical:
 * ids, token strings ("pieces") and decoded text. The file has no offsets,
 * so spans are checked for sanity (inside the text, ordered, code points
 * consistent with bytes). Loaded from the checkpoint directory (tokenizer.json
 * wins, as in HF) and from spiece.model alone. */
#include "fixture_rows.h"
#include "test_support.h"
#include "text/tokenizer.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

/* The first index where ids or pieces differ, or -1. */
static long first_difference(const nlp__encoding *enc, json_t *row)
{
    json_t *ids = json_object_get(row, "input_ids"), *pieces = json_object_get(row, "pieces");
    size_t n = json_array_size(ids);
    for (size_t i = 0; i < n && i < enc->count; i++) {
        json_t *piece = json_array_get(pieces, i); /* may hold a NUL: compare lengths */
        if (enc->ids[i] != json_integer_value(json_array_get(ids, i)) ||
            enc->token_len[i] != json_string_length(piece) ||
            memcmp(enc->tokens[i], json_string_value(piece), enc->token_len[i]) != 0)
            return (long)i;
    }
    return n == enc->count ? -1 : (long)(n < enc->count ? n : enc->count);
}

/* Spans lie in the text, starts never go back, char offsets match bytes. */
static bool spans_sane(const nlp__encoding *enc, const char *text, size_t len)
{
    int64_t last = 0;
    for (size_t i = 0; i < enc->count; i++) {
        if (enc->special[i])
            continue;
        int64_t s = enc->byte_start[i], e = enc->byte_end[i];
        if (s < last || e < s || e > (int64_t)len)
            return false;
        int64_t cs = 0;
        for (int64_t b = 0; b < s; b++)
            cs += ((unsigned char)text[b] & 0xC0) != 0x80;
        if (enc->char_start[i] != cs)
            return false;
        last = s;
    }
    return true;
}

static void check_row(const void *ctx, json_t *row, size_t line, mismatch_log *log)
{
    const nlp__tokenizer *tok = ctx;
    json_t *t = json_object_get(row, "text");
    const char *text = json_string_value(t);
    size_t len = json_string_length(t);
    nlp__encoding *enc = NULL;
    if (nlp__tokenizer_encode(tok, text, len, true, 0, &enc) != NLP_OK) {
        mismatch(log, line, "encode failed: %s", nlp_last_error());
        return;
    }
    long at = first_difference(enc, row);
    char *decoded = NULL;
    if (at >= 0)
        mismatch(log, line, "ids or pieces differ from token %ld on", at);
    else if (!spans_sane(enc, text, len))
        mismatch(log, line, "offsets out of order or outside the text");
    else if (nlp__tokenizer_decode(tok, enc->ids, enc->count, true, &decoded) != NLP_OK)
        mismatch(log, line, "decode failed: %s", nlp_last_error());
    else if (strcmp(decoded, json_string_value(json_object_get(row, "decoded"))) != 0)
        mismatch(log, line, "decoded \"%s\"", decoded);
    free(decoded);
    nlp__encoding_free(enc);
}

static void check_file(const char *tokenizer_rel)
{
    const char *fixture = "fixtures/tokenizers/t5_text.jsonl";
    nlp__tokenizer *tok = NULL;
    cr_assert_eq(nlp_tokenizer_load(shared_path(tokenizer_rel), &tok), NLP_OK, "%s: %s",
                 tokenizer_rel, nlp_last_error());
    cr_assert_eq(tok->kind, NLP_TOKENIZER_T5);
    mismatch_log log = {.file = fixture};
    size_t rows = for_each_row(shared_path(fixture), tok, check_row, &log);
    cr_expect_eq(rows, 2117, "read %zu rows of %s, expected 2117", rows, fixture);
    cr_assert_eq(log.count, 0, "%s with %s: %zu of %zu rows differ; first:\n%s", fixture,
                 tokenizer_rel, log.count, rows, log.first);
    nlp__tokenizer_free(tok);
}

Test(t5_fixtures, rows_match_hf_with_tokenizer_json, .timeout = 300)
{
    check_file("data/t5-small");
}

Test(t5_fixtures, rows_match_hf_with_spiece_model, .timeout = 300)
{
    check_file("data/t5-small/spiece.model");
}
