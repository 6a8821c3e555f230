/* seqeval.c - the two entry points: tags as strings or as label ids. Both
 * turn tags into nlp__tag values, extract entities in the chosen mode and
 * build the report. */
#include "metrics/seqeval.h"

#include <stdlib.h>
#include <string.h>

nlp_seqeval_options nlp__seqeval_defaults(void)
{
    nlp_seqeval_options o;
    memset(&o, 0, sizeof o);
    o.size = sizeof o;
    o.mode = NLP_SEQEVAL_DEFAULT;
    o.scheme = NLP_SCHEME_IOB2;
    return o;
}

/* Internal callers pass complete options (the api room has read the
 * caller's struct by its size), or NULL for the defaults. */
static const nlp_seqeval_options *resolve(const nlp_seqeval_options *opts,
                                          nlp_seqeval_options *local)
{
    *local = nlp__seqeval_defaults();
    return opts ? opts : local;
}

static nlp_status check_options(const nlp_seqeval_options *o)
{
    if (o->mode != NLP_SEQEVAL_DEFAULT && o->mode != NLP_SEQEVAL_STRICT)
        return nlp__fail(NLP_ERR_INVALID_ARG, "seqeval: unknown mode %d", (int)o->mode);
    if ((int)o->scheme < NLP_SCHEME_IOB2 || o->scheme > NLP_SCHEME_IOBES)
        return nlp__fail(NLP_ERR_INVALID_ARG, "seqeval: unknown scheme %d", (int)o->scheme);
    return NLP_OK;
}

static nlp_status total_tokens(const size_t *lengths, size_t n, size_t *total)
{
    size_t t = 0;
    for (size_t i = 0; i < n; i++) {
        if (lengths[i] > SIZE_MAX / 64 - t)
            return nlp__fail(NLP_ERR_INVALID_ARG, "seqeval: sentence lengths overflow");
        t += lengths[i];
    }
    *total = t;
    return NLP_OK;
}

static const char *scheme_name(nlp_tag_scheme s)
{
    static const char *const names[] = {"IOB2", "IOB1", "IOE1", "IOE2", "IOBES"};
    return names[s];
}

/* Name the sentence and token of a bad tag, counting from 0. */
static nlp_status bad_tag(const char *side, const char *tag, size_t k, const size_t *lengths,
                          const nlp_seqeval_options *o)
{
    size_t s = 0;
    while (k >= lengths[s])
        k -= lengths[s++];
    if (!tag || !*tag)
        return nlp__fail(NLP_ERR_INVALID_ARG, "seqeval: %s sentence %zu, token %zu: empty tag",
                         side, s, k);
    return nlp__fail(NLP_ERR_INVALID_ARG,
                     "seqeval: %s sentence %zu, token %zu: tag \"%s\" is not valid in scheme %s",
                     side, s, k, tag, scheme_name(o->scheme));
}

/* Entities of one side in the chosen mode. */
static nlp_status extract(const nlp__tag *tags, const size_t *lengths, size_t n,
                          const nlp_seqeval_options *o, int32_t o_type, nlp__entity_list *out)
{
    if (o->mode == NLP_SEQEVAL_STRICT)
        return nlp__entities_strict(tags, lengths, n, o->scheme, o_type, out);
    return nlp__entities_default(tags, lengths, n, o_type, out);
}

/* Shared tail: entities of both sides, then the report. */
static nlp_status finish(const nlp__tag *g, const nlp__tag *p, const size_t *lengths, size_t n,
                         const nlp_seqeval_options *o, nlp__type_table *types, size_t tokens,
                         size_t correct, nlp_seqeval_report **out)
{
    nlp__entity_list ge = {0}, pe = {0};
    int32_t o_type = nlp__type_table_intern(types, "_", 1);
    nlp_status st = o_type < 0 ? NLP_ERR_NOMEM : extract(g, lengths, n, o, o_type, &ge);
    if (st == NLP_OK)
        st = extract(p, lengths, n, o, o_type, &pe);
    if (st == NLP_OK)
        st = nlp__seqeval_report_build(&ge, &pe, types, tokens, correct, out);
    free(ge.items);
    free(pe.items);
    return st;
}

static nlp_status parse_side(const char *side, const char *const *tags, size_t total,
                             const size_t *lengths, const nlp_seqeval_options *o,
                             nlp__type_table *types, nlp__tag *out)
{
    for (size_t k = 0; k < total; k++) {
        nlp_status st = nlp__tag_parse(tags[k], o->mode, o->scheme, types, &out[k]);
        if (st == NLP_ERR_INVALID_ARG)
            return bad_tag(side, tags[k], k, lengths, o);
        if (st != NLP_OK)
            return st;
    }
    return NLP_OK;
}

