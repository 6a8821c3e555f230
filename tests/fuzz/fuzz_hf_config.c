/* fuzz_hf_config.c - libFuzzer target: a checkpoint folder's config.json
 * and tokenizer_config.json. The input up to the first 0xFF byte (never
 * part of UTF-8 text) is config.json; the rest, when there is a 0xFF, is
 * tokenizer_config.json. Loading must fail with a status and a message
 * naming the file, or give a config whose labels and strings are all set. */
#include "fuzz_support.h"
#include "io/hf_config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *split = memchr(data, 0xFF, size);
    size_t config_size = split ? (size_t)(split - data) : size;
    nlp_fuzz_write("config.json", data, config_size);
    const char *tc = nlp_fuzz_write("tokenizer_config.json", split ? split + 1 : data,
                                    split ? size - config_size - 1 : 0);
    if (!split)
        unlink(tc);
    nlp__hf_config *c = NULL;
    nlp_status st = nlp__hf_config_load(nlp_fuzz_dir(), &c);
    if (st != NLP_OK) {
        if (c || !strstr(nlp_last_error(), "json"))
            abort();
        return 0;
    }
    for (size_t i = 0; i < c->num_labels; i++)
        if (!c->id2label[i])
            abort();
    if (!c->model_type || (c->type == NLP__MODEL_BERT && !c->bert.hidden_act))
        abort();
    if (c->type == NLP__MODEL_T5)
        for (size_t i = 0; i < c->t5.task_label_count; i++)
            if (!c->t5.task_label_words[i])
                abort();
    nlp__hf_config_free(c);
    return 0;
}
