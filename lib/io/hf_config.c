/* hf_config.c - config.json of a bert or t5 checkpoint into C structs.
 *
 * Missing keys take the defaults of transformers' BertConfig / T5Config:
 * save_pretrained leaves out values equal to its defaults (t5-tiny's
 * config.json has no tie_word_embeddings, meaning true). */
#include "io/hf_config.h"
#include "io/json_util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- labels --------------------------------------------------------------- */

/* "7" -> 7; false for anything but a plain decimal index below limit. */
static bool parse_index(const char *key, size_t limit, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(key, &end, 10);
    if (!*key || *end || errno || key[0] == '-' || key[0] == '+' || v >= limit)
        return false;
    *out = v;
    return true;
}

/* Room for as many labels as map (an object) has entries. */
static nlp_status alloc_labels(nlp__hf_config *c, const char *file, const json_t *map,
                               const char *name)
{
    if (!json_is_object(map))
        return nlp__fail_at(NLP_ERR_FORMAT, file, 0, "\"%s\" must be an object", name);
    c->num_labels = json_object_size(map);
    c->id2label = nlp__calloc(c->num_labels, sizeof *c->id2label);
    return c->id2label ? NLP_OK : NLP_ERR_NOMEM;
}

/* id2label {"0": "O", ...} must name every index 0..n-1 once. */
static nlp_status read_id2label(nlp__hf_config *c, const char *file, const json_t *map)
{
    nlp_status st = alloc_labels(c, file, map, "id2label");
    if (st != NLP_OK)
        return st;
    size_t n = c->num_labels;
    const char *key;
    json_t *value;
    json_object_foreach((json_t *)map, key, value) {
        size_t i;
        if (!parse_index(key, n, &i) || c->id2label[i])
            return nlp__fail_at(NLP_ERR_FORMAT, file, 0, "\"id2label\" key \"%s\": ids must "
                                "be 0..%zu, each once", key, n - 1);
        if (!json_is_string(value))
            return nlp__fail_at(NLP_ERR_FORMAT, file, 0, "\"id2label\" \"%s\" is not a "
                                "string", key);
        if (!(c->id2label[i] = nlp__strdup(json_string_value(value))))
            return NLP_ERR_NOMEM;
    }
    /* Two ids with one name would make the name's id (label2id) ambiguous. */
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (strcmp(c->id2label[i], c->id2label[j]) == 0)
                return nlp__fail_at(NLP_ERR_FORMAT, file, 0, "\"id2label\" names \"%s\" "
                                    "twice (ids %zu and %zu)", c->id2label[i], i, j);
    return NLP_OK;
}

/* label2id is read only when id2label is absent (id2label is what
 * transformers uses for outputs); it is inverted into id2label. */
static nlp_status read_label2id(nlp__hf_config *c, const char *file, const json_t *map)
{
    nlp_status st = alloc_labels(c, file, map, "label2id");
    if (st != NLP_OK)
        return st;
    size_t n = c->num_labels;
    const char *key;
    json_t *value;
    json_object_foreach((json_t *)map, key, value) {
        json_int_t i = json_is_integer(value) ? json_integer_value(value) : -1;
        if (i < 0 || (size_t)i >= n || c->id2label[i])
            return nlp__fail_at(NLP_ERR_FORMAT, file, 0, "\"label2id\" \"%s\": ids must be "
                                "0..%zu, each once", key, n - 1);
        if (!(c->id2label[i] = nlp__strdup(key)))
            return NLP_ERR_NOMEM;
    }
    return NLP_OK;
}

static nlp_status read_labels(nlp__hf_config *c, const char *file, const json_t *root)
{
    const json_t *id2label = json_object_get(root, "id2label");
    if (id2label && !json_is_null(id2label))
        return read_id2label(c, file, id2label);
    const json_t *label2id = json_object_get(root, "label2id");
    if (label2id && !json_is_null(label2id))
        return read_label2id(c, file, label2id);
    return NLP_OK; /* no labels: num_labels 0, id2label NULL */
}

