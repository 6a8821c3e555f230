/* classification.c - accuracy, precision, recall, F1, confusion matrix and
 * average precision for binary labels, as scikit-learn 1.2 computes them. */
#include "metrics/classification.h"
#include "metrics/seqeval.h"
#include "metrics/textbuf.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static nlp_status check_binary(const char *what, const int *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (v[i] != 0 && v[i] != 1)
            return nlp__fail(NLP_ERR_INVALID_ARG, "%s[%zu] is %d, expected 0 or 1", what, i,
                             v[i]);
    return NLP_OK;
}

typedef struct scored {
    double score;
    size_t index;
    int label;
} scored;

/* Descending score; ties keep reverse input order, as numpy's stable
 * argsort followed by [::-1] does (ties share a threshold anyway). */
static int by_score_desc(const void *a, const void *b)
{
    const scored *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return x->index < y->index ? 1 : x->index > y->index ? -1 : 0;
}

/* _binary_clf_curve then average_precision: at each distinct score
 * (highest first) tps and fps are the counts at or above it; precision =
 * tps / (tps + fps), recall = tps / total positives; the result is
 * -sum(diff(recall reversed, with a final 0) * precision reversed). */
static double ap_from_sorted(const scored *s, size_t n, double *terms)
{
    size_t m = 0, tps = 0;
    double positives = 0;
    for (size_t i = 0; i < n; i++)
        positives += s[i].label;
    double prev_recall = 0;
    for (size_t i = 0; i < n; i++) {
        tps += (size_t)s[i].label;
        if (i + 1 < n && s[i + 1].score == s[i].score)
            continue;
        double precision = (double)tps / (double)(i + 1);
        /* No positives: scikit-learn sets recall to 1 everywhere. */
        double recall = positives > 0 ? (double)tps / positives : 1.0;
        terms[m++] = (prev_recall - recall) * precision;
        prev_recall = recall;
    }
    /* numpy sums the terms lowest threshold first; the highest threshold's
     * step is (0 - recall_1) * precision_1 in its reversed arrays. Reverse
     * to match, then negate. */
    for (size_t i = 0; i < m / 2; i++) {
        double t = terms[i];
        terms[i] = terms[m - 1 - i];
        terms[m - 1 - i] = t;
    }
    return -nlp__np_sum(terms, m);
}

nlp_status nlp__average_precision(const int *labels, const double *scores, size_t n,
                                  double *out)
{
    if (!labels || !scores || !out || n == 0)
        return nlp__fail(NLP_ERR_INVALID_ARG, "average precision: empty or NULL input");
    nlp_status st = check_binary("labels", labels, n);
    for (size_t i = 0; st == NLP_OK && i < n; i++)
        if (isnan(scores[i]))
            st = nlp__fail(NLP_ERR_INVALID_ARG, "scores[%zu] is NaN", i);
    if (st != NLP_OK)
        return st;
    scored *s = nlp__malloc(n * sizeof *s);
    double *terms = nlp__malloc(n * sizeof *terms);
    if (!s || !terms) {
        free(s);
        free(terms);
        return NLP_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++)
        s[i] = (scored){scores[i], i, labels[i]};
    qsort(s, n, sizeof *s, by_score_desc);
    *out = ap_from_sorted(s, n, terms);
    free(s);
    free(terms);
    return NLP_OK;
}

static double ratio(size_t num, size_t den)
{
    return den == 0 ? 0.0 : (double)num / (double)den;
}

nlp_status nlp__classification_evaluate(const int *labels, const int *predictions,
                                        const double *scores, size_t n,
                                        nlp_classification_metrics *out)
{
    if (!labels || !predictions || !out || n == 0)
        return nlp__fail(NLP_ERR_INVALID_ARG, "classification metrics: empty or NULL input");
    nlp_status st = check_binary("labels", labels, n);
    if (st == NLP_OK)
        st = check_binary("predictions", predictions, n);
    double auprc = NAN;
    if (st == NLP_OK && scores)
        st = nlp__average_precision(labels, scores, n, &auprc);
    if (st != NLP_OK)
        return st;
    nlp_classification_metrics m = {sizeof m, n, 0, 0, 0, 0, 0, 0, 0, 0, 0, auprc};
    for (size_t i = 0; i < n; i++) {
        size_t *cell = labels[i] ? (predictions[i] ? &m.tp : &m.fn)
                                 : (predictions[i] ? &m.fp : &m.tn);
        ++*cell;
    }
    m.support = m.tp + m.fn;
    m.accuracy = ratio(m.tp + m.tn, n);
    m.precision = ratio(m.tp, m.tp + m.fp);
    m.recall = ratio(m.tp, m.tp + m.fn);
    double denom = m.precision + m.recall;
    m.f1 = denom == 0 ? 0.0 : 2.0 * m.precision * m.recall / denom;
    *out = m;
    return NLP_OK;
}

nlp_status nlp__classification_copy(const nlp_classification_metrics *m,
                                    nlp_classification_metrics *out)
{
    /* The first version of the struct ends with auprc; a caller's size
     * below that is a caller that did not set it. */
    size_t first = offsetof(nlp_classification_metrics, auprc) + sizeof(double);
    if (!out || out->size < first || out->size > NLP__OPTIONS_MAX_SIZE)
        return nlp__fail(NLP_ERR_INVALID_ARG, "nlp_classification_metrics: %s; set out->size "
                         "= sizeof(nlp_classification_metrics) before the call",
                         out ? "out->size is not set" : "out is NULL");
    size_t size = out->size, n = size < sizeof *m ? size : sizeof *m;
    memcpy(out, m, n);
    out->size = size;
    return NLP_OK;
}

nlp_status nlp__classification_json(const nlp_classification_metrics *m, char **out)
{
    if (!m || !out)
        return nlp__null_arg("classification JSON", m ? "out" : "metrics");
    nlp__textbuf b = {0};
    const char *names[] = {"accuracy", "precision", "recall", "f1", "auprc"};
    const double values[] = {m->accuracy, m->precision, m->recall, m->f1, m->auprc};
    nlp__tb_append(&b, "{", 1);
    for (size_t i = 0; i < 5; i++) {
        nlp__tb_printf(&b, "\"%s\": ", names[i]);
        nlp__tb_json_double(&b, values[i]);
        nlp__tb_append(&b, ", ", 2);
    }
    nlp__tb_printf(&b, "\"confusion\": [[%zu, %zu], [%zu, %zu]], \"support\": %zu, "
                   "\"count\": %zu}", m->tn, m->fp, m->fn, m->tp, m->support, m->count);
    return nlp__tb_take(&b, out);
}
