/* fuzz_vocab_txt.c - libFuzzer target: arbitrary bytes as a BERT vocab.txt (one token a line),
 * loaded and used as fuzz_tokenizer_file.h says. */
#include "fuzz_support.h"
#include "fuzz_tokenizer_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    nlp_fuzz_tokenizer_file("vocab.txt", data, size);
    return 0;
}
