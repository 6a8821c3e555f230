/* fuzz_tokenizer_json.c - libFuzzer target: arbitrary bytes as a tokenizer.json (WordPiece or Unigram model),
 * loaded and used as fuzz_tokenizer_file.h says. */
#include "fuzz_support.h"
#include "fuzz_tokenizer_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    nlp_fuzz_tokenizer_file("tokenizer.json", data, size);
    return 0;
}