static nlp_status read_architectures(nlp__hf_config *c, const char *file, const json_t *root)
{
    const json_t *a = json_object_get(root, "architectures");
    if (!a || json_is_null(a))
        return NLP_OK;
    if (!json_is_array(a))
        return nlp__fail_at(NLP_ERR_FORMAT, file, 0, "\"architectures\" must be an array");
    c->architectures = nlp__calloc(json_array_size(a), sizeof *c->architectures);
    if (!c->architectures)
        return NLP_ERR_NOMEM;
    for (size_t i = 0; i < json_array_size(a); i++) {
        const json_t *s = json_array_get(a, i);
        if (!json_is_string(s))
            return nlp__fail_at(NLP_ERR_FORMAT, file, 0, "\"architectures\"[%zu] is not a "
                                "string", i);
        if (!(c->architectures[i] = nlp__strdup(json_string_value(s))))
            return NLP_ERR_NOMEM;
        c->n_architectures++;
    }
    return NLP_OK;
}

/* ---- bert ----------------------------------------------------------------- */

static nlp_status need_positive(const char *file, const char *key, int64_t v)
{
    return v > 0 ? NLP_OK
                 : nlp__fail_at(NLP_ERR_FORMAT, file, 0, "\"%s\" must be positive, got %lld",
                                key, (long long)v);
}

#define INT(key) if ((st = nlp__json_int(file, root, #key, &b->key)) != NLP_OK) return st
#define NUM(key) if ((st = nlp__json_number(file, root, #key, &b->key)) != NLP_OK) return st
#define POS(key) if ((st = need_positive(file, #key, b->key)) != NLP_OK) return st

static nlp_status read_bert(nlp__bert_config *b, const char *file, const json_t *root)
{
    *b = (nlp__bert_config){
        .vocab_size = 30522, .hidden_size = 768, .num_hidden_layers = 12,
        .num_attention_heads = 12, .intermediate_size = 3072,
        .max_position_embeddings = 512, .type_vocab_size = 2, .pad_token_id = 0,
        .layer_norm_eps = 1e-12, .initializer_range = 0.02,
        .hidden_dropout_prob = 0.1, .attention_probs_dropout_prob = 0.1,
    };
    nlp_status st;
    INT(vocab_size); INT(hidden_size); INT(num_hidden_layers); INT(num_attention_heads);
    INT(intermediate_size); INT(max_position_embeddings); INT(type_vocab_size);
    INT(pad_token_id);
    NUM(layer_norm_eps); NUM(initializer_range);
    NUM(hidden_dropout_prob); NUM(attention_probs_dropout_prob);
    POS(vocab_size); POS(hidden_size); POS(num_hidden_layers); POS(num_attention_heads);
    POS(intermediate_size); POS(max_position_embeddings); POS(type_vocab_size);
    if (b->hidden_size % b->num_attention_heads != 0)
        return nlp__fail_at(NLP_ERR_FORMAT, file, 0, "hidden_size %lld is not a multiple of "
                            "num_attention_heads %lld", (long long)b->hidden_size,
                            (long long)b->num_attention_heads);
    if (!(b->hidden_act = nlp__strdup("gelu")))
        return NLP_ERR_NOMEM;
    return nlp__json_string(file, root, "hidden_act", &b->hidden_act);
}

/* ---- t5 ------------------------------------------------------------------- */

/* As T5Config: "relu", "gelu_new", "gated-gelu" (-> gelu_new, gated),
 * "gated-X" (-> X, gated). */
static nlp_status read_ff_proj(nlp__t5_config *t, const char *file, const json_t *root)
{
    nlp_status st = nlp__json_string(file, root, "feed_forward_proj", &t->feed_forward_proj);
    if (st != NLP_OK)
        return st;
    const char *p = t->feed_forward_proj, *dash = strchr(p, '-');
    t->is_gated = dash != NULL;
    if (dash && (strncmp(p, "gated-", 6) != 0 || strchr(dash + 1, '-') || !dash[1]))
        return nlp__fail_at(NLP_ERR_FORMAT, file, 0, "feed_forward_proj \"%s\" is not "
                            "ACT or gated-ACT", p);
    const char *act = dash ? dash + 1 : p;
    if (strcmp(p, "gated-gelu") == 0)
        act = "gelu_new"; /* transformers' backwards-compatibility rule */
    if (!(t->dense_act_fn = nlp__strdup(act)))
        return NLP_ERR_NOMEM;
    return nlp__json_string(file, root, "dense_act_fn", &t->dense_act_fn);
}

/* The label words of the task that names the prefix:
 * "label_words": [{"word": "yes", "toxic": true}, ...]. */
