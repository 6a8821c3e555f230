/* ner_load.c - nlp_ner_load / nlp_ner_free and the options. */
#include "api/ner_model.h"
#include "model/runtime.h"

#include <stdlib.h>
#include <string.h>

static nlp_ner_options ner_defaults(void)
{
    nlp_ner_options o;
    memset(&o, 0, sizeof o);
    o.size = sizeof o;
    o.device = "auto";
    o.num_threads = 0;
    o.batch_size = 32;
    o.max_length = 0;
    o.stride = 128;
    o.aggregation = NLP_AGGREGATION_FIRST;
    o.sort_by_length = 1;
    o.max_text_bytes = NLP__DEFAULT_MAX_TEXT_BYTES;
    o.max_batch_texts = NLP__DEFAULT_MAX_BATCH_TEXTS;
    return o;
}

nlp_status nlp_ner_options_init(nlp_ner_options *options, size_t size)
{
    nlp_ner_options d = ner_defaults();
    return nlp__options_init(options, size, &d, sizeof d, "nlp_ner_options");
}

/* Defaults, overwritten by the fields the caller's struct covers. */
static nlp_status read_options(const nlp_ner_options *given, nlp_ner_options *o)
{
    *o = ner_defaults();
    nlp_status st = nlp__options_read(o, sizeof *o, given, "nlp_ner_options");
    if (st != NLP_OK)
        return st;
    if (o->num_threads < 0)
        return nlp__fail(NLP_ERR_INVALID_ARG, "num_threads must be >= 0");
    if ((unsigned)o->aggregation > NLP_AGGREGATION_NONE)
        return nlp__fail(NLP_ERR_INVALID_ARG, "nlp_ner_options.aggregation: unknown value %d "
                         "(allowed: 0..4, the nlp_aggregation values)", (int)o->aggregation);
    if (o->batch_size == 0)
        o->batch_size = 1;
    o->max_text_bytes = nlp__limit_or_default(o->max_text_bytes, NLP__DEFAULT_MAX_TEXT_BYTES);
    o->max_batch_texts = nlp__limit_or_default(o->max_batch_texts, NLP__DEFAULT_MAX_BATCH_TEXTS);
    return NLP_OK;
}

/* The tokenizer of the checkpoint, which must be BERT's WordPiece. */
static nlp_status load_tokenizer(const nlp__hf_config *c, nlp__tokenizer **out)
{
    nlp_status st = nlp__tokenizer_load(c->dir, &c->tokenizer.settings, out);
    if (st == NLP_OK && (*out)->kind != NLP_TOKENIZER_BERT)
        return nlp__fail(NLP_ERR_FORMAT, "%s: the tokenizer is not BERT's WordPiece", c->dir);
    return st;
}

/* Tokens per window: the caller's max_length, else the smaller of the
 * tokenizer's model_max_length and the position table. */
static nlp_status window_size(nlp_ner_model *m, size_t *max_length)
{
    size_t positions = (size_t)nlp__bert_model_max_positions(m->bert);
    size_t n = m->options.max_length;
    if (n == 0) {
        n = positions;
        int64_t tok_max = m->config->tokenizer.settings.model_max_length;
        if (tok_max > 0 && (size_t)tok_max < n)
            n = (size_t)tok_max;
    }
    if (n > positions)
        return nlp__fail(NLP_ERR_INVALID_ARG, "max_length %zu exceeds the model's %zu "
                         "positions", n, positions);
    if (n < 3 || m->options.stride >= n - 2)
        return nlp__fail(NLP_ERR_INVALID_ARG, "stride %zu must be below max_length - 2 "
                         "(max_length %zu)", m->options.stride, n);
    *max_length = n;
    return NLP_OK;
}

static nlp_status special_id(const nlp__tokenizer *t, const char *token, int64_t *id)
{
    int32_t v = nlp__tokenizer_token_to_id(t, token, strlen(token));
    if (v < 0)
        return nlp__fail(NLP_ERR_FORMAT, "the vocabulary lacks %s", token);
    *id = v;
    return NLP_OK;
}

static nlp_status build_pipeline(nlp_ner_model *m)
{
    size_t max_length = 0;
    nlp_status st = window_size(m, &max_length);
    if (st != NLP_OK)
        return st;
    nlp__ner_predictor *p = &m->pipeline.predictor;
    p->bert = m->bert;
    p->window_tokens = max_length - 2;
    p->stride = m->options.stride;
    p->batch_size = m->options.batch_size;
    p->sort_by_length = m->options.sort_by_length != 0;
    p->pad_id = m->config->bert.pad_token_id;
    st = special_id(m->tokenizer, "[CLS]", &p->cls_id);
    if (st == NLP_OK)
        st = special_id(m->tokenizer, "[SEP]", &p->sep_id);
    m->pipeline.tokenizer = m->tokenizer;
    m->pipeline.labels = &m->labels;
    m->pipeline.aggregation = (nlp__aggregation)m->options.aggregation;
    return st;
}

static nlp_status load_parts(nlp_ner_model *m, const char *dir)
{
    const char *device = NULL;
    nlp_status st = nlp__device_check(m->options.device, &device);
    if (st == NLP_OK)
        st = nlp__set_num_threads(m->options.num_threads);
    if (st == NLP_OK)
        st = nlp__hf_config_load(dir, &m->config);
    if (st == NLP_OK && m->config->type != NLP__MODEL_BERT)
        st = nlp__fail(NLP_ERR_UNSUPPORTED, "%s: model_type \"%s\" is not a BERT token "
                       "classifier", dir, m->config->model_type);
    if (st == NLP_OK)
        st = nlp__ner_labels_init(&m->labels, m->config->id2label, m->config->num_labels);
    if (st == NLP_OK)
        st = nlp__bert_model_load(m->config, device, &m->bert);
    if (st == NLP_OK)
        st = load_tokenizer(m->config, &m->tokenizer);
    if (st == NLP_OK)
        st = build_pipeline(m);
    return st;
}

nlp_status nlp_ner_load(const char *dir, const nlp_ner_options *options, nlp_ner_model **model)
{
    nlp_status checked = NLP__CHECK_ARGS("nlp_ner_load", NLP__ARG(dir), NLP__ARG(model));
    if (checked != NLP_OK)
        return checked;
    nlp_ner_model *m = nlp__calloc(1, sizeof *m);
    if (!m)
        return NLP_ERR_NOMEM;
    nlp_status st = read_options(options, &m->options);
    if (st == NLP_OK)
        st = load_parts(m, dir);
    if (st != NLP_OK) {
        nlp_ner_free(m);
        return st;
    }
    m->options.device = NULL; /* the caller's string is not kept */
    *model = m;
    return NLP_OK;
}

void nlp_ner_free(nlp_ner_model *m)
{
    if (!m)
        return;
    nlp__bert_model_free(m->bert);
    nlp__tokenizer_free(m->tokenizer);
    nlp__ner_labels_clear(&m->labels);
    nlp__hf_config_free(m->config);
    free(m);
}

nlp_status nlp_ner_labels(const nlp_ner_model *model, const char *const **names,
                          size_t *count)
{
    nlp_status st = NLP__CHECK_ARGS("nlp_ner_labels", NLP__ARG(model), NLP__ARG(names),
                                    NLP__ARG(count));
    if (st != NLP_OK)
        return st;
    *names = (const char *const *)model->labels.names;
    *count = model->labels.count;
    return NLP_OK;
}
