/* t5_init.c - nlp_t5_init: a new checkpoint directory with random weights,
 * for benchmarks and training from scratch. */
#include "api/t5_common.h"
#include "core/atomic_file.h"
#include "io/hf_config.h"
#include "model/t5.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Copy from_dir/name to to_dir/name; a missing source is fine. */
static nlp_status copy_into(const char *from, const char *to_dir, const char *name)
{
    if (!nlp__file_exists(from))
        return NLP_OK;
    char *data = NULL, *to = nlp__path_join(to_dir, name);
    size_t size = 0;
    nlp_status st = to ? nlp__read_file(from, &data, &size) : NLP_ERR_NOMEM;
    if (st == NLP_OK)
        st = nlp__write_atomic(to, data, size);
    free(data);
    free(to);
    return st;
}

/* The directory part of path ("." when none), malloc'd. */
static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? nlp__strndup(path, (size_t)(slash - path) + (slash == path)) : nlp__strdup(".");
}

static nlp_status copy_tokenizer(const char *config_path, const char *out_dir)
{
    static const char *const names[] = {"spiece.model", "tokenizer.json",
                                        "tokenizer_config.json", "special_tokens_map.json"};
    char *src_dir = dir_of(config_path);
    if (!src_dir)
        return NLP_ERR_NOMEM;
    nlp_status st = NLP_OK;
    for (size_t i = 0; st == NLP_OK && i < sizeof names / sizeof names[0]; i++) {
        char *from = nlp__path_join(src_dir, names[i]);
        st = from ? copy_into(from, out_dir, names[i]) : NLP_ERR_NOMEM;
        free(from);
    }
    free(src_dir);
    return st;
}

nlp_status nlp_t5_init(const char *config_path, uint64_t seed, const char *out_dir)
{
    nlp_status checked = NLP__CHECK_ARGS("nlp_t5_init", NLP__ARG(config_path), NLP__ARG(out_dir));
    if (checked != NLP_OK)
        return checked;
    if (!nlp__file_exists(config_path))
        return nlp__fail(NLP_ERR_IO, "%s: no such file", config_path);
    if (mkdir(out_dir, 0777) != 0 && errno != EEXIST)
        return nlp__fail(NLP_ERR_IO, "%s: %s", out_dir, strerror(errno));
    /* The config goes in first so the directory reads as a checkpoint and
     * the same parser that loads models checks it. */
    nlp_status st = copy_into(config_path, out_dir, "config.json");
    nlp__hf_config *config = NULL;
    if (st == NLP_OK)
        st = nlp__hf_config_load(out_dir, &config);
    if (st == NLP_OK && config->type != NLP__MODEL_T5)
        st = nlp__fail(NLP_ERR_UNSUPPORTED, "%s: model_type \"%s\" is not t5", config_path,
                       config->model_type ? config->model_type : "");
    char *weights = st == NLP_OK ? nlp__path_join(out_dir, "model.safetensors") : NULL;
    if (st == NLP_OK)
        st = weights ? nlp__t5_model_init_weights(&config->t5, seed, weights) : NLP_ERR_NOMEM;
    if (st == NLP_OK)
        st = copy_tokenizer(config_path, out_dir);
    free(weights);
    nlp__hf_config_free(config);
    return st;
}
