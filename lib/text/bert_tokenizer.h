/* bert_tokenizer.h - BERT WordPiece tokenization as Hugging Face's fast
 * tokenizer does it: BertNormalizer, BertPreTokenizer, WordPiece, with
 * special tokens written in the text matched as added tokens.
 *
 * The encode functions append the tokens of the text only; [CLS]/[SEP]
 * and truncation are the caller's (lib/text/tokenizer.c) job. */
#ifndef NLP_TEXT_BERT_TOKENIZER_H
#define NLP_TEXT_BERT_TOKENIZER_H

#include "text/encoding.h"
#include "text/vocab.h"

#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The longest max_input_chars_per_word we accept (words live on the stack). */
#define NLP__BERT_MAX_WORD_CHARS 256

/* BertNormalizer settings plus WordPiece's word limit. strip_accents is
 * resolved already (HF: null means "same as lowercase"). */
typedef struct nlp__bert_options {
    bool clean_text, handle_chinese_chars, strip_accents, lowercase;
    size_t max_input_chars_per_word;
} nlp__bert_options;

/* A token matched in the raw text before normalization (HF's added
 * vocabulary); special ones are skipped by decode(skip_special). */
typedef struct nlp__bert_added {
    char *content;
    size_t len;
    int32_t id;
    bool special;
} nlp__bert_added;

/* Invariants: vocab holds every token (model vocabulary and added tokens);
 * cont holds the tokens that start with prefix, keyed without it, with the
 * same ids; id_key[id] is the pool offset of id's token in vocab, SIZE_MAX
 * for ids without one. */
typedef struct nlp__bert_tokenizer {
    nlp__vocab vocab, cont;
    size_t *id_key;
    size_t n_ids;
    nlp__bert_added *added;
    size_t n_added;
    uint8_t added_first[32]; /* bitmap of the added tokens' first bytes */
    nlp__bert_options opt;
    char *prefix;            /* continuing-subword prefix, "##" */
    int32_t unk_id, cls_id, sep_id;
} nlp__bert_tokenizer;

/* HF's defaults for a cased vocabulary: clean_text, CJK split, no
 * lowercasing, no accent stripping, 100 characters per word. */
nlp__bert_options nlp__bert_options_cased(void);

/* Load from a vocab.txt (one token per line, id = line number) with the
 * given options, or from a tokenizer.json whose model is WordPiece (its
 * normalizer, added tokens and prefix are used). Special tokens [UNK],
 * [CLS], [SEP] must be in the vocabulary. Errors name the file. */
nlp_status nlp__bert_load_vocab_txt(const char *path, const nlp__bert_options *opt,
                                    nlp__bert_tokenizer **out);
nlp_status nlp__bert_load_tokenizer_json(const char *path, nlp__bert_tokenizer **out);
void nlp__bert_free(nlp__bert_tokenizer *tok); /* NULL ok */

/* Tokenize valid UTF-8 text (the caller has checked it) and append its
 * tokens to enc, with byte offsets into text. word_id < 0: each pre-token
 * (word, punctuation mark, CJK ideograph, added token) gets the next word id
 * counting from 0, as HF does for raw text; word_id >= 0: every token gets
 * that id, as HF does for one word of pre-split input. Thread-safe on a
 * shared tokenizer. */
nlp_status nlp__bert_encode(const nlp__bert_tokenizer *tok, const char *text, size_t len,
                            int32_t word_id, nlp__encoding *enc);

/* HF's WordPiece decoder: "##" pieces glue to the previous token, others
 * get a space, then HF's per-token cleanup (" ." -> "." ...). skip_special
 * drops special added tokens. An id outside the vocabulary is
 * NLP_ERR_INVALID_ARG. *text is malloc'd. */
nlp_status nlp__bert_decode(const nlp__bert_tokenizer *tok, const int32_t *ids, size_t n,
                            bool skip_special, char **text);

int32_t nlp__bert_token_to_id(const nlp__bert_tokenizer *tok, const char *token, size_t len);
const char *nlp__bert_id_to_token(const nlp__bert_tokenizer *tok, int32_t id); /* NULL if none */
size_t nlp__bert_vocab_size(const nlp__bert_tokenizer *tok);
bool nlp__bert_is_special(const nlp__bert_tokenizer *tok, int32_t id);

#ifdef __cplusplus
}
#endif

#endif
