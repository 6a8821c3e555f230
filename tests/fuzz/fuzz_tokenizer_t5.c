/* fuzz_tokenizer_t5.c - libFuzzer target: the T5 tokenizer on arbitrary
 * bytes. The first byte picks the mode: bit 0 clear, the rest is a text
 * (valid UTF-8 is encoded with and without </s> and decoded back, the
 * encoding's invariants checked; invalid UTF-8 is rejected up front, as the
 * public API does, because the internal encoder requires it); bit 0 set,
 * the rest split at '\n' is a list of pre-split words, encoded through
 * nlp__tokenizer_encode_words (which checks each word's UTF-8 itself).
 *
 * The model comes from $NLP_FUZZ_T5_MODEL (a spiece.model or a
 * tokenizer.json), else data/t5-small/spiece.model of the shared folder
 * ($NLP_SHARED_DIR, else ../shared beside the source tree); the target
 * skips (exit 77) when it is absent. Build: cmake -DNLP_BUILD_FUZZ=ON with
 * CC=clang (docs/robustness.md). */
#include "fuzz_support.h"
#include "text/tokenizer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static nlp__tokenizer *whole; /* the handle, for pre-split words */
static nlp__t5_tokenizer *tok;  /* its T5 half */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *env = getenv("NLP_FUZZ_T5_MODEL");
    char *path = env ? NULL : nlp_fuzz_shared("fuzz_tokenizer_t5", "data/t5-small/spiece.model");
    if (nlp__tokenizer_load(env ? env : path, NULL, &whole) != NLP_OK ||
        whole->kind != NLP_TOKENIZER_T5) {
        fprintf(stderr, "fuzz_tokenizer_t5: %s: %s\n", env ? env : path, nlp_last_error());
        abort();
    }
    free(path);
    tok = whole->t5;
    return 0;
}

static void check(bool ok)
{
    if (!ok)
        __builtin_trap();
}

static void check_encoding(const nlp__encoding *enc, size_t len, bool eos)
{
    size_t vocab = nlp__t5_tokenizer_vocab_size(tok);
    for (size_t i = 0; i < enc->count; i++) {
        check(enc->ids[i] >= 0 && (size_t)enc->ids[i] < vocab);
        check(enc->byte_start[i] >= 0 && enc->byte_start[i] <= enc->byte_end[i]);
        check(enc->byte_end[i] <= (int64_t)len);
        check(enc->tokens[i] != NULL); /* "\0" is a valid (unknown) token */
        check(enc->special[i] == (eos && i + 1 == enc->count));
        check(enc->special[i] ? enc->word_ids[i] == -1 : enc->word_ids[i] >= 0);
        if (i > 0 && !enc->special[i])
            check(enc->word_ids[i] >= enc->word_ids[i - 1]);
    }
    check(!eos || (enc->count > 0 && enc->ids[enc->count - 1] == 1));
}

/* Words: s split at '\n'. Any bytes: invalid UTF-8 is refused, naming the word. */
static void encode_words(const char *s, size_t n)
{
    const char *words[64];
    size_t lens[64];
    size_t count = nlp_fuzz_split_words(s, n, words, lens, 64);
    nlp__encoding *enc = NULL;
    nlp_status st = nlp__tokenizer_encode_words(whole, words, lens, count, true, 0, &enc);
    if (st != NLP_OK) {
        check(st == NLP_ERR_INVALID_UTF8 && enc == NULL);
        return;
    }
    size_t vocab = nlp__t5_tokenizer_vocab_size(tok);
    for (size_t i = 0; i < enc->count; i++) {
        check(enc->ids[i] >= 0 && (size_t)enc->ids[i] < vocab);
        check(enc->special[i] || (enc->word_ids[i] >= 0 && (size_t)enc->word_ids[i] < count &&
                                  enc->byte_end[i] <= (int64_t)lens[enc->word_ids[i]]));
    }
    nlp__encoding_free(enc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    if (data[0] & 1) {
        encode_words((const char *)data + 1, size - 1);
        return 0;
    }
    const char *text = (const char *)data + 1;
    size--;
    if (nlp__utf8_check(text, size) != NLP_OK)
        return 0;
    for (int eos = 0; eos < 2; eos++) {
        nlp__encoding *enc = nlp__encoding_new();
        check(enc != NULL);
        check(nlp__t5_encode(tok, text, size, eos, enc) == NLP_OK);
        nlp__encoding_fill_char_offsets(enc, text, size);
        check_encoding(enc, size, eos);
        char *decoded = NULL;
        check(nlp__t5_decode(tok, enc->ids, enc->count, eos, &decoded) == NLP_OK);
        check(nlp__utf8_check(decoded, strlen(decoded)) == NLP_OK);
        free(decoded);
        nlp__encoding_free(enc);
    }
    /* Lookups must take any bytes. */
    int32_t id = nlp__t5_piece_to_id(tok, text, size);
    check(id == -1 || nlp__t5_id_to_piece(tok, id) != NULL);
    return 0;
}
