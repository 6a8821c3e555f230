/* ner_init.c - nlp_ner_init_checkpoint: a random BERT token classifier in
 * Hugging Face layout (config.json, model.safetensors, vocab.txt,
 * tokenizer_config.json). */
#include "core/atomic_file.h"
#include "core/json_file.h"
#include "io/hf_config.h"
#include "model/bert.h"

#include <jansson.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const conll_labels[] = {"O", "B-PER", "I-PER", "B-ORG", "I-ORG",
                                           "B-LOC", "I-LOC", "B-MISC", "I-MISC"};

/* id2label/label2id from the CoNLL-2003 tag set when the config has none. */
static int add_default_labels(json_t *cfg)
{
    if (json_object_get(cfg, "id2label"))
        return 0;
    json_t *id2label = json_object(), *label2id = json_object();
    for (size_t i = 0; i < sizeof conll_labels / sizeof *conll_labels; i++) {
        char key[16];
        snprintf(key, sizeof key, "%zu", i);
        json_object_set_new(id2label, key, json_string(conll_labels[i]));
        json_object_set_new(label2id, conll_labels[i], json_integer((json_int_t)i));
    }
    return json_object_set_new(cfg, "id2label", id2label) |
           json_object_set_new(cfg, "label2id", label2id);
}

static nlp_status write_config(const char *config_path, const char *out_dir)
{
    json_t *cfg = NULL;
    nlp_status loaded = nlp__json_load_object(config_path, 0, &cfg);
    if (loaded != NLP_OK)
        return loaded;
    const char *type = json_string_value(json_object_get(cfg, "model_type"));
    if (type && strcmp(type, "bert") != 0) {
        json_decref(cfg);
        return nlp__fail(NLP_ERR_UNSUPPORTED, "%s: model_type \"%s\" is not bert",
                         config_path, type);
    }
    json_object_set_new(cfg, "model_type", json_string("bert"));
    /* What is written is a token classifier, whatever the base config said
     * (a pretrained base names BertForMaskedLM; nlp_ner_load checks it). */
    json_t *arch = json_array();
    json_array_append_new(arch, json_string("BertForTokenClassification"));
    json_object_set_new(cfg, "architectures", arch);
    add_default_labels(cfg);
    char *path = nlp__path_join(out_dir, "config.json");
    nlp_status st = path ? nlp__json_save(path, cfg, JSON_INDENT(2) | JSON_SORT_KEYS)
                         : NLP_ERR_NOMEM;
    json_decref(cfg);
    free(path);
    return st;
}

/* Copy vocab_path to out_dir/vocab.txt; *lines receives its token count. */
static nlp_status copy_vocab(const char *vocab_path, const char *out_dir, size_t *lines)
{
    char *data = NULL, *path = NULL;
    size_t size = 0;
    nlp_status st = nlp__read_file(vocab_path, &data, &size);
    if (st == NLP_OK && !(path = nlp__path_join(out_dir, "vocab.txt")))
        st = NLP_ERR_NOMEM;
    *lines = 0;
    for (size_t i = 0; st == NLP_OK && i < size; i++)
        *lines += data[i] == '\n' || (i + 1 == size && data[i] != '\n');
    if (st == NLP_OK)
        st = nlp__write_atomic(path, data, size);
    free(data);
    free(path);
    return st;
}

/* Casing must be explicit: transformers' BertTokenizer lowercases when
 * tokenizer_config.json does not say otherwise. */
static nlp_status write_tokenizer_config(const char *out_dir, int64_t max_length)
{
    json_t *t = json_pack("{s:b, s:s, s:I}", "do_lower_case", 0, "tokenizer_class",
                          "BertTokenizer", "model_max_length", (json_int_t)max_length);
    char *path = nlp__path_join(out_dir, "tokenizer_config.json");
    nlp_status st = t && path ? nlp__json_save(path, t, JSON_INDENT(2)) : NLP_ERR_NOMEM;
    json_decref(t);
    free(path);
    return st;
}

static char *vocab_next_to(const char *config_path)
{
    const char *slash = strrchr(config_path, '/');
    char *dir = slash ? nlp__strndup(config_path, (size_t)(slash - config_path))
                      : nlp__strdup(".");
    char *path = dir ? nlp__path_join(dir, "vocab.txt") : NULL;
    free(dir);
    return path;
}

static nlp_status init_into(const char *config_path, const char *vocab_path, uint64_t seed,
                            const char *out_dir)
{
    if (mkdir(out_dir, 0777) != 0 && errno != EEXIST)
        return nlp__fail(NLP_ERR_IO, "cannot create %s: %s", out_dir, strerror(errno));
    size_t vocab_lines = 0;
    nlp_status st = write_config(config_path, out_dir);
    if (st == NLP_OK)
        st = copy_vocab(vocab_path, out_dir, &vocab_lines);
    nlp__hf_config *cfg = NULL;
    if (st == NLP_OK)
        st = nlp__hf_config_load(out_dir, &cfg);
    if (st == NLP_OK && (int64_t)vocab_lines != cfg->bert.vocab_size)
        st = nlp__fail(NLP_ERR_FORMAT, "%s has %zu tokens but vocab_size is %lld",
                       vocab_path, vocab_lines, (long long)cfg->bert.vocab_size);
    if (st == NLP_OK)
        st = write_tokenizer_config(out_dir, cfg->bert.max_position_embeddings);
    char *weights = st == NLP_OK ? nlp__path_join(out_dir, "model.safetensors") : NULL;
    if (st == NLP_OK)
        st = weights ? nlp__bert_model_init_weights(cfg, seed, weights) : NLP_ERR_NOMEM;
    free(weights);
    nlp__hf_config_free(cfg);
    return st;
}

nlp_status nlp_bert_init(const char *config_path, const char *vocab_path, uint64_t seed,
                         const char *out_dir)
{
    nlp_status checked = NLP__CHECK_ARGS("nlp_bert_init", NLP__ARG(config_path),
                                         NLP__ARG(out_dir));
    if (checked != NLP_OK)
        return checked;
    char *found = vocab_path ? NULL : vocab_next_to(config_path);
    if (!vocab_path && !found)
        return NLP_ERR_NOMEM;
    nlp_status st = init_into(config_path, vocab_path ? vocab_path : found, seed, out_dir);
    free(found);
    return st;
}

/* Deprecated 0.1 name of nlp_bert_init. */
nlp_status nlp_ner_init_checkpoint(const char *config_path, const char *vocab_path,
                                   uint64_t seed, const char *out_dir)
{
    return nlp_bert_init(config_path, vocab_path, seed, out_dir);
}
