/* tokenizer.h - one tokenizer handle over the two kinds (BERT WordPiece,
 * T5 Unigram): loading from a checkpoint directory, special tokens,
 * truncation, pre-split words. The exported nlp_tokenizer_* functions
 * (lib/api/tokenizer.c) are thin wrappers over these; other rooms (task/ner,
 * task/toxic, train) call these directly.
 *
 * Encodings (nlp__encoding, text/encoding.h):
 *  - raw text: offsets are half-open spans of the text, in bytes and code
 *    points; word ids number the pre-tokens from 0 (HF's word_ids());
 *  - pre-split words: every token of words[i] has word id i and offsets
 *    relative to words[i] itself (HF's is_split_into_words=True);
 *  - added specials ([CLS], [SEP], </s>) have span [0,0), word id -1 and
 *    special = 1. Special tokens typed in the text are ordinary tokens of
 *    the text (special = 0), as in HF. */
#ifndef NLP_TEXT_TOKENIZER_H
#define NLP_TEXT_TOKENIZER_H

#include "core/tokenizer_settings.h"
#include "text/bert_tokenizer.h"
#include "text/encoding.h"
#include "text/t5_tokenizer.h"

#ifdef __cplusplus
extern "C" {
#endif

struct nlp_tokenizer {
    nlp_tokenizer_kind kind;
    nlp__bert_tokenizer *bert; /* kind == NLP_TOKENIZER_BERT */
    nlp__t5_tokenizer *t5;     /* kind == NLP_TOKENIZER_T5 */
    int32_t eos_id;            /* T5's </s> */
};
typedef struct nlp_tokenizer nlp__tokenizer;

/* path: a checkpoint directory, or one tokenizer file (vocab.txt,
 * tokenizer.json, *.model). In a directory, tokenizer.json decides the kind
 * (WordPiece -> BERT, Unigram -> T5), else vocab.txt (BERT), else
 * spiece.model (T5). A BERT tokenizer follows settings' do_lower_case /
 * strip_accents / tokenize_chinese_chars (tokenizer_config.json as io reads
 * it; NULL: none set, so vocab.txt's casing decides). Errors: NLP_ERR_IO (no
 * tokenizer file), NLP_ERR_FORMAT, NLP_ERR_UNSUPPORTED (another model). */
nlp_status nlp__tokenizer_load(const char *path, const nlp__tokenizer_settings *settings,
                               nlp__tokenizer **out);
void nlp__tokenizer_free(nlp__tokenizer *tok); /* NULL ok */

/* max_length 0: no truncation. Otherwise the encoding has at most
 * max_length tokens, specials included: text tokens are dropped from the
 * end and the trailing special ([SEP] / </s>) is kept. max_length smaller
 * than the number of specials is NLP_ERR_INVALID_ARG. Text is checked for
 * UTF-8 (NLP_ERR_INVALID_UTF8 names the byte, and the word for words). */
nlp_status nlp__tokenizer_encode(const nlp__tokenizer *tok, const char *text, size_t len,
                                 bool add_special, size_t max_length, nlp__encoding **out);
nlp_status nlp__tokenizer_encode_words(const nlp__tokenizer *tok, const char *const *words,
                                       const size_t *lens, size_t n, bool add_special,
                                       size_t max_length, nlp__encoding **out);

nlp_status nlp__tokenizer_decode(const nlp__tokenizer *tok, const int32_t *ids, size_t n,
                                 bool skip_special, char **text);
int32_t nlp__tokenizer_token_to_id(const nlp__tokenizer *tok, const char *token, size_t len);
const char *nlp__tokenizer_id_to_token(const nlp__tokenizer *tok, int32_t id);
size_t nlp__tokenizer_vocab_size(const nlp__tokenizer *tok);

#ifdef __cplusplus
}
#endif

#endif
