/* T5 tokenizer, internal interface (t5_tokenizer.h): behaviour beyond the
 * golden file, which t5_fixtures.c checks row by row. */
#include "test_support.h"
#include "text/t5_tokenizer.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static nlp__t5_tokenizer *load_spiece(void)
{
    nlp__t5_tokenizer *tok = NULL;
    nlp_status st = nlp__t5_tokenizer_load(shared_path("data/t5-small/spiece.model"), NULL, &tok);
    cr_assert_eq(st, NLP_OK, "load spiece.model: %s", nlp_last_error());
    return tok;
}

static nlp__t5_tokenizer *load_json(void)
{
    nlp__t5_tokenizer *tok = NULL;
    nlp_status st = nlp__t5_tokenizer_load(NULL, shared_path("data/t5-small/tokenizer.json"), &tok);
    cr_assert_eq(st, NLP_OK, "load tokenizer.json: %s", nlp_last_error());
    return tok;
}

static nlp__encoding *encode(const nlp__t5_tokenizer *tok, const char *text, size_t len)
{
    nlp__encoding *enc = nlp__encoding_new();
    cr_assert_not_null(enc);
    cr_assert_eq(nlp__t5_encode(tok, text, len, true, enc), NLP_OK, "%s", nlp_last_error());
    nlp__encoding_fill_char_offsets(enc, text, len);
    return enc;
}

/* ---- behaviour ------------------------------------------------------------ */

Test(t5, both_model_files_give_the_same_vocabulary)
{
    nlp__t5_tokenizer *a = load_spiece(), *b = load_json();
    cr_assert_eq(nlp__t5_tokenizer_vocab_size(a), 32100);
    cr_assert_eq(nlp__t5_tokenizer_vocab_size(b), 32100);
    for (int32_t id = 0; id < 32100; id++)
        cr_assert_str_eq(nlp__t5_id_to_piece(a, id), nlp__t5_id_to_piece(b, id), "id %d", id);
    cr_assert_null(nlp__t5_id_to_piece(a, 32100));
    cr_assert_null(nlp__t5_id_to_piece(a, -1));
    cr_assert_eq(nlp__t5_piece_to_id(a, "<extra_id_0>", 12), 32099);
    cr_assert_eq(nlp__t5_piece_to_id(a, "<extra_id_99>", 13), 32000);
    cr_assert_eq(nlp__t5_piece_to_id(a, "\xE2\x96\x81hello", 8), 21820);
    cr_assert_eq(nlp__t5_piece_to_id(a, "no such piece", 13), -1);
    nlp__t5_tokenizer_free(a);
    nlp__t5_tokenizer_free(b);
}

Test(t5, empty_and_whitespace_only_text_give_only_eos)
{
    nlp__t5_tokenizer *tok = load_spiece();
    const char *texts[] = {"", " ", "\t\n \r\n", "\xC2\x85", "\xE3\x80\x80"};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        nlp__encoding *enc = encode(tok, texts[i], strlen(texts[i]));
        cr_assert_eq(enc->count, 1, "text %zu", i);
        cr_assert_eq(enc->ids[0], 1);
        cr_assert_str_eq(enc->tokens[0], "</s>");
        cr_assert_eq(enc->word_ids[0], -1);
        cr_assert(enc->special[0]);
        nlp__encoding_free(enc);
    }
    nlp__encoding *enc = nlp__encoding_new();
    cr_assert_eq(nlp__t5_encode(tok, "", 0, false, enc), NLP_OK);
    cr_assert_eq(enc->count, 0, "no </s> when add_eos is false");
    nlp__encoding_free(enc);
    nlp__t5_tokenizer_free(tok);
}

Test(t5, special_tokens_in_text_are_matched_with_offsets_and_word_ids)
{
    nlp__t5_tokenizer *tok = load_spiece();
    const char *text = "hello </s> world<extra_id_10>";
    nlp__encoding *enc = encode(tok, text, strlen(text));
    int32_t ids[] = {21820, 1, 296, 32089, 1};
    int64_t bs[] = {0, 6, 11, 16, 0}, be[] = {5, 10, 16, 29, 0};
    int32_t words[] = {0, 1, 2, 3, -1};
    cr_assert_eq(enc->count, 5);
    for (size_t i = 0; i < 5; i++) {
        cr_assert_eq(enc->ids[i], ids[i], "token %zu", i);
        cr_assert_eq(enc->byte_start[i], bs[i], "token %zu", i);
        cr_assert_eq(enc->byte_end[i], be[i], "token %zu", i);
        cr_assert_eq(enc->word_ids[i], words[i], "token %zu", i);
    }
    cr_assert_str_eq(enc->tokens[3], "<extra_id_10>");
    cr_assert_not(enc->special[1], "a typed </s> is not in HF's special mask");
    cr_assert(enc->special[4]);
    nlp__encoding_free(enc);
    nlp__t5_tokenizer_free(tok);
}

