/* fuzz_spiece_t5.c - libFuzzer target: arbitrary bytes as a spiece.model.
 * Loading must fail cleanly or give a tokenizer that encodes and decodes a
 * few texts (which walk the charsmap and the trie built from the input)
 * without a crash. Build as fuzz_tokenizer_t5.c (see docs/tokenizers-t5.md). */
#include "text/t5_tokenizer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define TEXT(s) {s, sizeof(s) - 1}
static const struct {
    const char *text;
    size_t len;
} texts[] = {
    TEXT("toxic: Hello, World! </s> <extra_id_7>x"),
    TEXT("u\xCC\x88\xCC\x81 \xEF\xBC\xA8\xE2\x91\xA0 \xE2\x96\x81\xE2\x96\x81 caf\xC3\xA9\t\r\n"),
    TEXT("a\0b \xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD \xE1\x84\x89\xE1\x85\xA5\xE1\x86\xAF"),
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/fuzz_spiece_%ld.model", (long)getpid());
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
        abort();
    nlp__t5_tokenizer *tok = NULL;
    if (nlp__t5_tokenizer_load(path, NULL, &tok) == NLP_OK) {
        for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
            nlp__encoding *enc = nlp__encoding_new();
            if (!enc || nlp__t5_encode(tok, texts[i].text, texts[i].len, true, enc) != NLP_OK)
                abort();
            char *decoded = NULL;
            if (nlp__t5_decode(tok, enc->ids, enc->count, false, &decoded) != NLP_OK)
                abort();
            free(decoded);
            nlp__encoding_free(enc);
        }
        nlp__t5_tokenizer_free(tok);
    }
    return 0;
}
