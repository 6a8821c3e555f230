/* ner_run.c - the NER run functions: argument checks, then the pipeline. */
#include "api/ner_model.h"
#include "core/text_checks.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The first NULL among the arguments, named, or NULL. */
static const char *null_logits_arg(const nlp_ner_model *model, const void *ids,
                                   const void *mask, const float *logits)
{
    return !model ? "model" : !ids ? "input_ids" : !mask ? "attention_mask"
                  : !logits ? "logits" : NULL;
}

nlp_status nlp_ner_token_logits(const nlp_ner_model *model, const int32_t *input_ids,
                                const int32_t *attention_mask, size_t batch, size_t seq_len,
                                float *logits, size_t logits_count)
{
    const char *null = null_logits_arg(model, input_ids, attention_mask, logits);
    if (null && (!model || (batch && seq_len)))
        return nlp__null_arg("nlp_ner_token_logits", null);
    size_t labels = model->labels.count, n = batch * seq_len;
    if (seq_len && (n / seq_len != batch || (labels && n > SIZE_MAX / labels)))
        return nlp__fail(NLP_ERR_INVALID_ARG, "nlp_ner_token_logits: batch %zu x seq_len %zu "
                         "overflows", batch, seq_len);
    if (logits_count < n * labels)
        return nlp__fail(NLP_ERR_INVALID_ARG, "nlp_ner_token_logits: logits holds %zu floats, "
                         "needs %zu x %zu x %zu", logits_count, batch, seq_len, labels);
    int64_t *wide = nlp__malloc((2 * n + 1) * sizeof *wide);
    if (!wide)
        return NLP_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        wide[i] = input_ids[i];
        wide[n + i] = attention_mask[i];
    }
    nlp_status st = nlp__bert_model_logits(model->bert, wide, wide + n, batch, seq_len, logits);
    free(wide);
    return st;
}

nlp_status nlp_ner_logits(const nlp_ner_model *model, const int64_t *input_ids,
                          const int64_t *attention_mask, size_t batch, size_t seq_len,
                          float *out_logits)
{
    const char *null = null_logits_arg(model, input_ids, attention_mask, out_logits);
    if (null && (!model || (batch && seq_len)))
        return nlp__null_arg("nlp_ner_logits", strcmp(null, "logits") == 0 ? "out_logits" : null);
    return nlp__bert_model_logits(model->bert, input_ids, attention_mask, batch, seq_len,
                                  out_logits);
}

/* The run calls' common path; what names the exported function. */
static nlp_status run_texts(const char *what, const nlp_ner_model *model,
                            const char *const *texts, const size_t *lens, size_t n,
                            nlp_entities **results)
{
    for (size_t i = 0; results && i < n; i++)
        results[i] = NULL;
    if (!model)
        return nlp__null_arg(what, "model");
    nlp_status st = n ? NLP__CHECK_ARGS(what, NLP__ARG(texts), NLP__ARG(lens), NLP__ARG(results))
                      : NLP_OK;
    if (st == NLP_OK)
        st = nlp__check_limit(what, NULL, n, "texts", model->options.max_batch_texts,
                              "nlp_ner_options.max_batch_texts");
    if (st == NLP_OK)
        st = nlp__check_texts(what, "texts", texts, lens, n, model->options.max_text_bytes,
                               "nlp_ner_options.max_text_bytes");
    if (st != NLP_OK)
        return st;
    /* The pipeline reads texts[i] only up to lens[i]; "" stands in for NULL. */
    const char **safe = nlp__malloc((n ? n : 1) * sizeof *safe);
    if (!safe)
        return NLP_ERR_NOMEM;
    for (size_t i = 0; i < n; i++)
        safe[i] = texts[i] ? texts[i] : "";
    st = nlp__ner_pipeline_run(&model->pipeline, safe, lens, n, results);
    free(safe);
    return st;
}

nlp_status nlp_ner_run_batch(const nlp_ner_model *model, const char *const *texts,
                             const size_t *lens, size_t n, nlp_entities **results)
{
    return run_texts("nlp_ner_run_batch", model, texts, lens, n, results);
}

nlp_status nlp_ner_run(const nlp_ner_model *model, const char *text, size_t len,
                       nlp_entities **entities)
{
    if (!entities)
        return nlp__null_arg("nlp_ner_run", "entities");
    nlp_entities *out = NULL;
    nlp_status st = run_texts("nlp_ner_run", model, &text, &len, 1, &out);
    if (st == NLP_OK)
        *entities = out;
    return st;
}

nlp_status nlp_ner_tag_words(const nlp_ner_model *model, const char *const *words,
                             const size_t *lens, size_t n, const char **labels)
{
    if (!model)
        return nlp__null_arg("nlp_ner_tag_words", "model");
    nlp_status checked = n ? NLP__CHECK_ARGS("nlp_ner_tag_words", NLP__ARG(words), NLP__ARG(lens),
                                             NLP__ARG(labels))
                           : NLP_OK;
    if (checked != NLP_OK)
        return checked;
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total = lens[i] > SIZE_MAX - total ? SIZE_MAX : total + lens[i];
    nlp_status st = nlp__check_limit("nlp_ner_tag_words", "the words' total", total, "bytes",
                                     model->options.max_text_bytes,
                                     "nlp_ner_options.max_text_bytes");
    if (st == NLP_OK)
        st = nlp__check_texts("nlp_ner_tag_words", "words", words, lens, n,
                               model->options.max_text_bytes, "nlp_ner_options.max_text_bytes");
    int32_t *ids = nlp__malloc((n ? n : 1) * sizeof *ids);
    const char **safe = nlp__malloc((n ? n : 1) * sizeof *safe);
    if (st == NLP_OK && (!ids || !safe))
        st = NLP_ERR_NOMEM;
    for (size_t i = 0; st == NLP_OK && i < n; i++)
        safe[i] = words[i] ? words[i] : "";
    if (st == NLP_OK)
        st = nlp__ner_pipeline_tag(&model->pipeline, safe, lens, n, ids);
    for (size_t i = 0; st == NLP_OK && i < n; i++)
        labels[i] = model->labels.names[ids[i]];
    free(ids);
    free(safe);
    return st;
}
