/* toxic_api.c - the exported nlp_toxic_* functions. */
#include "api/t5_common.h"
#include "core/text_checks.h"
#include "task/toxic.h"

#include <string.h>

static nlp_toxic_options toxic_defaults(void)
{
    nlp_toxic_options o;
    memset(&o, 0, sizeof o);
    o.size = sizeof o;
    o.max_input_tokens = 512;
    o.device = "auto";
    o.max_text_bytes = NLP__DEFAULT_MAX_TEXT_BYTES;
    o.max_batch_texts = NLP__DEFAULT_MAX_BATCH_TEXTS;
    return o;
}

nlp_status nlp_toxic_options_init(nlp_toxic_options *options, size_t size)
{
    nlp_toxic_options d = toxic_defaults();
    return nlp__options_init(options, size, &d, sizeof d, "nlp_toxic_options");
}

nlp_status nlp__toxic_api_settings(const nlp_toxic_options *given, nlp_toxic_options *o,
                                   nlp__toxic_settings *out)
{
    *o = toxic_defaults();
    nlp_status st = nlp__options_read(o, sizeof *o, given, "nlp_toxic_options");
    if (st != NLP_OK)
        return st;
    if (o->max_input_tokens < 1 || o->max_new_tokens < 0)
        return nlp__fail(NLP_ERR_INVALID_ARG,
                         "max_input_tokens must be >= 1 and max_new_tokens >= 0 (got %d, %d)",
                         o->max_input_tokens, o->max_new_tokens);
    if (o->labels && o->label_count == 0)
        return nlp__fail(NLP_ERR_INVALID_ARG, "toxic options: labels given with label_count 0");
    if (o->prefix && (st = nlp__utf8_check(o->prefix, strlen(o->prefix))) != NLP_OK)
        return nlp__wrap(st, "prefix");
    const char *device = NULL;
    st = nlp__t5_api_runtime(o->device, o->num_threads, &device);
    if (st != NLP_OK)
        return st;
    *out = (nlp__toxic_settings){o->prefix, o->labels, o->label_count,
                                 (size_t)o->max_input_tokens, (size_t)o->max_new_tokens,
                                 o->score_only != 0, device, o->max_text_bytes,
                                 o->max_batch_texts};
    return NLP_OK;
}

nlp_status nlp_toxic_load(const char *dir, const nlp_toxic_options *options, nlp_toxic_model **model)
{
    nlp_status st = NLP__CHECK_ARGS("nlp_toxic_load", NLP__ARG(dir), NLP__ARG(model));
    if (st != NLP_OK)
        return st;
    nlp_toxic_options o;
    nlp__toxic_settings s;
    st = nlp__toxic_api_settings(options, &o, &s);
    return st == NLP_OK ? nlp__toxic_load(dir, &s, model) : st;
}

void nlp_toxic_free(nlp_toxic_model *model)
{
    nlp__toxic_free(model);
}

/* The classify calls' checks (what names the exported function), then the
 * task. */
static nlp_status classify_texts(const char *what, const nlp_toxic_model *model,
                                 const char *const *texts, const size_t *lens, size_t count,
                                 nlp_toxic_result **results)
{
    for (size_t i = 0; results && i < count; i++)
        results[i] = NULL;
    if (!model)
        return nlp__null_arg(what, "model");
    nlp_status st = count ? NLP__CHECK_ARGS(what, NLP__ARG(texts), NLP__ARG(lens),
                                            NLP__ARG(results))
                          : NLP_OK;
    if (st == NLP_OK)
        st = nlp__check_limit(what, NULL, count, "texts", model->max_batch_texts,
                              "nlp_toxic_options.max_batch_texts");
    if (st == NLP_OK)
        st = nlp__check_texts(what, "texts", texts, lens, count, model->max_text_bytes,
                              "nlp_toxic_options.max_text_bytes");
    return st == NLP_OK ? nlp__toxic_classify(model, texts, lens, count, results) : st;
}

nlp_status nlp_toxic_classify_batch(const nlp_toxic_model *model, const char *const *texts,
                                    const size_t *lens, size_t count,
                                    nlp_toxic_result **results)
{
    return classify_texts("nlp_toxic_classify_batch", model, texts, lens, count, results);
}

nlp_status nlp_toxic_classify(const nlp_toxic_model *model, const char *text, size_t len,
                              nlp_toxic_result **result)
{
    if (!result)
        return nlp__null_arg("nlp_toxic_classify", "result");
    const char *texts[1] = {text ? text : ""};
    nlp_toxic_result *out = NULL;
    if (!text && len)
        return nlp__fail(NLP_ERR_INVALID_ARG, "nlp_toxic_classify: text is NULL with len %zu",
                         len);
    nlp_status st = classify_texts("nlp_toxic_classify", model, texts, &len, 1, &out);
    if (st == NLP_OK)
        *result = out;
    return st;
}

void nlp_toxic_result_free(nlp_toxic_result *result)
{
    nlp__toxic_result_free(result);
}
