/* collate.c - epoch order and dynamic padding (see collate.h). */
#include "train/collate.h"

#include <stdlib.h>
#include <string.h>

void nlp__batch_free(nlp__batch *batch)
{
    if (!batch)
        return;
    free(batch->input_ids);
    free(batch->attention_mask);
    free(batch->labels);
    memset(batch, 0, sizeof *batch);
}

static void fill_row(int64_t *dst, const int32_t *src, size_t n, size_t cols, int64_t pad)
{
    for (size_t j = 0; j < cols; j++)
        dst[j] = j < n ? src[j] : pad;
}

nlp_status nlp__collate(const nlp__feature_set *set, const size_t *index, size_t n,
                        int32_t pad_id, nlp__batch *out)
{
    memset(out, 0, sizeof *out);
    size_t cols = 1, label_cols = 1;
    for (size_t i = 0; i < n; i++) {
        const nlp__feature *f = &set->items[index[i]];
        cols = f->n_input > cols ? f->n_input : cols;
        label_cols = f->n_labels > label_cols ? f->n_labels : label_cols;
    }
    out->rows = n;
    out->cols = cols;
    out->label_cols = label_cols;
    out->input_ids = nlp__malloc(n * cols * sizeof(int64_t));
    out->attention_mask = nlp__malloc(n * cols * sizeof(int64_t));
    out->labels = nlp__malloc(n * label_cols * sizeof(int64_t));
    if (!out->input_ids || !out->attention_mask || !out->labels) {
        nlp__batch_free(out);
        return NLP_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        const nlp__feature *f = &set->items[index[i]];
        fill_row(out->input_ids + i * cols, f->input_ids, f->n_input, cols, pad_id);
        for (size_t j = 0; j < cols; j++)
            out->attention_mask[i * cols + j] = j < f->n_input;
        fill_row(out->labels + i * label_cols, f->labels, f->n_labels, label_cols,
                 NLP__IGNORE_LABEL);
        out->tokens += f->n_input;
    }
    return NLP_OK;
}

/* Sort a megabatch by length, longest first; ties keep their order
 * (insertion sort: stable, and megabatches are small). */
static void sort_by_length(const nlp__feature_set *set, size_t *items, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        size_t x = items[i], j = i;
        while (j > 0 && set->items[items[j - 1]].n_input < set->items[x].n_input) {
            items[j] = items[j - 1];
            j--;
        }
        items[j] = x;
    }
}

nlp_status nlp__epoch_order(const nlp__feature_set *set, bool shuffle, bool group_by_length,
                            size_t batch_size, nlp__rng *rng, size_t *out)
{
    size_t n = set->count;
    for (size_t i = 0; i < n; i++)
        out[i] = i;
    if (!shuffle)
        return NLP_OK;
    nlp__rng_shuffle(rng, out, n);
    if (!group_by_length || batch_size == 0)
        return NLP_OK;
    size_t mult = n / (4 * batch_size);
    mult = mult > 50 ? 50 : mult < 1 ? 1 : mult;
    size_t mega = mult * batch_size;
    for (size_t start = 0; start < n; start += mega)
        sort_by_length(set, out + start, n - start < mega ? n - start : mega);
    return NLP_OK;
}
