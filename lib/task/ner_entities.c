/* ner_entities.c - entities with byte and code point offsets. */
#include "task/ner_entities.h"

#include <stdlib.h>

nlp_status nlp__entities_build(const nlp__ner_labels *labels, const char *text,
                               const nlp__encoding *enc, const nlp__word_label *words,
                               const nlp__entity_span *spans, size_t n_spans, bool with_token,
                               nlp_entities **out)
{
    nlp_entities *e = nlp__calloc(1, sizeof *e);
    if (!e)
        return NLP_ERR_NOMEM;
    if (n_spans && !(e->items = nlp__calloc(n_spans, sizeof *e->items))) {
        free(e);
        return NLP_ERR_NOMEM;
    }
    for (size_t i = 0; i < n_spans; i++) {
        const nlp__entity_span *s = &spans[i];
        size_t first = words[s->word_begin].tok_begin;
        size_t last = words[s->word_end - 1].tok_end - 1;
        nlp_entity *x = &e->items[e->count++];
        x->byte_start = (size_t)enc->byte_start[first];
        x->byte_end = (size_t)enc->byte_end[last];
        x->char_start = (size_t)enc->char_start[first];
        x->char_end = (size_t)enc->char_end[last];
        x->score = s->score;
        x->label = nlp__strdup(labels->types[s->label]);
        x->text = nlp__strndup(text + x->byte_start, x->byte_end - x->byte_start);
        x->tag = nlp__strdup(labels->names[words[s->word_begin].label]);
        x->token_index = first + 1;
        x->token = with_token ? nlp__strndup(enc->tokens[first], enc->token_len[first]) : NULL;
        if (!x->label || !x->text || !x->tag || (with_token && !x->token)) {
            nlp__entities_free(e);
            return NLP_ERR_NOMEM;
        }
    }
    *out = e;
    return NLP_OK;
}

void nlp__entities_free(nlp_entities *entities)
{
    if (!entities)
        return;
    for (size_t i = 0; i < entities->count; i++) {
        free((char *)entities->items[i].label);
        free((char *)entities->items[i].text);
        free((char *)entities->items[i].tag);
        free((char *)entities->items[i].token);
    }
    free(entities->items);
    free(entities);
}
