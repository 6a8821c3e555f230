/* entities_strict.c - seqeval.scheme's Tokens.entities (strict mode): each
 * sentence gets an "O" sentinel; an entity is a start token, the tokens the
 * scheme lets continue it, and a valid end. The pattern tables are
 * seqeval 1.2.2's, as (previous prefixes, current prefixes, type relation). */
#include "metrics/seqeval.h"

#include <stdbool.h>

enum { SAME = 1, DIFF = 2, ANY_TYPE = 3 };

typedef struct pattern {
    unsigned char prev, cur, rel;
} pattern;

typedef struct scheme_rules {
    const pattern *start, *inside, *end;
    size_t n_start, n_inside, n_end;
} scheme_rules;

#define P(x) NLP__P_##x
#define N(a) (sizeof(a) / sizeof((a)[0]))

static const pattern iob1_start[] = {
    {P(O), P(I), ANY_TYPE}, {P(I), P(I), DIFF}, {P(B), P(I), ANY_TYPE},
    {P(I), P(B), SAME}, {P(B), P(B), SAME}};
static const pattern iob1_end[] = {
    {P(I), P(I), DIFF}, {P(I), P(O), ANY_TYPE}, {P(I), P(B), ANY_TYPE},
    {P(B), P(O), ANY_TYPE}, {P(B), P(I), DIFF}, {P(B), P(B), SAME}};
static const pattern iob_inside[] = {{P(B), P(I), SAME}, {P(I), P(I), SAME}};

static const pattern iob2_start[] = {{P(ANY), P(B), ANY_TYPE}};
static const pattern iob2_end[] = {
    {P(I), P(O), ANY_TYPE}, {P(I), P(I), DIFF}, {P(I), P(B), ANY_TYPE},
    {P(B), P(O), ANY_TYPE}, {P(B), P(I), DIFF}, {P(B), P(B), ANY_TYPE}};

static const pattern ioe1_start[] = {
    {P(O), P(I), ANY_TYPE}, {P(I), P(I), DIFF}, {P(E), P(I), ANY_TYPE}, {P(E), P(E), SAME}};
static const pattern ioe1_inside[] = {{P(I), P(I), SAME}, {P(I), P(E), SAME}};
static const pattern ioe1_end[] = {
    {P(I), P(I), DIFF}, {P(I), P(O), ANY_TYPE}, {P(I), P(E), DIFF},
    {P(E), P(I), SAME}, {P(E), P(E), SAME}};

static const pattern ioe2_start[] = {
    {P(O), P(I), ANY_TYPE}, {P(O), P(E), ANY_TYPE}, {P(E), P(I), ANY_TYPE},
    {P(E), P(E), ANY_TYPE}, {P(I), P(I), DIFF}, {P(I), P(E), DIFF}};
static const pattern ioe2_inside[] = {{P(I), P(E), SAME}, {P(I), P(I), SAME}};
static const pattern ioe2_end[] = {{P(E), P(ANY), ANY_TYPE}};

static const pattern iobes_start[] = {{P(ANY), P(B), ANY_TYPE}, {P(ANY), P(S), ANY_TYPE}};
static const pattern iobes_inside[] = {
    {P(B), P(I), SAME}, {P(B), P(E), SAME}, {P(I), P(I), SAME}, {P(I), P(E), SAME}};
static const pattern iobes_end[] = {{P(S), P(ANY), ANY_TYPE}, {P(E), P(ANY), ANY_TYPE}};

#define RULES(s, i, e) {s, i, e, N(s), N(i), N(e)}

static scheme_rules rules_for(nlp_tag_scheme scheme)
{
    static const scheme_rules iob1 = RULES(iob1_start, iob_inside, iob1_end);
    static const scheme_rules iob2 = RULES(iob2_start, iob_inside, iob2_end);
    static const scheme_rules ioe1 = RULES(ioe1_start, ioe1_inside, ioe1_end);
    static const scheme_rules ioe2 = RULES(ioe2_start, ioe2_inside, ioe2_end);
    static const scheme_rules iobes = RULES(iobes_start, iobes_inside, iobes_end);
    switch (scheme) {
    case NLP_SCHEME_IOB1: return iob1;
    case NLP_SCHEME_IOE1: return ioe1;
    case NLP_SCHEME_IOE2: return ioe2;
    case NLP_SCHEME_IOBES: return iobes;
    case NLP_SCHEME_IOB2: break;
    }
    return iob2;
}

static bool matches(const pattern *p, size_t n, nlp__tag prev, nlp__tag cur)
{
    int rel = prev.type == cur.type ? SAME : DIFF;
    for (size_t i = 0; i < n; i++)
        if ((p[i].prev & prev.prefix) && (p[i].cur & cur.prefix) && (p[i].rel & rel))
            return true;
    return false;
}

/* One sentence: tags[0..len) plus the sentinel at index len. */
typedef struct sentence {
    const nlp__tag *tags;
    size_t len;
    nlp__tag outside;
} sentence;

static nlp__tag at(const sentence *s, size_t i)
{
    return i < s->len ? s->tags[i] : s->outside;
}

/* Tokens._forward: the first index from `start` that does not continue. */
static size_t forward(const sentence *s, const scheme_rules *r, size_t start, nlp__tag prev)
{
    for (size_t i = start; i <= s->len; i++) {
        nlp__tag t = at(s, i);
        if (!matches(r->inside, r->n_inside, prev, t))
            return i;
        prev = t;
    }
    return s->len;  /* unreachable: the sentinel never continues an entity */
}

static nlp_status sentence_entities(const sentence *s, const scheme_rules *r, size_t offset,
                                    nlp__entity_list *out)
{
    size_t i = 0;
    nlp__tag prev = s->outside;
    while (i <= s->len) {
        nlp__tag t = at(s, i);
        if (matches(r->start, r->n_start, prev, t)) {
            size_t end = forward(s, r, i + 1, t);
            if (matches(r->end, r->n_end, at(s, end - 1), at(s, end))) {
                nlp_status st = nlp__entity_push(out, t.type, offset + i, offset + end);
                if (st != NLP_OK)
                    return st;
            }
            i = end;
        } else {
            i++;
        }
        prev = at(s, i - 1);
    }
    return NLP_OK;
}

nlp_status nlp__entities_strict(const nlp__tag *tags, const size_t *lengths, size_t n_sentences,
                                nlp_tag_scheme scheme, int32_t o_type, nlp__entity_list *out)
{
    scheme_rules r = rules_for(scheme);
    size_t offset = 0;
    for (size_t k = 0; k < n_sentences; k++) {
        sentence s = {tags + offset, lengths[k], {NLP__P_O, o_type}};
        nlp_status st = sentence_entities(&s, &r, offset, out);
        if (st != NLP_OK)
            return st;
        offset += lengths[k];
    }
    return NLP_OK;
}
