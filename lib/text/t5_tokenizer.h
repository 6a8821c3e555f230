/* t5_tokenizer.h - SentencePiece Unigram tokenization as Hugging Face's
 * tokenizers does it for T5 (precompiled charsmap normalization, whitespace
 * split + Metaspace "▁", Viterbi, added special tokens matched in text). */
#ifndef NLP_TEXT_T5_TOKENIZER_H
#define NLP_TEXT_T5_TOKENIZER_H

#include "text/encoding.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct nlp__t5_tokenizer nlp__t5_tokenizer;

/* Load from spiece.model (preferred) or tokenizer.json; either path may be
 * NULL but not both. Errors name the file. */
nlp_status nlp__t5_tokenizer_load(const char *spiece_model_path, const char *tokenizer_json_path,
                        nlp__t5_tokenizer **out);
void nlp__t5_tokenizer_free(nlp__t5_tokenizer *tok); /* NULL ok */

/* Encode valid UTF-8 text (the caller has checked it), appending to enc:
 * ids, pieces, byte offsets into text and word ids, then </s> when add_eos.
 * Word ids are HF's: the index of the pre-token split (a whitespace-separated
 * word, cut again before any "▁" inside it, or an added token typed in the
 * text); the appended </s> has -1 and is the only token marked special.
 * Char offsets are left to the caller (nlp__encoding_fill_char_offsets). */
nlp_status nlp__t5_encode(const nlp__t5_tokenizer *tok, const char *text, size_t len,
                          bool add_eos, nlp__encoding *enc);

/* Decode ids as HF's Metaspace decoder; skip_special drops <pad>, </s>,
 * <unk> and <extra_id_N>. *text is malloc'd. */
nlp_status nlp__t5_decode(const nlp__t5_tokenizer *tok, const int32_t *ids, size_t n,
                          bool skip_special, char **text);

/* -1 when absent. */
int32_t nlp__t5_piece_to_id(const nlp__t5_tokenizer *tok, const char *piece, size_t len);
/* NULL when out of range. */
const char *nlp__t5_id_to_piece(const nlp__t5_tokenizer *tok, int32_t id);
size_t nlp__t5_tokenizer_vocab_size(const nlp__t5_tokenizer *tok);

#ifdef __cplusplus
}
#endif

#endif
