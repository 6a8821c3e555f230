/* features.h - training examples as model inputs: NER word tags expanded to
 * subword labels, T5 input/target ids, with truncation. Pure functions of
 * ids already produced by a tokenizer, so they are tested without one. */
#ifndef NLP_TASK_FEATURES_H
#define NLP_TASK_FEATURES_H

#include "core/core.h"
#include "text/encoding.h"

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define NLP__IGNORE_LABEL (-100) /* CrossEntropyLoss's ignore_index */

/* One example. NER: labels has n_input entries (per token, -100 where no
 * loss); T5: labels are the target ids (label word + </s>). Both arrays are
 * malloc'd and owned by the feature. */
typedef struct nlp__feature {
    int32_t *input_ids;
    uint32_t n_input;
    int32_t *labels;
    uint32_t n_labels;
} nlp__feature;

/* A growing list of features. truncated counts examples that were cut to
 * max_length (the trainer reports it as a warning). */
typedef struct nlp__feature_set {
    nlp__feature *items;
    size_t count, cap;
    size_t truncated;
} nlp__feature_set;

void nlp__feature_set_clear(nlp__feature_set *set); /* frees items; set reusable */
/* Append a feature made of copies of the arrays. */
nlp_status nlp__feature_set_push(nlp__feature_set *set, const int32_t *input_ids,
                                 uint32_t n_input, const int32_t *labels, uint32_t n_labels);

/* For each label id, the id of its continuation label: B-X -> I-X when I-X
 * exists; any other label maps to itself. out has n entries. */
nlp_status nlp__ner_continuation_labels(const char *const *id2label, size_t n, int32_t *out);

/* Expand word labels to tokens, as the Python original: the first subword
 * of a word keeps the word's label; later subwords get continuation[label]
 * (B-X -> I-X, I-X and O unchanged), or -100 when !label_all_tokens;
 * tokens with word id -1 ([CLS], [SEP]) get -100. out has n_tokens entries.
 * NLP_ERR_INVALID_ARG when a word id is >= n_words. */
nlp_status nlp__ner_expand_labels(const int32_t *word_ids, size_t n_tokens,
                                  const int32_t *word_labels, size_t n_words,
                                  const int32_t *continuation, bool label_all_tokens,
                                  int32_t *out);

/* A NER feature from an encoding ([CLS] words... [SEP]) and word labels,
 * truncated to max_length tokens by dropping tokens before the final
 * special ([SEP] is kept, as HF's truncation keeps it); set->truncated
 * grows when tokens were dropped. max_length < 2 is NLP_ERR_INVALID_ARG. */
nlp_status nlp__ner_feature_push(nlp__feature_set *set, const nlp__encoding *enc,
                                 const int32_t *word_labels, size_t n_words,
                                 const int32_t *continuation, bool label_all_tokens,
                                 uint32_t max_length);

/* How many of n_text ids a T5 input of at most max_length tokens keeps:
 * all when they fit with </s>, else max_length - 1 (</s> is never cut).
 * The one truncation rule of inference (nlp__t5_text_input) and training. */
size_t nlp__t5_text_keep(size_t n_text, size_t max_length);

/* A T5 feature: text_ids are the ids of prefix + text WITHOUT </s>; the
 * input is text_ids cut by nlp__t5_text_keep, then </s>; labels are
 * label_ids (without </s>) followed by </s>. */
nlp_status nlp__t5_feature_push(nlp__feature_set *set, const int32_t *text_ids, size_t n_text,
                                const int32_t *label_ids, size_t n_label, int32_t eos_id,
                                uint32_t max_length);

#ifdef __cplusplus
}
#endif

#endif
