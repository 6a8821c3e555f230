/* fuzz_tokenizer_t5.c - libFuzzer target: the T5 tokenizer on arbitrary
 * bytes. Valid UTF-8 inputs are encoded (with and without </s>) and decoded
 * back; the encoding's invariants are checked. Invalid UTF-8 is rejected up
 * front, as the public API does, because the internal encoder requires it.
 *
 * The model comes from $NLP_FUZZ_T5_MODEL (a spiece.model or a
 * tokenizer.json), else ../shared/data/t5-small/spiece.model beside the
 * source tree. Build by hand (see docs/tokenizers-t5.md), e.g.:
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude -Ilib \
 *     -DNLP_SOURCE_DIR=\"$PWD\" tests/fuzz/fuzz_tokenizer_t5.c \
 *     lib/text/t5_*.c lib/text/encoding.c lib/core/{alloc,error,file,utf8}.c \
 *     -licuuc -ljansson -o build-fuzz/fuzz_tokenizer_t5
 * or link libnlp.a from a clang build configured with the same flags. */
#include "text/t5_tokenizer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef NLP_SOURCE_DIR
#define NLP_SOURCE_DIR "."
#endif

static nlp__t5_tokenizer *tok;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *path = getenv("NLP_FUZZ_T5_MODEL");
    char fallback[4096];
    if (!path) {
        snprintf(fallback, sizeof fallback, "%s/../shared/data/t5-small/spiece.model",
                 NLP_SOURCE_DIR);
        path = fallback;
    }
    size_t n = strlen(path);
    bool json = n >= 5 && strcmp(path + n - 5, ".json") == 0;
    if (nlp__t5_tokenizer_load(json ? NULL : path, json ? path : NULL, &tok) != NLP_OK) {
        fprintf(stderr, "fuzz_tokenizer_t5: %s\n", nlp_last_error());
        abort();
    }
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
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
