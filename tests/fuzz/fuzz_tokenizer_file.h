/* fuzz_tokenizer_file.h - the shared body of the tokenizer-file targets
 * (fuzz_vocab_txt, fuzz_tokenizer_json, fuzz_spiece_t5). */
#ifndef NLP_FUZZ_TOKENIZER_FILE_H
#define NLP_FUZZ_TOKENIZER_FILE_H

#include <stddef.h>
#include <stdint.h>

/* Write the bytes as <scratch>/<name> and load that file as a tokenizer
 * (nlp__tokenizer_load, which picks the kind from the name and content).
 * Loading must fail with a status and a message, or give a tokenizer that
 * encodes a few texts (raw, truncated, pre-split words) with every id in
 * the vocabulary and every offset inside the input, and decodes them. Any
 * other outcome aborts. */
void nlp_fuzz_tokenizer_file(const char *name, const uint8_t *data, size_t size);

#endif
