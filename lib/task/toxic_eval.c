/* toxic_eval.c - nlp_toxic_evaluate_model's job: classify the rows of a
 * labelled file in batches and score the verdicts. */
#include "io/text_data.h"
#include "metrics/classification.h"
#include "task/eval.h"

#include <stdlib.h>

/* Classify rows [0, n), o->batch_size at a time. */
static nlp_status classify_all(const nlp_toxic_model *m, const nlp__text_data *d, size_t n,
                               const nlp_eval_options *o, int *pred, double *score)
{
    size_t batch = o->batch_size ? o->batch_size : 32;
    const char **texts = nlp__malloc(batch * sizeof *texts);
    size_t *lens = nlp__malloc(batch * sizeof *lens);
    nlp_toxic_result **res = nlp__calloc(batch, sizeof *res);
    nlp_status st = texts && lens && res ? NLP_OK : NLP_ERR_NOMEM;
    for (size_t start = 0; start < n && st == NLP_OK; start += batch) {
        size_t k = n - start < batch ? n - start : batch;
        for (size_t i = 0; i < k; i++) {
            texts[i] = d->rows[start + i].text;
            lens[i] = d->rows[start + i].length;
        }
        st = nlp__toxic_classify(m, texts, lens, k, res);
        if (st != NLP_OK) {
            st = nlp__wrap(st, "%s:%ld", d->path, d->rows[start].line);
            break;
        }
        for (size_t i = 0; i < k; i++) {
            pred[start + i] = res[i]->is_toxic;
            score[start + i] = res[i]->score;
            nlp__toxic_result_free(res[i]);
        }
        st = nlp__eval_progress(o, start + k, n);
    }
    free(texts);
    free(lens);
    free(res);
    return st;
}

nlp_status nlp__toxic_evaluate(const nlp_toxic_model *model, const char *data_path,
                               const nlp_eval_options *o, nlp_classification_metrics *metrics)
{
    nlp__text_options to = {o->text_column, o->label_column};
    nlp__text_data *d = NULL;
    nlp_status st = nlp__text_data_read(data_path, &to, &d);
    size_t n = st == NLP_OK ? d->count : 0;
    n = o->max_examples && o->max_examples < n ? o->max_examples : n;
    if (st == NLP_OK && n == 0)
        st = nlp__fail(NLP_ERR_FORMAT, "%s: no rows", data_path);
    int *gold = st == NLP_OK ? nlp__calloc(n, sizeof *gold) : NULL;
    int *pred = st == NLP_OK ? nlp__calloc(n, sizeof *pred) : NULL;
    double *score = st == NLP_OK ? nlp__calloc(n, sizeof *score) : NULL;
    if (st == NLP_OK && (!gold || !pred || !score))
        st = NLP_ERR_NOMEM;
    for (size_t i = 0; st == NLP_OK && i < n; i++)
        gold[i] = d->rows[i].label;
    if (st == NLP_OK)
        st = classify_all(model, d, n, o, pred, score);
    if (st == NLP_OK)
        st = nlp__classification_evaluate(gold, pred, score, n, metrics);
    free(gold);
    free(pred);
    free(score);
    nlp__text_data_free(d);
    return st;
}
