/* seqeval_report.c - from gold and predicted entities to per-type and
 * averaged precision, recall and F1, computed in the same order of
 * floating-point operations as seqeval 1.2.2 (numpy), so results agree to
 * the last bit. */
#include "metrics/seqeval.h"

#include <stdlib.h>
#include <string.h>

static int entity_cmp(const void *a, const void *b)
{
    const nlp__entity *x = a, *y = b;
    if (x->type != y->type)
        return x->type < y->type ? -1 : 1;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->end != y->end)
        return x->end < y->end ? -1 : 1;
    return 0;
}

/* seqeval keeps entities in sets: sort and drop repeats. */
static void sort_unique(nlp__entity_list *l)
{
    if (l->count == 0)
        return;
    qsort(l->items, l->count, sizeof *l->items, entity_cmp);
    size_t w = 1;
    for (size_t r = 1; r < l->count; r++)
        if (entity_cmp(&l->items[r], &l->items[w - 1]) != 0)
            l->items[w++] = l->items[r];
    l->count = w;
}

typedef struct counts {
    size_t gold, pred, correct;
} counts;

/* Walk both sorted lists once, counting per type id. */
static void count_by_type(const nlp__entity_list *g, const nlp__entity_list *p, counts *c)
{
    size_t i = 0, j = 0;
    while (i < g->count || j < p->count) {
        int cmp = i == g->count ? 1 : j == p->count ? -1
                : entity_cmp(&g->items[i], &p->items[j]);
        if (cmp <= 0)
            c[g->items[i].type].gold++;
        if (cmp >= 0)
            c[p->items[j].type].pred++;
        if (cmp == 0)
            c[g->items[i].type].correct++;
        i += cmp <= 0;
        j += cmp >= 0;
    }
}

/* _prf_divide with zero_division="warn": 0 where the denominator is 0. */
static double divide(size_t num, size_t den)
{
    return den == 0 ? 0.0 : (double)num / (double)den;
}

/* (1 + beta2) * precision * recall / denom, with denom 0 replaced by 1. */
static double f1_of(double p, double r)
{
    double denom = p + r;
    if (denom == 0.)
        denom = 1;
    return 2.0 * p * r / denom;
}

static void fill_row(nlp_entity_score *row, size_t gold, size_t pred, size_t correct)
{
    row->precision = divide(correct, pred);
    row->recall = divide(correct, gold);
    row->f1 = f1_of(row->precision, row->recall);
    row->support = gold;
    row->predicted = pred;
    row->correct = correct;
}

/* np.average(values, weights) = sum(values * weights) / sum(weights). */
static double weighted_mean(const double *v, const double *w, double *tmp, size_t n)
{
    for (size_t i = 0; i < n; i++)
        tmp[i] = v[i] * w[i];
    return nlp__np_sum(tmp, n) / nlp__np_sum(w, n);
}

static nlp_status fill_averages(nlp_seqeval_report *r)
{
    size_t n = r->type_count, gold = 0, pred = 0, correct = 0;
    for (size_t i = 0; i < n; i++) {
        gold += r->types[i].support;
        pred += r->types[i].predicted;
        correct += r->types[i].correct;
    }
    fill_row(&r->avg[NLP_AVERAGE_MICRO], gold, pred, correct);
    r->avg[NLP_AVERAGE_MICRO].type = "micro avg";
    for (int k = NLP_AVERAGE_MACRO; k <= NLP_AVERAGE_WEIGHTED; k++) {
        r->avg[k] = (nlp_entity_score){k == NLP_AVERAGE_MACRO ? "macro avg" : "weighted avg",
                                       0, 0, 0, gold, pred, correct};
    }
    if (n == 0)
        return NLP_OK;  /* seqeval: NaN macro (mean of nothing), 0 weighted */
    double *buf = nlp__malloc(5 * n * sizeof *buf);
    if (!buf)
        return NLP_ERR_NOMEM;
    double *p = buf, *rc = buf + n, *f = buf + 2 * n, *w = buf + 3 * n, *tmp = buf + 4 * n;
    for (size_t i = 0; i < n; i++) {
        p[i] = r->types[i].precision;
        rc[i] = r->types[i].recall;
        f[i] = r->types[i].f1;
        w[i] = (double)r->types[i].support;
    }
    nlp_entity_score *macro = &r->avg[NLP_AVERAGE_MACRO];
    macro->precision = nlp__np_sum(p, n) / (double)n;
    macro->recall = nlp__np_sum(rc, n) / (double)n;
    macro->f1 = nlp__np_sum(f, n) / (double)n;
    if (gold > 0) {  /* else seqeval returns zero_division's 0 for all three */
        nlp_entity_score *wt = &r->avg[NLP_AVERAGE_WEIGHTED];
        wt->precision = weighted_mean(p, w, tmp, n);
        wt->recall = weighted_mean(rc, w, tmp, n);
        wt->f1 = weighted_mean(f, w, tmp, n);
    }
    free(buf);
    return NLP_OK;
}

typedef struct name_index {
    const char *name;
    int32_t id;
} name_index;

static int name_cmp(const void *a, const void *b)
{
    return strcmp(((const name_index *)a)->name, ((const name_index *)b)->name);
}

/* Rows for the types that occur in some entity, sorted by name. */
static nlp_status fill_types(nlp_seqeval_report *r, const counts *c, const nlp__type_table *t)
{
    name_index *order = nlp__malloc((t->count + 1) * sizeof *order);
    if (!order)
        return NLP_ERR_NOMEM;
    size_t n = 0;
    for (size_t id = 0; id < t->count; id++)
        if (c[id].gold || c[id].pred)
            order[n++] = (name_index){t->names[id], (int32_t)id};
    qsort(order, n, sizeof *order, name_cmp);
    r->types = nlp__calloc(n + 1, sizeof *r->types);
    nlp_status st = r->types ? NLP_OK : NLP_ERR_NOMEM;
    for (size_t i = 0; i < n && st == NLP_OK; i++) {
        const counts *k = &c[order[i].id];
        fill_row(&r->types[i], k->gold, k->pred, k->correct);
        r->types[i].type = nlp__strdup(order[i].name);
        st = r->types[i].type ? NLP_OK : NLP_ERR_NOMEM;
        r->type_count = i + 1;
    }
    free(order);
    return st;
}

nlp_status nlp__seqeval_report_build(nlp__entity_list *gold, nlp__entity_list *pred,
                                     const nlp__type_table *types, size_t tokens,
                                     size_t tokens_correct, nlp_seqeval_report **out)
{
    sort_unique(gold);
    sort_unique(pred);
    nlp_seqeval_report *r = nlp__calloc(1, sizeof *r);
    counts *c = nlp__calloc(types->count + 1, sizeof *c);
    nlp_status st = r && c ? NLP_OK : NLP_ERR_NOMEM;
    if (st == NLP_OK) {
        count_by_type(gold, pred, c);
        st = fill_types(r, c, types);
    }
    if (st == NLP_OK)
        st = fill_averages(r);
    free(c);
    if (st != NLP_OK) {
        nlp__seqeval_report_free(r);
        return st;
    }
    r->tokens = tokens;
    r->tokens_correct = tokens_correct;
    r->accuracy = divide(tokens_correct, tokens);
    *out = r;
    return NLP_OK;
}

void nlp__seqeval_report_free(nlp_seqeval_report *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->type_count; i++)
        free((char *)r->types[i].type);
    free(r->types);
    free(r);
}
