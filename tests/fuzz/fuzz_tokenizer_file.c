/* fuzz_tokenizer_file.c - load fuzzed bytes as a tokenizer file and use
 * the result (see fuzz_tokenizer_file.h). */
#include "fuzz_tokenizer_file.h"
#include "fuzz_support.h"
#include "text/tokenizer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The broken rule, the last error and the end: a finding says what it is. */
static void fail(const char *rule)
{
    fprintf(stderr, "fuzz_tokenizer_file: %s (last error: %s)\n", rule, nlp_last_error());
    abort();
}

#define TEXT(s) {s, sizeof(s) - 1}
static const struct {
    const char *text;
    size_t len;
} texts[] = {
    TEXT("toxic: Hello, World! [CLS] [SEP] [UNK] </s> <extra_id_7>x unaffable"),
    TEXT("u\xCC\x88\xCC\x81 \xEF\xBC\xA8\xE2\x91\xA0 \xE2\x96\x81\xE2\x96\x81 caf\xC3\xA9\t\r\n"),
    TEXT("a\0b \xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD \xE4\xB8\xAD\xE6\x96\x87 ##x"),
    TEXT(""),
};

static void check(const nlp__tokenizer *tok, const nlp__encoding *enc, size_t len)
{
    size_t vocab = nlp__tokenizer_vocab_size(tok);
    for (size_t k = 0; k < enc->count; k++)
        if (enc->ids[k] < 0 || (size_t)enc->ids[k] >= vocab || enc->byte_start[k] < 0 ||
            enc->byte_end[k] < enc->byte_start[k] || (size_t)enc->byte_end[k] > len)
            fail("id outside the vocabulary or offset outside the text");
}

static void exercise(const nlp__tokenizer *tok)
{
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        for (size_t max = 0; max <= 5; max += 5) {
            nlp__encoding *enc = NULL;
            /* A vocabulary without [CLS] or </s> is refused here, with a message. */
            if (nlp__tokenizer_encode(tok, texts[i].text, texts[i].len, true, max, &enc) !=
                NLP_OK)
                continue;
            check(tok, enc, texts[i].len);
            if (max && enc->count > max)
                fail("encoding longer than max_length");
            char *text = NULL;
            if (nlp__tokenizer_decode(tok, enc->ids, enc->count, max != 0, &text) != NLP_OK)
                fail("the tokenizer cannot decode its own encoding");
            free(text);
            nlp__encoding_free(enc);
        }
    }
    const char *words[] = {"Hello", "", "W\xC3\xB6rld", "[SEP]"};
    size_t lens[] = {5, 0, 6, 5};
    nlp__encoding *enc = NULL;
    if (nlp__tokenizer_encode_words(tok, words, lens, 4, true, 0, &enc) == NLP_OK)
        nlp__encoding_free(enc);
}

void nlp_fuzz_tokenizer_file(const char *name, const uint8_t *data, size_t size)
{
    const char *path = nlp_fuzz_write(name, data, size);
    nlp__tokenizer *tok = NULL;
    if (nlp__tokenizer_load(path, NULL, &tok) != NLP_OK) {
        if (tok || !nlp_last_error()[0])
            fail("failed load without a message, or with a tokenizer");
        return;
    }
    exercise(tok);
    nlp__tokenizer_free(tok);
}
