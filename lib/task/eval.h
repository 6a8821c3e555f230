/* eval.h - scoring a loaded model on a labelled data file, batch by batch,
 * with progress (nlp.h, section 12). The options are complete structs: the
 * api room has read the caller's by their sizes (seqeval included). */
#ifndef NLP_TASK_EVAL_H
#define NLP_TASK_EVAL_H

#include "task/ner_pipeline.h"
#include "task/toxic.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Report progress; NLP_ERR_CANCELLED (message set) when the callback asks
 * to stop. */
nlp_status nlp__eval_progress(const nlp_eval_options *o, size_t done, size_t total);

/* Tag the sentences of a CoNLL file (or, for .json / .jsonl, conll2003 JSON
 * Lines) with the pipeline and score them with seqeval. */
nlp_status nlp__ner_evaluate(const nlp__ner_pipeline *pipeline, const char *data_path,
                             const nlp_eval_options *o, nlp_seqeval_report **out);

/* Classify the rows of a CSV / JSON Lines file and score the verdicts;
 * metrics receives the complete struct. */
nlp_status nlp__toxic_evaluate(const nlp_toxic_model *model, const char *data_path,
                               const nlp_eval_options *o, nlp_classification_metrics *metrics);

#ifdef __cplusplus
}
#endif

#endif
