/* ner_entities.h - the public result type nlp_entities, built from entity
 * spans over a tokenized text. */
#ifndef NLP_TASK_NER_ENTITIES_H
#define NLP_TASK_NER_ENTITIES_H

#include "task/ner_decode.h"
#include "text/encoding.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Invariant: items[i].label, .text and .tag (and .token when set) are
 * owned strings; offsets are
 * half-open spans of the original text; items are in text order. */
struct nlp_entities {
    size_t count;
    nlp_entity *items;
};

/* Build entities of text from spans over words over enc's tokens (enc
 * without specials: token i of enc is token i of the words, so token i is
 * at position i + 1 of the model input, after [CLS]). with_token: each
 * entity also gets its first token's vocabulary spelling. */
nlp_status nlp__entities_build(const nlp__ner_labels *labels, const char *text,
                               const nlp__encoding *enc, const nlp__word_label *words,
                               const nlp__entity_span *spans, size_t n_spans, bool with_token,
                               nlp_entities **out);
void nlp__entities_free(nlp_entities *entities); /* NULL ok */

#ifdef __cplusplus
}
#endif

#endif
