/* toxic_eval.c - the exported evaluation functions (nlp.h, section 12):
 * eval options, nlp_ner_evaluate, nlp_toxic_evaluate_model and the 0.1
 * convenience nlp_toxic_evaluate. The work is lib/task/eval.h's. */
#include "api/ner_model.h"
#include "metrics/classification.h"
#include "metrics/seqeval.h"
#include "task/eval.h"

#include <string.h>

static nlp_eval_options eval_defaults(void)
{
    nlp_eval_options o;
    memset(&o, 0, sizeof o);
    o.size = sizeof o;
    o.batch_size = 32;
    return o;
}

nlp_status nlp_eval_options_init(nlp_eval_options *options, size_t size)
{
    nlp_eval_options d = eval_defaults();
    return nlp__options_init(options, size, &d, sizeof d, "nlp_eval_options");
}

/* The caller's eval options and the seqeval options they point to, both
 * read by their sizes; o->seqeval ends up pointing to *seqeval. */
static nlp_status read_eval_options(const nlp_eval_options *given, nlp_eval_options *o,
                                    nlp_seqeval_options *seqeval)
{
    *o = eval_defaults();
    *seqeval = nlp__seqeval_defaults();
    nlp_status st = nlp__options_read(o, sizeof *o, given, "nlp_eval_options");
    if (st == NLP_OK)
        st = nlp__options_read(seqeval, sizeof *seqeval, o->seqeval, "nlp_seqeval_options");
    o->seqeval = seqeval;
    if (st == NLP_OK && o->batch_size == 0)
        o->batch_size = 32;
    return st;
}

nlp_status nlp_ner_evaluate(const nlp_ner_model *model, const char *data_path,
                            const nlp_eval_options *options, nlp_seqeval_report **out)
{
    nlp_status checked = NLP__CHECK_ARGS("nlp_ner_evaluate", NLP__ARG(model), NLP__ARG(data_path),
                                         NLP__ARG(out));
    if (checked != NLP_OK)
        return checked;
    nlp_eval_options o;
    nlp_seqeval_options seqeval;
    nlp_status st = read_eval_options(options, &o, &seqeval);
    return st == NLP_OK ? nlp__ner_evaluate(&model->pipeline, data_path, &o, out) : st;
}

nlp_status nlp_toxic_evaluate_model(const nlp_toxic_model *model, const char *data_path,
                                    const nlp_eval_options *options,
                                    nlp_classification_metrics *out)
{
    nlp_status checked = NLP__CHECK_ARGS("nlp_toxic_evaluate_model", NLP__ARG(model),
                                         NLP__ARG(data_path), NLP__ARG(out));
    if (checked != NLP_OK)
        return checked;
    nlp_eval_options o;
    nlp_seqeval_options unused;
    nlp_classification_metrics m = {.size = sizeof m};
    nlp_classification_metrics probe = {.size = out->size};
    nlp_status st = nlp__classification_copy(&m, &probe);
    if (st == NLP_OK)
        st = read_eval_options(options, &o, &unused);
    if (st == NLP_OK)
        st = nlp__toxic_evaluate(model, data_path, &o, &m);
    return st == NLP_OK ? nlp__classification_copy(&m, out) : st;
}

nlp_status nlp_toxic_evaluate(const char *model_dir, const char *data_path,
                              const nlp_toxic_options *model_options, const char *text_column,
                              const char *label_column, size_t max_examples,
                              nlp_classification_metrics *out)
{
    nlp_status checked = NLP__CHECK_ARGS("nlp_toxic_evaluate", NLP__ARG(model_dir),
                                         NLP__ARG(data_path), NLP__ARG(out));
    if (checked != NLP_OK)
        return checked;
    nlp_eval_options o = eval_defaults();
    o.text_column = text_column;
    o.label_column = label_column;
    o.max_examples = max_examples;
    nlp_toxic_model *m = NULL;
    nlp_status st = nlp_toxic_load(model_dir, model_options, &m);
    if (st == NLP_OK)
        st = nlp_toxic_evaluate_model(m, data_path, &o, out);
    nlp_toxic_free(m);
    return st;
}