static nlp_status read_label_words(nlp__t5_config *t, const char *file, const json_t *task)
{
    const json_t *words = json_object_get(task, "label_words");
    if (!words)
        return NLP_OK;
    size_t n = json_is_array(words) ? json_array_size(words) : 0;
    for (size_t i = 0; i < n; i++) {
        const json_t *w = json_array_get(words, i);
        if (!json_is_string(json_object_get(w, "word")) ||
            !json_is_boolean(json_object_get(w, "toxic")))
            n = 0;
    }
    if (n == 0)
        return nlp__fail_at(NLP_ERR_FORMAT, file, 0, "\"label_words\" must be a non-empty "
                            "array of {\"word\": string, \"toxic\": boolean}");
    t->task_label_words = nlp__calloc(n, sizeof *t->task_label_words);
    t->task_label_toxic = nlp__calloc(n, sizeof *t->task_label_toxic);
    if (!t->task_label_words || !t->task_label_toxic)
        return NLP_ERR_NOMEM;
    t->task_label_count = n;
    for (size_t i = 0; i < n; i++) {
        const json_t *w = json_array_get(words, i);
        t->task_label_toxic[i] = json_is_true(json_object_get(w, "toxic"));
        if (!(t->task_label_words[i] = nlp__strdup(json_string_value(json_object_get(w, "word")))))
            return NLP_ERR_NOMEM;
    }
    return NLP_OK;
}

/* task_specific_params {"task": {"prefix": "...", ...}, ...}: the prefix
 * (and label words) when exactly one task has a prefix; t5-small's several
 * stay NULL. */
static nlp_status read_task_prefix(nlp__t5_config *t, const char *file, const json_t *root)
{
    const json_t *tasks = json_object_get(root, "task_specific_params");
    if (!tasks || json_is_null(tasks))
        return NLP_OK;
    if (!json_is_object(tasks))
        return nlp__fail_at(NLP_ERR_FORMAT, file, 0, "\"task_specific_params\" must be an "
                            "object");
    const json_t *chosen = NULL;
    const char *name;
    size_t found = 0;
    json_t *task;
    json_object_foreach((json_t *)tasks, name, task) {
        const json_t *p = json_is_object(task) ? json_object_get(task, "prefix") : NULL;
        if (json_is_string(p)) {
            chosen = task;
            found++;
        }
    }
    if (found != 1)
        return NLP_OK;
    if (!(t->task_prefix = nlp__strdup(json_string_value(json_object_get(chosen, "prefix")))))
        return NLP_ERR_NOMEM;
    return read_label_words(t, file, chosen);
}

#undef POS
#define POS(key) if ((st = need_positive(file, #key, t->key)) != NLP_OK) return st
#undef INT
#define INT(key) if ((st = nlp__json_int(file, root, #key, &t->key)) != NLP_OK) return st
#undef NUM
#define NUM(key) if ((st = nlp__json_number(file, root, #key, &t->key)) != NLP_OK) return st

static nlp_status read_t5(nlp__t5_config *t, const char *file, const json_t *root)
{
    *t = (nlp__t5_config){
        .vocab_size = 32128, .d_model = 512, .d_kv = 64, .d_ff = 2048, .num_layers = 6,
        .num_decoder_layers = -1, .num_heads = 8, .relative_attention_num_buckets = 32,
        .relative_attention_max_distance = 128, .pad_token_id = 0, .eos_token_id = 1,
        .decoder_start_token_id = -1, .layer_norm_epsilon = 1e-6, .dropout_rate = 0.1,
        .initializer_factor = 1.0, .tie_word_embeddings = true,
    };
    nlp_status st;
    INT(vocab_size); INT(d_model); INT(d_kv); INT(d_ff); INT(num_layers);
    INT(num_decoder_layers); INT(num_heads); INT(relative_attention_num_buckets);
    INT(relative_attention_max_distance); INT(pad_token_id); INT(eos_token_id);
    INT(decoder_start_token_id);
    NUM(layer_norm_epsilon); NUM(dropout_rate); NUM(initializer_factor);
    if (t->num_decoder_layers < 0)
        t->num_decoder_layers = t->num_layers; /* T5Config: None means symmetric */
    if (t->decoder_start_token_id < 0)
        t->decoder_start_token_id = t->pad_token_id; /* T5 starts decoding with pad */
    POS(vocab_size); POS(d_model); POS(d_kv); POS(d_ff); POS(num_layers);
    POS(num_decoder_layers); POS(num_heads); POS(relative_attention_num_buckets);
    if ((st = nlp__json_bool(file, root, "tie_word_embeddings", &t->tie_word_embeddings)))
        return st;
    if (!(t->feed_forward_proj = nlp__strdup("relu")))
        return NLP_ERR_NOMEM;
    if ((st = read_ff_proj(t, file, root)) != NLP_OK)
        return st;
    return read_task_prefix(t, file, root);
}

