/* jsonl_ner.c - Hugging Face conll2003-style JSON Lines:
 * {"tokens": ["EU", ...], "ner_tags": [3, ...]} with tags as integers
 * (ids into the given label names) or as strings. One line, one sentence. */
#include "io/jsonl_lines.h"
#include "io/ner_data.h"

typedef struct ner_jsonl {
    nlp__ner_data *d;
    const char *tokens_field, *tags_field;
    const char *const *id_labels; /* names of integer tags without a fixed set */
    size_t id_label_count;
} ner_jsonl;

static nlp_status tag_name(const ner_jsonl *r, json_t *tag, size_t i, long line,
                           const char **out)
{
    const char *path = r->d->path;
    if (json_is_string(tag)) {
        *out = json_string_value(tag);
        return NLP_OK;
    }
    if (!json_is_integer(tag))
        return nlp__fail_at(NLP_ERR_FORMAT, path, line,
                            "%s[%zu] is neither an integer nor a string", r->tags_field, i);
    json_int_t id = json_integer_value(tag);
    if (!r->d->labels_fixed && r->id_labels) {
        if (id < 0 || (size_t)id >= r->id_label_count)
            return nlp__fail_at(NLP_ERR_FORMAT, path, line, "%s[%zu] = %lld is not a label "
                                "id (0..%zu)", r->tags_field, i, (long long)id,
                                r->id_label_count - 1);
        *out = r->id_labels[id];
        return NLP_OK;
    }
    if (!r->d->labels_fixed)
        return nlp__fail_at(NLP_ERR_FORMAT, path, line,
                            "%s are integers: the label names must be given (for example "
                            "the checkpoint's id2label)", r->tags_field);
    if (id < 0 || (size_t)id >= r->d->label_count)
        return nlp__fail_at(NLP_ERR_FORMAT, path, line, "%s[%zu] = %lld is not a label id "
                            "(0..%zu)", r->tags_field, i, (long long)id,
                            r->d->label_count - 1);
    *out = r->d->labels[id];
    return NLP_OK;
}

static nlp_status add_token(ner_jsonl *r, json_t *word, json_t *tag, size_t i, long line)
{
    if (!json_is_string(word))
        return nlp__fail_at(NLP_ERR_FORMAT, r->d->path, line, "%s[%zu] is not a string",
                            r->tokens_field, i);
    const char *name = NULL;
    nlp_status st = tag_name(r, tag, i, line, &name);
    if (st != NLP_OK)
        return st;
    const char *copy = nlp__arena_strndup(&r->d->strings, json_string_value(word),
                                          json_string_length(word));
    return copy ? nlp__ner_data_add(r->d, copy, name, line) : NLP_ERR_NOMEM;
}

static nlp_status one_sentence(void *ctx, json_t *obj, long line)
{
    ner_jsonl *r = ctx;
    json_t *words = json_object_get(obj, r->tokens_field);
    json_t *tags = json_object_get(obj, r->tags_field);
    if (!json_is_array(words) || !json_is_array(tags))
        return nlp__fail_at(NLP_ERR_FORMAT, r->d->path, line, "missing array \"%s\"",
                            json_is_array(words) ? r->tags_field : r->tokens_field);
    if (json_array_size(words) != json_array_size(tags))
        return nlp__fail_at(NLP_ERR_FORMAT, r->d->path, line, "%zu %s but %zu %s",
                            json_array_size(words), r->tokens_field, json_array_size(tags),
                            r->tags_field);
    for (size_t i = 0; i < json_array_size(words); i++) {
        nlp_status st = add_token(r, json_array_get(words, i), json_array_get(tags, i), i, line);
        if (st != NLP_OK)
            return st;
    }
    nlp__ner_data_end_sentence(r->d);
    return NLP_OK;
}

nlp_status nlp__ner_jsonl_read(const char *path, const nlp__ner_read_options *opts,
                               nlp__ner_data **out)
{
    nlp__ner_read_options defaults = nlp__ner_read_options_default();
    if (!opts)
        opts = &defaults;
    if (!path || !out)
        return nlp__null_arg("JSON Lines NER read", path ? "out" : "path");
    ner_jsonl r = {NULL, opts->tokens_field ? opts->tokens_field : "tokens",
                   opts->tags_field ? opts->tags_field : "ner_tags", opts->id_labels,
                   opts->id_label_count};
    nlp_status st = nlp__ner_data_create(path, opts, &r.d);
    if (st == NLP_OK)
        st = nlp__jsonl_each(path, one_sentence, &r);
    if (st == NLP_OK)
        st = nlp__ner_data_finish(r.d);
    if (st != NLP_OK) {
        nlp__ner_data_free(r.d);
        return st;
    }
    *out = r.d;
    return NLP_OK;
}
