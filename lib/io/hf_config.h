/* hf_config.h - a checkpoint directory's config.json and tokenizer files,
 * read into plain C structs. */
#ifndef NLP_IO_HF_CONFIG_H
#define NLP_IO_HF_CONFIG_H

#include "core/core.h"
#include "core/tokenizer_settings.h"

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum nlp__model_type { NLP__MODEL_BERT, NLP__MODEL_T5 } nlp__model_type;

typedef struct nlp__bert_config {
    int64_t vocab_size, hidden_size, num_hidden_layers, num_attention_heads;
    int64_t intermediate_size, max_position_embeddings, type_vocab_size;
    int64_t pad_token_id;
    double layer_norm_eps, initializer_range;
    double hidden_dropout_prob, attention_probs_dropout_prob;
    char *hidden_act;  /* "gelu" (erf), "gelu_new", "relu" */
} nlp__bert_config;

typedef struct nlp__t5_config {
    int64_t vocab_size, d_model, d_kv, d_ff, num_layers, num_decoder_layers;
    int64_t num_heads, relative_attention_num_buckets;
    int64_t relative_attention_max_distance;
    int64_t pad_token_id, eos_token_id, decoder_start_token_id;
    double layer_norm_epsilon, dropout_rate, initializer_factor;
    char *feed_forward_proj;  /* "relu", "gated-gelu", ... */
    bool is_gated;            /* derived from feed_forward_proj */
    char *dense_act_fn;       /* "relu", "gelu_new" */
    bool tie_word_embeddings; /* default true */
    char *task_prefix;        /* task_specific_params.*.prefix if exactly one found, else NULL */
    /* That task's "label_words": [{"word": "yes", "toxic": true}, ...]
     * (written by nlp_toxic_train); 0 and NULL when absent. */
    size_t task_label_count;
    char **task_label_words;
    bool *task_label_toxic;
} nlp__t5_config;

/* Tokenizer files found in the directory (absolute or dir-joined paths;
 * NULL when absent), plus tokenizer_config.json settings. */
typedef struct nlp__tokenizer_files {
    char *vocab_txt, *tokenizer_json, *spiece_model, *tokenizer_config_json;
    nlp__tokenizer_settings settings; /* unset when there is no tokenizer_config.json */
} nlp__tokenizer_files;

typedef struct nlp__hf_config {
    char *dir;
    nlp__model_type type;
    char *model_type;        /* as written in config.json */
    char **architectures; size_t n_architectures;
    /* id2label[i] for i < num_labels, from "id2label" ({"0": "O", ...}, every
     * id 0..n-1 once), else inverted from "label2id"; 0 and NULL when the
     * config has neither. */
    char **id2label; size_t num_labels;
    nlp__bert_config bert;   /* valid when type == BERT */
    nlp__t5_config t5;       /* valid when type == T5 */
    nlp__tokenizer_files tokenizer;
    char *weights_path;      /* model.safetensors if present, else pytorch_model.bin, else NULL */
} nlp__hf_config;

/* Read dir/config.json and look for tokenizer and weight files.
 * Errors: NLP_ERR_IO (no directory / config.json), NLP_ERR_FORMAT (bad JSON,
 * wrong field types, with file and line), NLP_ERR_UNSUPPORTED (model_type
 * not bert or t5, named in the message). */
nlp_status nlp__hf_config_load(const char *dir, nlp__hf_config **out);
void nlp__hf_config_free(nlp__hf_config *config); /* NULL ok */

/* The tokenizer half alone (hf_tokenizer.c): files present in dir and
 * tokenizer_config.json's settings. Errors: NLP_ERR_FORMAT (bad JSON with
 * file and line, wrong types), NLP_ERR_NOMEM. _free frees the strings and
 * leaves the struct zeroed. */
nlp_status nlp__hf_tokenizer_files_load(const char *dir, nlp__tokenizer_files *out);
void nlp__hf_tokenizer_files_free(nlp__tokenizer_files *files);

#ifdef __cplusplus
}
#endif

#endif