#undef POS
#undef INT
#undef NUM

/* ---- the whole directory -------------------------------------------------- */

static nlp_status read_model_type(nlp__hf_config *c, const char *file, const json_t *root)
{
    nlp_status st = nlp__json_string(file, root, "model_type", &c->model_type);
    if (st != NLP_OK)
        return st;
    if (!c->model_type)
        return nlp__fail_at(NLP_ERR_FORMAT, file, 0, "no \"model_type\"");
    if (strcmp(c->model_type, "bert") == 0)
        c->type = NLP__MODEL_BERT;
    else if (strcmp(c->model_type, "t5") == 0)
        c->type = NLP__MODEL_T5;
    else
        return nlp__fail(NLP_ERR_UNSUPPORTED, "%s: model_type \"%s\" is not supported "
                         "(libnlp runs \"bert\" and \"t5\")", file, c->model_type);
    return NLP_OK;
}

static nlp_status read_config_json(nlp__hf_config *c, const char *file)
{
    json_t *root = NULL;
    nlp_status st = nlp__json_load_object(file, JSON_REJECT_DUPLICATES, &root);
    if (st != NLP_OK)
        return st;
    if ((st = read_model_type(c, file, root)) == NLP_OK &&
        (st = read_architectures(c, file, root)) == NLP_OK &&
        (st = read_labels(c, file, root)) == NLP_OK)
        st = c->type == NLP__MODEL_BERT ? read_bert(&c->bert, file, root)
                                        : read_t5(&c->t5, file, root);
    json_decref(root);
    return st;
}

/* model.safetensors first (memory-mapped), then pytorch_model.bin. */
static nlp_status find_weights(nlp__hf_config *c)
{
    static const char *names[] = {"model.safetensors", "pytorch_model.bin"};
    for (size_t i = 0; i < 2; i++) {
        char *p = nlp__path_join(c->dir, names[i]);
        if (!p)
            return NLP_ERR_NOMEM;
        if (nlp__file_exists(p)) {
            c->weights_path = p;
            return NLP_OK;
        }
        free(p);
    }
    return NLP_OK;
}

static nlp_status check_dir(const char *dir)
{
    struct stat st;
    if (stat(dir, &st) != 0)
        return nlp__fail(NLP_ERR_IO, "%s: cannot open checkpoint directory: %s", dir,
                         strerror(errno));
    if (!S_ISDIR(st.st_mode))
        return nlp__fail(NLP_ERR_IO, "%s: not a directory (expected a Hugging Face "
                         "checkpoint directory)", dir);
    return NLP_OK;
}

nlp_status nlp__hf_config_load(const char *dir, nlp__hf_config **out)
{
    if (!dir || !out)
        return nlp__null_arg("checkpoint config load", dir ? "out" : "dir");
    nlp_status st = check_dir(dir);
    if (st != NLP_OK)
        return st;
    nlp__hf_config *c = nlp__calloc(1, sizeof *c);
    if (!c)
        return NLP_ERR_NOMEM;
    char *file = NULL;
    if (!(c->dir = nlp__strdup(dir)) || !(file = nlp__path_join(dir, "config.json")))
        st = NLP_ERR_NOMEM;
    else if (!nlp__file_exists(file))
        st = nlp__fail(NLP_ERR_IO, "%s: no config.json (not a Hugging Face checkpoint "
                       "directory?)", dir);
    if (st == NLP_OK && (st = read_config_json(c, file)) == NLP_OK &&
        (st = nlp__hf_tokenizer_files_load(dir, &c->tokenizer)) == NLP_OK)
        st = find_weights(c);
    free(file);
    if (st != NLP_OK) {
        nlp__hf_config_free(c);
        return st;
    }
    *out = c;
    return NLP_OK;
}

static void free_strings(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

void nlp__hf_config_free(nlp__hf_config *c)
{
    if (!c)
        return;
    free(c->dir);
    free(c->model_type);
    free_strings(c->architectures, c->n_architectures);
    free_strings(c->id2label, c->num_labels);
    free(c->bert.hidden_act);
    free(c->t5.feed_forward_proj);
    free(c->t5.dense_act_fn);
    free(c->t5.task_prefix);
    free_strings(c->t5.task_label_words, c->t5.task_label_count);
    free(c->t5.task_label_toxic);
    nlp__hf_tokenizer_files_free(&c->tokenizer);
    free(c->weights_path);
    free(c);
}