nlp_status nlp__seqeval_evaluate(const char *const *gold, const char *const *pred,
                                 const size_t *lengths, size_t n_sentences,
                                 const nlp_seqeval_options *opts, nlp_seqeval_report **out)
{
    nlp_seqeval_options local;
    const nlp_seqeval_options *o = resolve(opts, &local);
    size_t total = 0;
    if (!out || (n_sentences && !lengths))
        return nlp__null_arg("seqeval", out ? "lengths" : "out");
    nlp_status st = check_options(o);
    if (st == NLP_OK)
        st = total_tokens(lengths, n_sentences, &total);
    if (st != NLP_OK)
        return st;
    if (total && (!gold || !pred))
        return nlp__fail(NLP_ERR_INVALID_ARG, "seqeval: NULL tag array");
    nlp__type_table types = {0};
    nlp__tag *tags = nlp__malloc((2 * total + 1) * sizeof *tags);
    st = tags ? parse_side("gold", gold, total, lengths, o, &types, tags) : NLP_ERR_NOMEM;
    if (st == NLP_OK)
        st = parse_side("predicted", pred, total, lengths, o, &types, tags + total);
    size_t correct = 0;
    for (size_t k = 0; st == NLP_OK && k < total; k++)
        correct += strcmp(gold[k], pred[k]) == 0;
    if (st == NLP_OK)
        st = finish(tags, tags + total, lengths, n_sentences, o, &types, total, correct, out);
    free(tags);
    nlp__type_table_free(&types);
    return st;
}

/* Parse each label once; then the id arrays just index the result. */
static nlp_status parse_labels(const char *const *labels, size_t n_labels,
                               const nlp_seqeval_options *o, nlp__type_table *types,
                               nlp__tag *out)
{
    for (size_t i = 0; i < n_labels; i++) {
        nlp_status st = nlp__tag_parse(labels[i], o->mode, o->scheme, types, &out[i]);
        if (st == NLP_ERR_INVALID_ARG)
            return nlp__fail(st, "seqeval: label %zu \"%s\" is not valid in scheme %s", i,
                             labels[i] ? labels[i] : "(null)", scheme_name(o->scheme));
        if (st != NLP_OK)
            return st;
    }
    return NLP_OK;
}

static nlp_status map_ids(const int32_t *ids, size_t total, const nlp__tag *table,
                          size_t n_labels, nlp__tag *out)
{
    for (size_t k = 0; k < total; k++) {
        if (ids[k] < 0 || (size_t)ids[k] >= n_labels)
            return nlp__fail(NLP_ERR_INVALID_ARG, "seqeval: label id %d at token %zu is out "
                             "of range [0, %zu)", (int)ids[k], k, n_labels);
        out[k] = table[ids[k]];
    }
    return NLP_OK;
}

nlp_status nlp__seqeval_evaluate_ids(const int32_t *gold, const int32_t *pred,
                                     const size_t *lengths, size_t n_sentences,
                                     const char *const *labels, size_t n_labels,
                                     const nlp_seqeval_options *opts,
                                     nlp_seqeval_report **out)
{
    nlp_seqeval_options local;
    const nlp_seqeval_options *o = resolve(opts, &local);
    size_t total = 0;
    if (!out || (n_sentences && !lengths) || (n_labels && !labels))
        return nlp__null_arg("seqeval", !out ? "out" : (n_sentences && !lengths) ? "lengths"
                                                                                : "labels");
    nlp_status st = check_options(o);
    if (st == NLP_OK)
        st = total_tokens(lengths, n_sentences, &total);
    if (st == NLP_OK && total && (!gold || !pred))
        st = nlp__fail(NLP_ERR_INVALID_ARG, "seqeval: NULL label id array");
    if (st != NLP_OK)
        return st;
    nlp__type_table types = {0};
    nlp__tag *table = nlp__malloc((n_labels + 2 * total + 1) * sizeof *table);
    nlp__tag *tags = table ? table + n_labels : NULL;
    st = table ? parse_labels(labels, n_labels, o, &types, table) : NLP_ERR_NOMEM;
    if (st == NLP_OK)
        st = map_ids(gold, total, table, n_labels, tags);
    if (st == NLP_OK)
        st = map_ids(pred, total, table, n_labels, tags + total);
    size_t correct = 0;
    for (size_t k = 0; st == NLP_OK && k < total; k++)
        correct += gold[k] == pred[k];
    if (st == NLP_OK)
        st = finish(tags, tags + total, lengths, n_sentences, o, &types, total, correct, out);
    free(table);
    nlp__type_table_free(&types);
    return st;
}
