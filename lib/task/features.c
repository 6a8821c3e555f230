/* features.c - label expansion and truncation (see features.h). */
#include "task/features.h"

#include <stdlib.h>
#include <string.h>

void nlp__feature_set_clear(nlp__feature_set *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->count; i++) {
        free(set->items[i].input_ids);
        free(set->items[i].labels);
    }
    free(set->items);
    memset(set, 0, sizeof *set);
}

static int32_t *copy_ids(const int32_t *ids, uint32_t n)
{
    int32_t *p = nlp__malloc((size_t)n * sizeof *p);
    if (p && n)
        memcpy(p, ids, (size_t)n * sizeof *p);
    return p;
}

nlp_status nlp__feature_set_push(nlp__feature_set *set, const int32_t *input_ids,
                                 uint32_t n_input, const int32_t *labels, uint32_t n_labels)
{
    nlp_status st = nlp__grow((void **)&set->items, &set->cap, set->count + 1,
                              sizeof *set->items);
    if (st != NLP_OK)
        return st;
    nlp__feature f = {copy_ids(input_ids, n_input), n_input, copy_ids(labels, n_labels),
                      n_labels};
    if (!f.input_ids || !f.labels) {
        free(f.input_ids);
        free(f.labels);
        return NLP_ERR_NOMEM;
    }
    set->items[set->count++] = f;
    return NLP_OK;
}

nlp_status nlp__ner_continuation_labels(const char *const *id2label, size_t n, int32_t *out)
{
    for (size_t i = 0; i < n; i++) {
        out[i] = (int32_t)i;
        const char *name = id2label[i];
        if (!name || strncmp(name, "B-", 2) != 0)
            continue;
        for (size_t j = 0; j < n; j++)
            if (id2label[j] && strncmp(id2label[j], "I-", 2) == 0 &&
                strcmp(id2label[j] + 2, name + 2) == 0)
                out[i] = (int32_t)j;
    }
    return NLP_OK;
}

nlp_status nlp__ner_expand_labels(const int32_t *word_ids, size_t n_tokens,
                                  const int32_t *word_labels, size_t n_words,
                                  const int32_t *continuation, bool label_all_tokens,
                                  int32_t *out)
{
    int32_t previous = -1;
    for (size_t i = 0; i < n_tokens; i++) {
        int32_t w = word_ids[i];
        if (w < 0) {
            out[i] = NLP__IGNORE_LABEL;
        } else if ((size_t)w >= n_words) {
            return nlp__fail(NLP_ERR_INVALID_ARG, "token %zu: word id %d out of %zu words",
                             i, w, n_words);
        } else if (w != previous) {
            out[i] = word_labels[w];
        } else {
            int32_t l = word_labels[w];
            out[i] = label_all_tokens && l >= 0 ? continuation[l] : NLP__IGNORE_LABEL;
        }
        previous = w;
    }
    return NLP_OK;
}

/* Keep the first (max - 1) tokens and the last one (the closing special). */
static uint32_t truncate_ids(int32_t *ids, size_t n, uint32_t max)
{
    if (n <= max)
        return (uint32_t)n;
    ids[max - 1] = ids[n - 1];
    return max;
}

nlp_status nlp__ner_feature_push(nlp__feature_set *set, const nlp__encoding *enc,
                                 const int32_t *word_labels, size_t n_words,
                                 const int32_t *continuation, bool label_all_tokens,
                                 uint32_t max_length)
{
    if (max_length < 2)
        return nlp__fail(NLP_ERR_INVALID_ARG, "max_length must be >= 2, got %u", max_length);
    size_t n = enc->count;
    int32_t *buf = nlp__malloc(2 * (n ? n : 1) * sizeof *buf);
    if (!buf)
        return NLP_ERR_NOMEM;
    int32_t *ids = buf, *labels = buf + n;
    memcpy(ids, enc->ids, n * sizeof *ids);
    nlp_status st = nlp__ner_expand_labels(enc->word_ids, n, word_labels, n_words,
                                           continuation, label_all_tokens, labels);
    if (st == NLP_OK) {
        uint32_t kept = truncate_ids(ids, n, max_length);
        truncate_ids(labels, n, max_length);
        set->truncated += kept < n;
        st = nlp__feature_set_push(set, ids, kept, labels, kept);
    }
    free(buf);
    return st;
}

size_t nlp__t5_text_keep(size_t n_text, size_t max_length)
{
    return n_text < max_length ? n_text : max_length - 1;
}

nlp_status nlp__t5_feature_push(nlp__feature_set *set, const int32_t *text_ids, size_t n_text,
                                const int32_t *label_ids, size_t n_label, int32_t eos_id,
                                uint32_t max_length)
{
    if (max_length < 1)
        return nlp__fail(NLP_ERR_INVALID_ARG, "max_length must be >= 1");
    size_t keep = nlp__t5_text_keep(n_text, max_length);
    int32_t *buf = nlp__malloc((keep + 1 + n_label + 1) * sizeof *buf);
    if (!buf)
        return NLP_ERR_NOMEM;
    int32_t *in = buf, *lab = buf + keep + 1;
    memcpy(in, text_ids, keep * sizeof *in);
    in[keep] = eos_id;
    memcpy(lab, label_ids, n_label * sizeof *lab);
    lab[n_label] = eos_id;
    set->truncated += keep < n_text;
    nlp_status st = nlp__feature_set_push(set, in, (uint32_t)keep + 1, lab, (uint32_t)n_label + 1);
    free(buf);
    return st;
}
