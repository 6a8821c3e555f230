/* tokenizer_load.c - finding a checkpoint's tokenizer files and deciding
 * the kind, as transformers' AutoTokenizer would for BERT and T5. */
#include "core/json_file.h"
#include "text/tokenizer.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The tokenizer.json model type: "WordPiece", "Unigram", ... The older
 * hub layout has no type; a Unigram vocabulary is then a list of
 * [piece, score] pairs and a WordPiece one an object. */
static nlp_status json_model_type(const char *path, char *type, size_t cap)
{
    json_t *root;
    nlp_status st = nlp__json_load_object(path, 0, &root);
    if (st != NLP_OK)
        return st;
    json_t *model = json_object_get(root, "model");
    const char *t = json_string_value(json_object_get(model, "type"));
    json_t *vocab = json_object_get(model, "vocab");
    if (!t)
        t = json_is_array(vocab) ? "Unigram" : json_is_object(vocab) ? "WordPiece" : "?";
    snprintf(type, cap, "%s", t);
    json_decref(root);
    return NLP_OK;
}

/* True when some ordinary token has an upper-case ASCII letter: then the
 * vocabulary is cased and must not be lowercased. */
static bool vocab_is_cased(const nlp__bert_tokenizer *bert)
{
    const nlp__vocab *v = &bert->vocab;
    for (size_t i = 0; i < v->count; i++) {
        const char *k = v->pool + v->entries[i].key;
        size_t n = v->entries[i].len;
        if (n >= 2 && k[0] == '[' && k[n - 1] == ']')
            continue; /* [CLS], [unused1] ... */
        for (size_t j = 0; j < n; j++)
            if (k[j] >= 'A' && k[j] <= 'Z')
                return true;
    }
    return false;
}

/* transformers' BertTokenizerFast rebuilds the tokenizer.json normalizer
 * from tokenizer_config.json's flags; we follow the flags the config states.
 * strip_accents null means "as lowercase", as in HF. */
static void apply_config(nlp__bert_options *o, const nlp__tokenizer_settings *c)
{
    if (c->do_lower_case >= 0) {
        o->lowercase = c->do_lower_case;
        o->strip_accents = c->do_lower_case;
    }
    if (c->strip_accents >= 0)
        o->strip_accents = c->strip_accents;
    if (c->tokenize_chinese_chars >= 0)
        o->handle_chinese_chars = c->tokenize_chinese_chars;
}

/* vocab.txt: HF's BertTokenizer settings from tokenizer_config.json; a
 * config without do_lower_case lets the vocabulary decide. */
static nlp_status load_vocab_txt(const char *vocab, const nlp__tokenizer_settings *settings,
                                 nlp__bert_tokenizer **out)
{
    nlp__tokenizer_settings c = *settings;
    nlp_status st = nlp__bert_load_vocab_txt(vocab, NULL, out);
    if (st != NLP_OK)
        return st;
    if (c.do_lower_case < 0)
        c.do_lower_case = !vocab_is_cased(*out);
    apply_config(&(*out)->opt, &c);
    return NLP_OK;
}

static nlp_status load_bert_json(const char *json, const nlp__tokenizer_settings *settings,
                                 nlp__bert_tokenizer **out)
{
    nlp_status st = nlp__bert_load_tokenizer_json(json, out);
    if (st == NLP_OK)
        apply_config(&(*out)->opt, settings);
    return st;
}

static nlp_status load_t5(nlp__tokenizer *tok, const char *spiece, const char *json)
{
    nlp_status st = nlp__t5_tokenizer_load(spiece, json, &tok->t5);
    if (st != NLP_OK)
        return st;
    tok->kind = NLP_TOKENIZER_T5;
    tok->eos_id = nlp__t5_piece_to_id(tok->t5, "</s>", 4);
    if (tok->eos_id < 0)
        return nlp__fail(NLP_ERR_FORMAT, "%s: the vocabulary has no </s>",
                         spiece ? spiece : json);
    return NLP_OK;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* The files of one directory (NULL when absent). */
typedef struct files {
    char *json, *vocab, *spiece;
} files;

static void files_free(files *f)
{
    free(f->json);
    free(f->vocab);
    free(f->spiece);
}

static char *existing(const char *dir, const char *name, bool *nomem)
{
    char *p = nlp__path_join(dir, name);
    if (!p) {
        *nomem = true;
        return NULL;
    }
    if (nlp__file_exists(p))
        return p;
    free(p);
    return NULL;
}

static nlp_status find_files(const char *path, files *f)
{
    memset(f, 0, sizeof *f);
    struct stat sb;
    if (stat(path, &sb) != 0)
        return nlp__fail(NLP_ERR_IO, "%s: no such file or directory", path);
    bool nomem = false;
    if (S_ISDIR(sb.st_mode)) {
        f->json = existing(path, "tokenizer.json", &nomem);
        f->vocab = existing(path, "vocab.txt", &nomem);
        f->spiece = existing(path, "spiece.model", &nomem);
    } else if (ends_with(path, ".json")) {
        f->json = nlp__strdup(path);
        nomem = !f->json;
    } else if (ends_with(path, ".model")) {
        f->spiece = nlp__strdup(path);
        nomem = !f->spiece;
    } else {
        f->vocab = nlp__strdup(path);
        nomem = !f->vocab;
    }
    if (nomem)
        return NLP_ERR_NOMEM;
    if (!f->json && !f->vocab && !f->spiece)
        return nlp__fail(NLP_ERR_IO, "%s: no tokenizer.json, vocab.txt or spiece.model", path);
    return NLP_OK;
}

static nlp_status load_files(nlp__tokenizer *tok, const files *f,
                             const nlp__tokenizer_settings *settings)
{
    if (f->json) {
        char type[32];
        nlp_status st = json_model_type(f->json, type, sizeof type);
        if (st != NLP_OK)
            return st;
        if (strcmp(type, "WordPiece") == 0) {
            tok->kind = NLP_TOKENIZER_BERT;
            return load_bert_json(f->json, settings, &tok->bert);
        }
        if (strcmp(type, "Unigram") == 0)
            return load_t5(tok, f->spiece, f->json);
        return nlp__fail(NLP_ERR_UNSUPPORTED, "%s: tokenizer model %s is not supported "
                         "(WordPiece or Unigram)", f->json, type);
    }
    if (f->vocab) {
        tok->kind = NLP_TOKENIZER_BERT;
        return load_vocab_txt(f->vocab, settings, &tok->bert);
    }
    return load_t5(tok, f->spiece, NULL);
}

nlp_status nlp__tokenizer_load(const char *path, const nlp__tokenizer_settings *settings,
                               nlp__tokenizer **out)
{
    const nlp__tokenizer_settings none = NLP__TOKENIZER_SETTINGS_UNSET;
    files f;
    nlp_status st = find_files(path, &f);
    if (st != NLP_OK) {
        files_free(&f);
        return st;
    }
    nlp__tokenizer *tok = nlp__calloc(1, sizeof *tok);
    st = tok ? load_files(tok, &f, settings ? settings : &none) : NLP_ERR_NOMEM;
    files_free(&f);
    if (st != NLP_OK) {
        nlp__tokenizer_free(tok);
        return st;
    }
    *out = tok;
    return NLP_OK;
}
