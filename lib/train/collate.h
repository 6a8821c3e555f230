/* collate.h - batches from features: epoch order (seeded shuffle, optional
 * length grouping) and dynamic padding. */
#ifndef NLP_TRAIN_COLLATE_H
#define NLP_TRAIN_COLLATE_H

#include "task/features.h"
#include "train/rng.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A padded batch, row-major int64 (what libtorch's embedding wants).
 * Rows are padded to the longest row of this batch: input with pad_id and
 * attention 0, labels with -100. label_cols == cols for NER. */
typedef struct nlp__batch {
    size_t rows, cols, label_cols;
    int64_t *input_ids, *attention_mask, *labels;
    size_t tokens; /* real (unpadded) input tokens */
} nlp__batch;

nlp_status nlp__collate(const nlp__feature_set *set, const size_t *index, size_t n,
                        int32_t pad_id, nlp__batch *out);
void nlp__batch_free(nlp__batch *batch); /* NULL ok; zeroes the struct */

/* The example order of one epoch into out[0..n): identity without shuffle;
 * else a Fisher-Yates permutation from rng; with group_by_length, as
 * transformers' LengthGroupedSampler: the permutation is cut into
 * megabatches of mult * batch_size (mult = min(n / (4 * batch_size), 50),
 * at least 1) each sorted by input length, longest first, so batches hold
 * similar lengths and padding shrinks. */
nlp_status nlp__epoch_order(const nlp__feature_set *set, bool shuffle, bool group_by_length,
                            size_t batch_size, nlp__rng *rng, size_t *out);

#ifdef __cplusplus
}
#endif

#endif