Test(t5, offsets_point_into_the_original_text)
{
    nlp__t5_tokenizer *tok = load_spiece();
    /* "Ｈｅｌｌｏ" is NFKC-normalized to "Hello": one token over 15 bytes;
     * "①②" becomes "12"; the tab is removed by the split. */
    const char *text = "\xEF\xBC\xA8\xEF\xBD\x85\xEF\xBD\x8C\xEF\xBD\x8C\xEF\xBD\x8F\t"
                       "caf\xC3\xA9 \xE2\x91\xA0\xE2\x91\xA1\xE2\x91\xA2";
    nlp__encoding *enc = encode(tok, text, strlen(text));
    cr_assert_str_eq(enc->tokens[0], "\xE2\x96\x81Hello");
    cr_assert_eq(enc->byte_start[0], 0);
    cr_assert_eq(enc->byte_end[0], 15);
    cr_assert_eq(enc->char_end[0], 5);
    cr_assert_str_eq(enc->tokens[1], "\xE2\x96\x81" "caf\xC3\xA9");
    cr_assert_eq(enc->byte_start[1], 16);
    cr_assert_eq(enc->byte_end[1], 21);
    cr_assert_eq(enc->char_start[1], 6);
    cr_assert_eq(enc->char_end[1], 10);
    /* "▁" then "123": the lone "▁" spans the first char of its word (HF). */
    cr_assert_str_eq(enc->tokens[2], "\xE2\x96\x81");
    cr_assert_eq(enc->byte_start[2], 22);
    cr_assert_eq(enc->byte_end[2], 25);
    cr_assert_str_eq(enc->tokens[3], "123");
    cr_assert_eq(enc->byte_start[3], 22);
    cr_assert_eq(enc->byte_end[3], 31);
    cr_assert_eq(enc->word_ids[3], 2);
    nlp__encoding_free(enc);
    nlp__t5_tokenizer_free(tok);
}

Test(t5, nul_bytes_are_text_not_terminators)
{
    nlp__t5_tokenizer *tok = load_spiece();
    nlp__encoding *enc = encode(tok, "a\0b", 3);
    int32_t ids[] = {3, 9, 2, 115, 1};
    cr_assert_eq(enc->count, 5);
    for (size_t i = 0; i < 5; i++)
        cr_assert_eq(enc->ids[i], ids[i], "token %zu", i);
    cr_assert_eq(enc->token_len[2], 1, "the unknown piece is the NUL itself");
    cr_assert_eq(enc->tokens[2][0], '\0');
    cr_assert_eq(enc->byte_start[2], 1);
    cr_assert_eq(enc->byte_end[2], 2);
    nlp__encoding_free(enc);
    nlp__t5_tokenizer_free(tok);
}

Test(t5, long_text_without_spaces_and_with_many_words)
{
    nlp__t5_tokenizer *tok = load_spiece();
    size_t n = 1 << 20;
    char *text = malloc(n);
    cr_assert_not_null(text);
    memset(text, 'a', n);
    nlp__encoding *enc = encode(tok, text, n);
    cr_assert_gt(enc->count, 1000);
    cr_assert_eq(enc->byte_end[enc->count - 2], (int64_t)n);
    nlp__encoding_free(enc);
    for (size_t i = 0; i < n; i++)
        text[i] = i % 3 == 2 ? ' ' : 'b';
    enc = encode(tok, text, n);
    cr_assert_eq(enc->word_ids[enc->count - 2], (int32_t)((n + 2) / 3 - 1));
    nlp__encoding_free(enc);
    free(text);
    nlp__t5_tokenizer_free(tok);
}

Test(t5, decode_keeps_or_skips_specials)
{
    nlp__t5_tokenizer *tok = load_spiece();
    int32_t ids[] = {0, 21820, 2, 32099, 296, 1, 99999, -5};
    char *s = NULL;
    cr_assert_eq(nlp__t5_decode(tok, ids, 8, true, &s), NLP_OK);
    cr_assert_str_eq(s, "hello world");
    free(s);
    cr_assert_eq(nlp__t5_decode(tok, ids, 8, false, &s), NLP_OK);
    cr_assert_str_eq(s, "<pad> hello<unk><extra_id_0> world</s>");
    free(s);
    cr_assert_eq(nlp__t5_decode(tok, ids, 0, true, &s), NLP_OK);
    cr_assert_str_eq(s, "");
    free(s);
    nlp__t5_tokenizer_free(tok);
}

Test(t5, bad_model_files_are_errors_not_crashes)
{
    nlp__t5_tokenizer *tok = (nlp__t5_tokenizer *)1;
    cr_assert_eq(nlp__t5_tokenizer_load(NULL, NULL, &tok), NLP_ERR_INVALID_ARG);
    cr_assert_null(tok);
    cr_assert_eq(nlp__t5_tokenizer_load("/nonexistent/spiece.model", NULL, &tok), NLP_ERR_IO);
    cr_assert_eq(nlp__t5_tokenizer_load(NULL, "/nonexistent/tokenizer.json", &tok), NLP_ERR_IO);
    const char *dir = scratch_dir("t5_bad");
    char path[4200];
    snprintf(path, sizeof path, "%s/spiece.model", dir);
    /* A piece message that claims more bytes than there are. */
    cr_assert(write_bytes(path, "\x0a\x7f\x0a\x01" "a", 5));
    cr_assert_eq(nlp__t5_tokenizer_load(path, NULL, &tok), NLP_ERR_FORMAT);
    cr_assert(strstr(nlp_last_error(), "spiece.model"), "%s", nlp_last_error());
    /* Well-formed but without an UNKNOWN piece. */
    cr_assert(write_bytes(path, "\x0a\x03\x0a\x01" "a", 5));
    cr_assert_eq(nlp__t5_tokenizer_load(path, NULL, &tok), NLP_ERR_FORMAT);
    snprintf(path, sizeof path, "%s/tokenizer.json", dir);
    const char *bpe = "{\"model\": {\"type\": \"BPE\", \"vocab\": {}}}";
    cr_assert(write_bytes(path, bpe, strlen(bpe)));
    cr_assert_eq(nlp__t5_tokenizer_load(NULL, path, &tok), NLP_ERR_UNSUPPORTED);
    cr_assert(write_bytes(path, "{", 1));
    cr_assert_eq(nlp__t5_tokenizer_load(NULL, path, &tok), NLP_ERR_FORMAT);
    nlp__t5_tokenizer_free(NULL);
}
