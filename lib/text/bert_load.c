/* bert_load.c - building a BERT tokenizer from vocab.txt or from a
 * tokenizer.json whose model is WordPiece. */
#include "text/bert_tokenizer.h"
#include "core/json_file.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

nlp__bert_options nlp__bert_options_cased(void)
{
    nlp__bert_options o = {.clean_text = true,
                           .handle_chinese_chars = true,
                           .strip_accents = false,
                           .lowercase = false,
                           .max_input_chars_per_word = 100};
    return o;
}

void nlp__bert_free(nlp__bert_tokenizer *tok)
{
    if (!tok)
        return;
    nlp__vocab_clear(&tok->vocab);
    nlp__vocab_clear(&tok->cont);
    for (size_t i = 0; i < tok->n_added; i++)
        free(tok->added[i].content);
    free(tok->added);
    free(tok->id_key);
    free(tok->prefix);
    free(tok);
}

static nlp_status add_token(nlp__bert_tokenizer *tok, const char *path, const char *content,
                            int32_t id, bool special)
{
    size_t len = strlen(content);
    if (len == 0)
        return NLP_OK;
    void *p = nlp__realloc(tok->added, (tok->n_added + 1) * sizeof *tok->added);
    if (!p)
        return NLP_ERR_NOMEM;
    tok->added = p;
    char *copy = nlp__strndup(content, len);
    if (!copy)
        return NLP_ERR_NOMEM;
    tok->added[tok->n_added++] = (nlp__bert_added){copy, len, id, special};
    unsigned char b = (unsigned char)content[0];
    tok->added_first[b >> 3] |= (uint8_t)(1u << (b & 7));
    /* An added token outside the model vocabulary still decodes. */
    int32_t known = nlp__vocab_get(&tok->vocab, content, len);
    if (known < 0)
        return nlp__vocab_put(&tok->vocab, content, len, id);
    if (known != id) /* encode would give an id that decode cannot read back */
        return nlp__fail(NLP_ERR_FORMAT, "%s: added token \"%s\" has id %d, the vocabulary "
                         "gives it id %d", path, content, (int)id, (int)known);
    return NLP_OK;
}

static int32_t require_token(const nlp__bert_tokenizer *tok, const char *name, const char *path,
                             nlp_status *st)
{
    int32_t id = nlp__vocab_get(&tok->vocab, name, strlen(name));
    if (id < 0 && *st == NLP_OK)
        *st = nlp__fail(NLP_ERR_FORMAT, "%s: the vocabulary has no %s token", path, name);
    return id;
}

/* Build the continuation map, the id -> token table and the special ids. */
static nlp_status finish(nlp__bert_tokenizer *tok, const char *path, const char *unk)
{
    const nlp__vocab *v = &tok->vocab;
    size_t plen = strlen(tok->prefix);
    int32_t max_id = -1;
    for (size_t i = 0; i < v->count; i++)
        if (v->entries[i].id > max_id)
            max_id = v->entries[i].id;
    tok->n_ids = (size_t)max_id + 1;
    tok->id_key = nlp__malloc((tok->n_ids ? tok->n_ids : 1) * sizeof *tok->id_key);
    if (!tok->id_key)
        return NLP_ERR_NOMEM;
    for (size_t i = 0; i < tok->n_ids; i++)
        tok->id_key[i] = SIZE_MAX;
    for (size_t i = 0; i < v->count; i++) {
        const nlp__vocab_entry *e = &v->entries[i];
        if (nlp__vocab_get(v, v->pool + e->key, e->len) != e->id)
            continue; /* a duplicate key: the later line won */
        tok->id_key[e->id] = e->key;
        if (plen && e->len >= plen && memcmp(v->pool + e->key, tok->prefix, plen) == 0 &&
            nlp__vocab_put(&tok->cont, v->pool + e->key + plen, e->len - plen, e->id) != NLP_OK)
            return NLP_ERR_NOMEM;
    }
    nlp_status st = NLP_OK;
    tok->unk_id = require_token(tok, unk, path, &st);
    tok->cls_id = require_token(tok, "[CLS]", path, &st);
    tok->sep_id = require_token(tok, "[SEP]", path, &st);
    return st;
}

