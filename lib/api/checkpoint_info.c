/* checkpoint_info.c - nlp_checkpoint_info: a checkpoint directory described
 * as JSON, from config.json, the files present and the weights header. */
#include "io/hf_config.h"
#include "model/weights.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* The file name part of a path inside the checkpoint directory. */
static const char *base(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static json_t *strings(char **v, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < n; i++)
        json_array_append_new(a, json_string(v[i]));
    return a;
}

static json_t *bert_json(const nlp__bert_config *b)
{
    return json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:s}",
                     "vocab_size", (json_int_t)b->vocab_size,
                     "hidden_size", (json_int_t)b->hidden_size,
                     "num_hidden_layers", (json_int_t)b->num_hidden_layers,
                     "num_attention_heads", (json_int_t)b->num_attention_heads,
                     "intermediate_size", (json_int_t)b->intermediate_size,
                     "max_position_embeddings", (json_int_t)b->max_position_embeddings,
                     "type_vocab_size", (json_int_t)b->type_vocab_size,
                     "hidden_act", b->hidden_act);
}

static json_t *t5_json(const nlp__t5_config *t)
{
    return json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:s, s:b, s:b, s:s?}",
                     "vocab_size", (json_int_t)t->vocab_size,
                     "d_model", (json_int_t)t->d_model,
                     "d_kv", (json_int_t)t->d_kv,
                     "d_ff", (json_int_t)t->d_ff,
                     "num_layers", (json_int_t)t->num_layers,
                     "num_decoder_layers", (json_int_t)t->num_decoder_layers,
                     "num_heads", (json_int_t)t->num_heads,
                     "feed_forward_proj", t->feed_forward_proj,
                     "is_gated", (int)t->is_gated,
                     "tie_word_embeddings", (int)t->tie_word_embeddings,
                     "task_prefix", t->task_prefix);
}

/* -1/0/1 settings as null/false/true. */
static json_t *tristate(int v)
{
    return v < 0 ? json_null() : json_boolean(v);
}

static json_t *tokenizer_json(const nlp__hf_config *c)
{
    const nlp__tokenizer_files *t = &c->tokenizer;
    const char *paths[] = {t->vocab_txt, t->spiece_model, t->tokenizer_json,
                           t->tokenizer_config_json};
    json_t *files = json_array();
    for (size_t i = 0; files && i < sizeof paths / sizeof paths[0]; i++)
        if (paths[i])
            json_array_append_new(files, json_string(base(paths[i])));
    /* The kind follows the model type; it is null when no file to build it
     * from is present. */
    bool bert = c->type == NLP__MODEL_BERT;
    bool usable = t->tokenizer_json || (bert ? t->vocab_txt : t->spiece_model);
    const char *kind = usable ? (bert ? "wordpiece" : "unigram") : NULL;
    return json_pack("{s:s?, s:o, s:o, s:o, s:o}", "kind", kind, "files", files,
                     "do_lower_case", tristate(t->settings.do_lower_case),
                     "strip_accents", tristate(t->settings.strip_accents),
                     "model_max_length", t->settings.model_max_length
                         ? json_integer(t->settings.model_max_length) : json_null());
}

static nlp_status weights_json(const nlp__hf_config *c, json_t **out)
{
    if (!c->weights_path) {
        *out = json_null();
        return NLP_OK;
    }
    nlp__weights_info w;
    nlp_status st = nlp__weights_summary(c->weights_path, &w);
    if (st != NLP_OK)
        return st;
    *out = json_pack("{s:s, s:s, s:I, s:I}", "file", base(c->weights_path), "format",
                     w.format, "tensors", (json_int_t)w.tensors, "parameters",
                     (json_int_t)w.parameters);
    return NLP_OK;
}

static nlp_status describe(const nlp__hf_config *c, char **json)
{
    json_t *weights = NULL;
    nlp_status st = weights_json(c, &weights);
    if (st != NLP_OK)
        return st;
    json_t *root = json_pack("{s:s, s:s, s:o, s:o, s:I, s:o, s:o, s:o}",
        "dir", c->dir, "model_type", c->model_type,
        "architectures", strings(c->architectures, c->n_architectures),
        "config", c->type == NLP__MODEL_BERT ? bert_json(&c->bert) : t5_json(&c->t5),
        "num_labels", (json_int_t)c->num_labels,
        "labels", strings(c->id2label, c->num_labels),
        "tokenizer", tokenizer_json(c), "weights", weights);
    char *text = root ? json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
    json_decref(root);
    if (!text)
        return nlp__fail(NLP_ERR_NOMEM, "out of memory describing %s", c->dir);
    /* jansson's allocator is malloc, which is what nlp_string_free frees. */
    *json = text;
    return NLP_OK;
}

nlp_status nlp_checkpoint_info(const char *dir, char **json)
{
    nlp_status st = NLP__CHECK_ARGS("nlp_checkpoint_info", NLP__ARG(dir), NLP__ARG(json));
    if (st != NLP_OK)
        return st;
    nlp__hf_config *c = NULL;
    st = nlp__hf_config_load(dir, &c);
    if (st == NLP_OK)
        st = describe(c, json);
    nlp__hf_config_free(c);
    return st;
}
