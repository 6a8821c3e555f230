/* toxic_eval.c - nlp_toxic_evaluate: a toxicity model's scores on a
 * labelled data set (see nlp.h). */
#include "io/text_data.h"

#include <stdlib.h>

enum { EVAL_BATCH = 32 };

/* Classify rows [0, n) in batches; predictions and scores get one entry
 * per row. */
static nlp_status classify_all(const nlp_toxic_model *m, const nlp__text_data *d, size_t n,
                               int *pred, double *score)
{
    const char *texts[EVAL_BATCH];
    size_t lens[EVAL_BATCH];
    nlp_toxic_result *res[EVAL_BATCH];
    for (size_t start = 0; start < n; start += EVAL_BATCH) {
        size_t k = n - start < EVAL_BATCH ? n - start : EVAL_BATCH;
        for (size_t i = 0; i < k; i++) {
            texts[i] = d->rows[start + i].text;
            lens[i] = d->rows[start + i].length;
        }
        nlp_status st = nlp_toxic_classify_batch(m, texts, lens, k, res);
        if (st != NLP_OK)
            return nlp__wrap(st, "%s:%ld", d->path, d->rows[start].line);
        for (size_t i = 0; i < k; i++) {
            pred[start + i] = res[i]->is_toxic;
            score[start + i] = res[i]->score;
            nlp_toxic_result_free(res[i]);
        }
    }
    return NLP_OK;
}

nlp_status nlp_toxic_evaluate(const char *model_dir, const char *data_path,
                              const nlp_toxic_options *model_opts, const char *text_column,
                              const char *label_column, size_t max_examples,
                              nlp_classification_metrics *out)
{
    if (!model_dir || !data_path || !out)
        return nlp__fail(NLP_ERR_INVALID_ARG, "nlp_toxic_evaluate: NULL argument");
    nlp__text_options to = {text_column, label_column};
    nlp__text_data *d = NULL;
    nlp_toxic_model *m = NULL;
    nlp_status st = nlp__text_data_read(data_path, &to, &d);
    if (st == NLP_OK)
        st = nlp_toxic_load(model_dir, model_opts, &m);
    size_t n = st == NLP_OK ? d->count : 0;
    n = max_examples && max_examples < n ? max_examples : n;
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
        st = classify_all(m, d, n, pred, score);
    if (st == NLP_OK)
        st = nlp_classification_evaluate(gold, pred, score, n, out);
    free(gold);
    free(pred);
    free(score);
    nlp_toxic_free(m);
    nlp__text_data_free(d);
    return st;
}
