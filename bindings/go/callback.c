/* The C side of training progress callbacks: the library calls this, it
 * calls the exported Go function with the handle stored in data. */
#include "_cgo_export.h"

int nlpgo_train_callback(const nlp_train_progress *progress, void *data)
{
    return nlpgoTrainProgress((nlp_train_progress *)progress, data);
}
