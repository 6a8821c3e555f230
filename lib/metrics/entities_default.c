/* entities_default.c - seqeval's get_entities (default, conlleval-style
 * mode) over all sentences flattened, each followed by an "O", plus one
 * more "O" at the end, exactly as seqeval flattens nested lists. */
#include "metrics/seqeval.h"

#include <stdbool.h>

static bool end_of_chunk(char prev, char tag, int32_t prev_type, int32_t type)
{
    if (prev == 'E' || prev == 'S')
        return true;
    if ((prev == 'B' || prev == 'I') && (tag == 'B' || tag == 'S' || tag == 'O'))
        return true;
    return prev != 'O' && prev != '.' && prev_type != type;
}

static bool start_of_chunk(char prev, char tag, int32_t prev_type, int32_t type)
{
    if (tag == 'B' || tag == 'S')
        return true;
    if ((prev == 'E' || prev == 'S' || prev == 'O') && (tag == 'E' || tag == 'I'))
        return true;
    return tag != 'O' && tag != '.' && prev_type != type;
}

typedef struct chunker {
    char prev;
    int32_t prev_type;
    size_t begin;
    nlp__entity_list *out;
} chunker;

static nlp_status step(chunker *c, size_t i, char tag, int32_t type)
{
    if (end_of_chunk(c->prev, tag, c->prev_type, type)) {
        nlp_status st = nlp__entity_push(c->out, c->prev_type, c->begin, i - 1);
        if (st != NLP_OK)
            return st;
    }
    if (start_of_chunk(c->prev, tag, c->prev_type, type))
        c->begin = i;
    c->prev = tag;
    c->prev_type = type;
    return NLP_OK;
}

nlp_status nlp__entities_default(const nlp__tag *tags, const size_t *lengths, size_t n_sentences,
                                 int32_t o_type, nlp__entity_list *out)
{
    /* prev_type starts as '' in seqeval, which equals no real type: -1. */
    chunker c = {'O', -1, 0, out};
    size_t pos = 0, k = 0;
    nlp_status st = NLP_OK;
    for (size_t s = 0; s < n_sentences && st == NLP_OK; s++) {
        for (size_t j = 0; j < lengths[s] && st == NLP_OK; j++, k++)
            st = step(&c, pos++, (char)tags[k].prefix, tags[k].type);
        if (st == NLP_OK)
            st = step(&c, pos++, 'O', o_type);
    }
    if (st == NLP_OK)
        st = step(&c, pos, 'O', o_type);
    return st;
}
