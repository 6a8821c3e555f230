/* fuzz_spiece_t5.c - libFuzzer target: arbitrary bytes as a SentencePiece
 * spiece.model (protobuf), loaded and used as fuzz_tokenizer_file.h says. */
#include "fuzz_support.h"
#include "fuzz_tokenizer_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    nlp_fuzz_tokenizer_file("spiece.model", data, size);
    return 0;
}
