/* The C side of training progress callbacks: the library calls this, it
 * calls the exported Go function with the handle stored in data. */
#include "_cgo_export.h"

int nlpgo_train_callback(const nlp_train_progress *progress, void *data)
{
    return nlpgoTrainProgress((nlp_train_progress *)progress, data);
}

int nlpgo_eval_progress(size_t done, size_t total, void *data)
{
    return nlpgoEvalProgress(done, total, data);
}
