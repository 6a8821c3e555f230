/* t5_api.c - the exported nlp_t5_* functions: argument checks, then the
 * task and model rooms. */
#include "api/t5_common.h"
#include "task/t5_text.h"

#include <stdlib.h>
#include <string.h>

struct nlp_t5_model {
    nlp__t5_text *t5;
    size_t max_input_tokens;
};

static nlp_t5_options t5_defaults(void)
{
    nlp_t5_options o;
    memset(&o, 0, sizeof o);
    o.size = sizeof o;
    o.device = "auto";
    o.max_input_tokens = 512;
    return o;
}

nlp_status nlp_t5_options_init(nlp_t5_options *options, size_t size)
{
    nlp_t5_options d = t5_defaults();
    return nlp__options_init(options, size, &d, sizeof d, "nlp_t5_options");
}

nlp_status nlp_t5_load(const char *dir, const nlp_t5_options *options, nlp_t5_model **model)
{
    nlp_status st = NLP__CHECK_ARGS("nlp_t5_load", NLP__ARG(dir), NLP__ARG(model));
    if (st != NLP_OK)
        return st;
    nlp_t5_options o = t5_defaults();
    st = nlp__options_read(&o, sizeof o, options, "nlp_t5_options");
    if (st != NLP_OK)
        return st;
    if (o.max_input_tokens < 1)
        return nlp__fail(NLP_ERR_INVALID_ARG, "max_input_tokens must be >= 1, got %d",
                         o.max_input_tokens);
    const char *device = NULL;
    st = nlp__t5_api_runtime(o.device, o.num_threads, &device);
    if (st != NLP_OK)
        return st;
    nlp_t5_model *m = nlp__calloc(1, sizeof *m);
    if (!m)
        return NLP_ERR_NOMEM;
    m->max_input_tokens = (size_t)o.max_input_tokens;
    st = nlp__t5_text_load(dir, device, &m->t5);
    if (st != NLP_OK) {
        free(m);
        return st;
    }
    *model = m;
    return NLP_OK;
}

void nlp_t5_free(nlp_t5_model *model)
{
    if (!model)
        return;
    nlp__t5_text_free(model->t5);
    free(model);
}

size_t nlp_t5_vocab_size(const nlp_t5_model *model)
{
    return model ? (size_t)nlp__t5_model_config(model->t5->model)->vocab_size : 0;
}

nlp_status nlp_t5_logits(const nlp_t5_model *model, const int32_t *input_ids,
                         const int32_t *attention_mask, size_t batch, size_t input_len,
                         const int32_t *decoder_input_ids, size_t decoder_len, float *logits,
                         size_t logits_count)
{
    nlp_status checked = NLP__CHECK_ARGS("nlp_t5_logits", NLP__ARG(model), NLP__ARG(input_ids),
                                         NLP__ARG(decoder_input_ids), NLP__ARG(logits));
    if (checked != NLP_OK)
        return checked;
    if (batch == 0 || input_len == 0 || decoder_len == 0)
        return nlp__fail(NLP_ERR_INVALID_ARG, "nlp_t5_logits: empty batch");
    size_t vocab = nlp_t5_vocab_size(model);
    if (logits_count / vocab / decoder_len < batch)
        return nlp__fail(NLP_ERR_INVALID_ARG,
                         "nlp_t5_logits: buffer holds %zu floats, needs %zu x %zu x %zu",
                         logits_count, batch, decoder_len, vocab);
    nlp__t5_batch src = {input_ids, attention_mask, batch, input_len};
    return nlp__t5_model_logits(model->t5->model, &src, decoder_input_ids, decoder_len, logits);
}

nlp_status nlp_t5_generate(const nlp_t5_model *model, const char *text, size_t len,
                           size_t max_new_tokens, char **out_text)
{
    nlp_status st = NLP__CHECK_ARGS("nlp_t5_generate", NLP__ARG(model), NLP__ARG(out_text));
    if (st == NLP_OK && !text && len)
        st = nlp__null_arg("nlp_t5_generate", "text");
    if (st != NLP_OK)
        return st;
    st = nlp__utf8_check(text ? text : "", len);
    if (st != NLP_OK)
        return st;
    nlp__t5_input input = {0};
    st = nlp__t5_text_input(model->t5, "", text ? text : "", len, model->max_input_tokens,
                            &input);
    if (st != NLP_OK)
        return st;
    size_t steps = 0;
    nlp__t5_batch batch = {input.ids, NULL, 1, input.count};
    int32_t *gen = nlp__malloc((max_new_tokens + 1) * sizeof *gen);
    st = gen ? nlp__t5_model_generate(model->t5->model, &batch, max_new_tokens, true, gen,
                                      &steps, NULL)
             : NLP_ERR_NOMEM;
    if (st == NLP_OK)
        st = nlp__t5_text_decode(model->t5, gen + 1, steps, out_text);
    free(gen);
    free(input.ids);
    return st;
}