static nlp__bert_tokenizer *new_tokenizer(const nlp__bert_options *opt, const char *prefix)
{
    nlp__bert_tokenizer *tok = nlp__calloc(1, sizeof *tok);
    if (!tok)
        return NULL;
    nlp__vocab_init(&tok->vocab);
    nlp__vocab_init(&tok->cont);
    tok->opt = *opt;
    tok->prefix = nlp__strdup(prefix);
    if (!tok->prefix) {
        free(tok);
        return NULL;
    }
    return tok;
}

/* vocab.txt: HF reads each line with trailing whitespace trimmed; the id
 * is the line number. */
static nlp_status read_vocab_lines(nlp__bert_tokenizer *tok, const char *path)
{
    char *data;
    size_t size;
    nlp_status st = nlp__read_file(path, &data, &size);
    if (st != NLP_OK)
        return st;
    int32_t id = 0;
    for (char *line = data; line < data + size && st == NLP_OK; id++) {
        char *nl = memchr(line, '\n', (size_t)(data + size - line));
        char *end = nl ? nl : data + size;
        char *e = end;
        while (e > line && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
            e--;
        st = nlp__vocab_put(&tok->vocab, line, (size_t)(e - line), id);
        line = end + 1;
    }
    free(data);
    if (st == NLP_OK && id == 0)
        st = nlp__fail(NLP_ERR_FORMAT, "%s: empty vocabulary", path);
    return st;
}

nlp_status nlp__bert_load_vocab_txt(const char *path, const nlp__bert_options *opt,
                                    nlp__bert_tokenizer **out)
{
    nlp__bert_options o = opt ? *opt : nlp__bert_options_cased();
    nlp__bert_tokenizer *tok = new_tokenizer(&o, "##");
    if (!tok)
        return NLP_ERR_NOMEM;
    nlp_status st = read_vocab_lines(tok, path);
    /* BertWordPieceTokenizer's special tokens, as added tokens. */
    static const char *const specials[] = {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"};
    for (size_t i = 0; i < 5 && st == NLP_OK; i++) {
        int32_t id = nlp__vocab_get(&tok->vocab, specials[i], strlen(specials[i]));
        if (id >= 0)
            st = add_token(tok, path, specials[i], id, true);
    }
    if (st == NLP_OK)
        st = finish(tok, path, "[UNK]");
    if (st != NLP_OK) {
        nlp__bert_free(tok);
        return st;
    }
    *out = tok;
    return NLP_OK;
}

static bool json_flag(json_t *obj, const char *key, bool dflt)
{
    json_t *v = json_object_get(obj, key);
    return json_is_boolean(v) ? json_is_true(v) : dflt;
}

/* The normalizer and pre-tokenizer sections: only BERT's are emulated. */
static nlp_status read_pipeline(json_t *root, const char *path, nlp__bert_options *o)
{
    json_t *norm = json_object_get(root, "normalizer");
    if (json_is_object(norm)) {
        const char *type = json_string_value(json_object_get(norm, "type"));
        if (!type || strcmp(type, "BertNormalizer") != 0)
            return nlp__fail(NLP_ERR_UNSUPPORTED, "%s: normalizer %s is not supported with "
                             "WordPiece (only BertNormalizer)", path, type ? type : "?");
        o->clean_text = json_flag(norm, "clean_text", true);
        o->handle_chinese_chars = json_flag(norm, "handle_chinese_chars", true);
        o->lowercase = json_flag(norm, "lowercase", true);
        o->strip_accents = json_flag(norm, "strip_accents", o->lowercase);
    } else {
        o->clean_text = o->handle_chinese_chars = o->lowercase = o->strip_accents = false;
    }
    json_t *pre = json_object_get(root, "pre_tokenizer");
    const char *ptype = json_string_value(json_object_get(pre, "type"));
    if (!ptype || strcmp(ptype, "BertPreTokenizer") != 0)
        return nlp__fail(NLP_ERR_UNSUPPORTED, "%s: pre-tokenizer %s is not supported with "
                         "WordPiece (only BertPreTokenizer)", path, ptype ? ptype : "null");
    return NLP_OK;
}

static nlp_status read_model(nlp__bert_tokenizer *tok, json_t *model, const char *path)
{
    json_t *vocab = json_object_get(model, "vocab");
    if (!json_is_object(vocab))
        return nlp__fail(NLP_ERR_FORMAT, "%s: model.vocab is not an object", path);
    const char *key;
    json_t *val;
    json_object_foreach(vocab, key, val)
    {
        if (!json_is_integer(val) || json_integer_value(val) < 0 ||
            json_integer_value(val) > INT32_MAX)
            return nlp__fail(NLP_ERR_FORMAT, "%s: bad id for token \"%s\"", path, key);
        nlp_status st = nlp__vocab_put(&tok->vocab, key, strlen(key),
                                       (int32_t)json_integer_value(val));
        if (st != NLP_OK)
            return st;
    }
    return NLP_OK;
}

static nlp_status read_added(nlp__bert_tokenizer *tok, json_t *root, const char *path)
{
    json_t *list = json_object_get(root, "added_tokens");
    size_t i;
    json_t *t;
    json_array_foreach(list, i, t)
    {
        const char *content = json_string_value(json_object_get(t, "content"));
        json_t *id = json_object_get(t, "id");
        if (!content || !json_is_integer(id) || json_integer_value(id) < 0 ||
            json_integer_value(id) > INT32_MAX)
            return nlp__fail(NLP_ERR_FORMAT, "%s: added_tokens[%zu] lacks content or id", path, i);
        nlp_status st = add_token(tok, path, content, (int32_t)json_integer_value(id),
                                  json_flag(t, "special", false));
        if (st != NLP_OK)
            return st;
    }
    return NLP_OK;
}

static nlp_status load_json(json_t *root, const char *path, nlp__bert_tokenizer **out)
{
    json_t *model = json_object_get(root, "model");
    const char *type = json_string_value(json_object_get(model, "type"));
    if (!json_is_object(model) || (type && strcmp(type, "WordPiece") != 0))
        return nlp__fail(NLP_ERR_UNSUPPORTED, "%s: model %s is not WordPiece", path,
                         type ? type : "?");
    nlp__bert_options o = nlp__bert_options_cased();
    nlp_status st = read_pipeline(root, path, &o);
    if (st != NLP_OK)
        return st;
    json_t *mc = json_object_get(model, "max_input_chars_per_word");
    if (json_is_integer(mc) && json_integer_value(mc) > 0)
        o.max_input_chars_per_word = (size_t)json_integer_value(mc);
    if (o.max_input_chars_per_word > NLP__BERT_MAX_WORD_CHARS)
        return nlp__fail(NLP_ERR_UNSUPPORTED, "%s: max_input_chars_per_word %zu is above %d",
                         path, o.max_input_chars_per_word, NLP__BERT_MAX_WORD_CHARS);
    const char *prefix = json_string_value(json_object_get(model, "continuing_subword_prefix"));
    const char *unk = json_string_value(json_object_get(model, "unk_token"));
    nlp__bert_tokenizer *tok = new_tokenizer(&o, prefix ? prefix : "##");
    if (!tok)
        return NLP_ERR_NOMEM;
    st = read_model(tok, model, path);
    if (st == NLP_OK)
        st = read_added(tok, root, path);
    if (st == NLP_OK)
        st = finish(tok, path, unk ? unk : "[UNK]");
    if (st != NLP_OK) {
        nlp__bert_free(tok);
        return st;
    }
    *out = tok;
    return NLP_OK;
}

nlp_status nlp__bert_load_tokenizer_json(const char *path, nlp__bert_tokenizer **out)
{
    json_t *root;
    nlp_status st = nlp__json_load_object(path, 0, &root);
    if (st != NLP_OK)
        return st;
    st = load_json(root, path, out);
    json_decref(root);
    return st;
}
