/* t5_text.c - texts in, padded encoder batches out, and generated ids back
 * to text, for a loaded T5 checkpoint. */
#include "task/t5_text.h"
#include "task/features.h"

#include <stdlib.h>
#include <string.h>

void nlp__t5_text_free(nlp__t5_text *t5)
{
    if (!t5)
        return;
    nlp__t5_model_free(t5->model);
    nlp__t5_tokenizer_free(t5->tokenizer);
    nlp__hf_config_free(t5->config);
    free(t5);
}

static nlp_status load_parts(nlp__t5_text *t5, const char *dir, const char *device)
{
    nlp_status st = nlp__hf_config_load(dir, &t5->config);
    if (st != NLP_OK)
        return st;
    if (t5->config->type != NLP__MODEL_T5)
        return nlp__fail(NLP_ERR_UNSUPPORTED, "%s: model_type \"%s\" is not t5", dir,
                         t5->config->model_type ? t5->config->model_type : "");
    const nlp__tokenizer_files *files = &t5->config->tokenizer;
    if (!files->spiece_model && !files->tokenizer_json)
        return nlp__fail(NLP_ERR_IO, "%s: no spiece.model or tokenizer.json", dir);
    st = nlp__t5_tokenizer_load(files->spiece_model, files->tokenizer_json, &t5->tokenizer);
    if (st != NLP_OK)
        return st;
    st = nlp__t5_model_load(t5->config, device, &t5->model);
    if (st != NLP_OK)
        return st;
    t5->eos_id = (int32_t)t5->config->t5.eos_token_id;
    t5->pad_id = (int32_t)t5->config->t5.pad_token_id;
    t5->unk_id = nlp__t5_piece_to_id(t5->tokenizer, "<unk>", 5);
    return NLP_OK;
}

nlp_status nlp__t5_text_load(const char *dir, const char *device, nlp__t5_text **out)
{
    nlp__t5_text *t5 = nlp__calloc(1, sizeof *t5);
    if (!t5)
        return NLP_ERR_NOMEM;
    nlp_status st = load_parts(t5, dir, device);
    if (st != NLP_OK) {
        nlp__t5_text_free(t5);
        return st;
    }
    *out = t5;
    return NLP_OK;
}

nlp_status nlp__t5_text_encode(const nlp__t5_text *t5, const char *prefix, const char *text,
                               size_t len, nlp__encoding *enc)
{
    size_t plen = prefix ? strlen(prefix) : 0;
    char *joined = nlp__malloc(plen + len + 1);
    if (!joined)
        return NLP_ERR_NOMEM;
    memcpy(joined, prefix ? prefix : "", plen);
    if (len)
        memcpy(joined + plen, text, len);
    joined[plen + len] = '\0';
    nlp_status st = nlp__t5_encode(t5->tokenizer, joined, plen + len, false, enc);
    free(joined);
    return st;
}

nlp_status nlp__t5_text_input(const nlp__t5_text *t5, const char *prefix, const char *text,
                              size_t len, size_t max_tokens, nlp__t5_input *out)
{
    if (max_tokens < 1)
        return nlp__fail(NLP_ERR_INVALID_ARG, "max_input_tokens must be at least 1");
    nlp__encoding *enc = nlp__encoding_new();
    nlp_status st = enc ? nlp__t5_text_encode(t5, prefix, text, len, enc) : NLP_ERR_NOMEM;
    if (st == NLP_OK) {
        size_t keep = nlp__t5_text_keep(enc->count, max_tokens);
        out->ids = nlp__malloc((keep + 1) * sizeof *out->ids);
        if (!out->ids) {
            st = NLP_ERR_NOMEM;
        } else {
            memcpy(out->ids, enc->ids, keep * sizeof *out->ids);
            out->ids[keep] = t5->eos_id;
            out->count = keep + 1;
        }
    }
    nlp__encoding_free(enc);
    return st;
}

nlp_status nlp__t5_batch_build(const nlp__t5_text *t5, const nlp__t5_input *inputs,
                               const size_t *order, size_t n, nlp__t5_batch *out)
{
    size_t len = 1;
    for (size_t i = 0; i < n; i++)
        if (inputs[order[i]].count > len)
            len = inputs[order[i]].count;
    int32_t *ids = nlp__malloc(n * len * sizeof *ids);
    int32_t *mask = nlp__calloc(n * len, sizeof *mask);
    if (!ids || !mask) {
        free(ids);
        free(mask);
        return NLP_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        const nlp__t5_input *in = &inputs[order[i]];
        for (size_t j = 0; j < len; j++) {
            ids[i * len + j] = j < in->count ? in->ids[j] : t5->pad_id;
            mask[i * len + j] = j < in->count;
        }
    }
    *out = (nlp__t5_batch){ids, mask, n, len};
    return NLP_OK;
}

void nlp__t5_batch_free(nlp__t5_batch *batch)
{
    free((void *)batch->ids);
    free((void *)batch->mask);
    batch->ids = batch->mask = NULL;
}

nlp_status nlp__t5_text_decode(const nlp__t5_text *t5, const int32_t *ids, size_t n,
                               char **text)
{
    return nlp__t5_decode(t5->tokenizer, ids, n, true, text);
}
