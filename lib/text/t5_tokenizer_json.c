/* t5_tokenizer_json.c - reading a Hugging Face tokenizer.json whose model is
 * Unigram (T5 and other sentencepiece conversions): vocab [[piece, score]],
 * unk_id, the Precompiled normalizer's base64 charsmap and added_tokens.
 * Both the hub's older layout (model without "type", Metaspace with
 * add_prefix_space) and the newer one are accepted. */
#include "text/t5_internal.h"

#include "core/json_file.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static int b64_value(unsigned char c)
{
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

/* Standard base64 with optional '=' padding. */
static nlp_status b64_decode(const char *s, size_t len, const char *name,
                             unsigned char **out, size_t *out_len)
{
    while (len > 0 && s[len - 1] == '=')
        len--;
    unsigned char *buf = nlp__malloc(len / 4 * 3 + 3);
    if (!buf)
        return NLP_ERR_NOMEM;
    size_t n = 0;
    uint32_t acc = 0;
    for (size_t i = 0; i < len; i++) {
        int v = b64_value((unsigned char)s[i]);
        if (v < 0) {
            free(buf);
            return nlp__fail(NLP_ERR_FORMAT, "%s: precompiled_charsmap is not base64 "
                             "(byte %zu)", name, i);
        }
        acc = acc << 6 | (uint32_t)v;
        if (i % 4 == 3) {
            buf[n++] = (unsigned char)(acc >> 16);
            buf[n++] = (unsigned char)(acc >> 8);
            buf[n++] = (unsigned char)acc;
        }
    }
    if (len % 4 == 1) {
        free(buf);
        return nlp__fail(NLP_ERR_FORMAT, "%s: precompiled_charsmap has a bad length", name);
    }
    if (len % 4 == 2) {
        buf[n++] = (unsigned char)(acc >> 4);
    } else if (len % 4 == 3) {
        buf[n++] = (unsigned char)(acc >> 10);
        buf[n++] = (unsigned char)(acc >> 2);
    }
    *out = buf;
    *out_len = n;
    return NLP_OK;
}

static nlp_status read_vocab(json_t *model, const char *name, nlp__t5_model_data *out)
{
    json_t *vocab = json_object_get(model, "vocab");
    json_t *unk = json_object_get(model, "unk_id");
    if (!json_is_array(vocab) || json_array_size(vocab) == 0)
        return nlp__fail(NLP_ERR_FORMAT, "%s: model.vocab is not a list of [piece, score]", name);
    if (json_is_true(json_object_get(model, "byte_fallback")))
        return nlp__fail(NLP_ERR_UNSUPPORTED, "%s: Unigram byte_fallback is not supported", name);
    size_t i;
    json_t *item;
    json_array_foreach(vocab, i, item) {
        json_t *piece = json_array_get(item, 0), *score = json_array_get(item, 1);
        if (!json_is_string(piece) || !json_is_number(score) ||
            json_string_length(piece) == 0)
            return nlp__fail(NLP_ERR_FORMAT, "%s: model.vocab[%zu] is not [piece, score]",
                             name, i);
        nlp_status st = nlp__t5_model_data_push_piece(out, json_string_value(piece),
                                                      json_string_length(piece),
                                                      json_number_value(score));
        if (st != NLP_OK)
            return st;
    }
    if (!json_is_integer(unk) || json_integer_value(unk) < 0 ||
        (size_t)json_integer_value(unk) >= out->n_pieces)
        return nlp__fail(NLP_ERR_FORMAT, "%s: model.unk_id is missing or out of range", name);
    out->unk_id = (int32_t)json_integer_value(unk);
    return NLP_OK;
}

static nlp_status read_normalizer(json_t *root, const char *name, nlp__t5_model_data *out)
{
    json_t *norm = json_object_get(root, "normalizer");
    if (!norm || json_is_null(norm))
        return NLP_OK; /* no charsmap: text is left as it is */
    const char *type = json_string_value(json_object_get(norm, "type"));
    json_t *map = json_object_get(norm, "precompiled_charsmap");
    if (!type || strcmp(type, "Precompiled") != 0 || !json_is_string(map))
        return nlp__fail(NLP_ERR_UNSUPPORTED, "%s: normalizer %s is not supported for a "
                         "Unigram model (only Precompiled)", name, type ? type : "?");
    return b64_decode(json_string_value(map), json_string_length(map), name, &out->charsmap,
                      &out->charsmap_len);
}

static nlp_status read_added(json_t *root, const char *name, nlp__t5_model_data *out)
{
    json_t *added = json_object_get(root, "added_tokens");
    size_t i;
    json_t *tok;
    json_array_foreach(added, i, tok) {
        json_t *id = json_object_get(tok, "id");
        const char *content = json_string_value(json_object_get(tok, "content"));
        if (!json_is_integer(id) || json_integer_value(id) < 0 ||
            json_integer_value(id) >= INT32_MAX || !content || !*content)
            return nlp__fail(NLP_ERR_FORMAT, "%s: added_tokens[%zu] lacks id or content",
                             name, i);
        nlp_status st = nlp__t5_model_data_push_added(
            out, content, (int32_t)json_integer_value(id),
            json_is_true(json_object_get(tok, "special")));
        if (st != NLP_OK)
            return st;
    }
    return NLP_OK;
}

static nlp_status read_root(json_t *root, const char *name, nlp__t5_model_data *out)
{
    json_t *model = json_object_get(root, "model");
    const char *type = json_string_value(json_object_get(model, "type"));
    if (!json_is_object(model) || (type && strcmp(type, "Unigram") != 0) ||
        (!type && !json_object_get(model, "unk_id")))
        return nlp__fail(NLP_ERR_UNSUPPORTED, "%s: model is %s, not Unigram", name,
                         type ? type : "not Unigram");
    nlp_status st = read_vocab(model, name, out);
    if (st == NLP_OK)
        st = read_normalizer(root, name, out);
    if (st == NLP_OK)
        st = read_added(root, name, out);
    return st;
}

nlp_status nlp__t5_read_tokenizer_json(const char *path, nlp__t5_model_data *out)
{
    memset(out, 0, sizeof *out);
    json_t *root = NULL;
    nlp_status st = nlp__json_load_object(path, 0, &root);
    if (st != NLP_OK)
        return st;
    st = read_root(root, path, out);
    json_decref(root);
    if (st != NLP_OK)
        nlp__t5_model_data_clear(out);
    return st;
}
