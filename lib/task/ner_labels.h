/* ner_labels.h - what each class of a token classifier means: O, or the
 * beginning (B-) or inside (I-) of an entity type. */
#ifndef NLP_TASK_NER_LABELS_H
#define NLP_TASK_NER_LABELS_H

#include "core/core.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum nlp__tag_kind { NLP__TAG_O, NLP__TAG_B, NLP__TAG_I } nlp__tag_kind;

/* Invariant: kinds[i] and types[i] describe names[i]; types[i] is the
 * entity class without its B-/I- prefix (NULL for O). Names without a
 * B-/I- prefix count as I- of themselves, as transformers' pipeline reads
 * them. All strings are owned. */
typedef struct nlp__ner_labels {
    size_t count;
    char **names;
    char **types;
    nlp__tag_kind *kinds;
} nlp__ner_labels;

nlp_status nlp__ner_labels_init(nlp__ner_labels *labels, char *const *names, size_t count);
void nlp__ner_labels_clear(nlp__ner_labels *labels);

/* True when labels a and b name the same entity type (both not O). */
bool nlp__ner_same_type(const nlp__ner_labels *labels, size_t a, size_t b);

#ifdef __cplusplus
}
#endif

#endif
