/* Writes the expected-results file every binding's tests compare with:
 * entities (two aggregations), toxicity verdicts and scores, token ids and
 * offsets, on texts with multi-byte characters, all computed by the C
 * library through the public header from ../shared/fixtures.
 *
 *     expected SHARED_DIR OUT.json
 *
 * Numbers are written with 17 significant digits (float scores widened to
 * double first), so a binding that reads the same value from the library
 * compares equal without a tolerance. */
#include <nlp/nlp.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Multi-byte text on purpose: Latin-1 letters, CJK, an emoji (4 bytes, one
 * code point), a combining accent, a long dash. */
static const char *const texts[] = {
    "Mike Müller flew from Zürich to New York with Zoë on Monday .",
    "東京 and Ōsaka welcome Angela Merkel — 😀 says the EU .",
    "EU officials meet German farmers near British ports .",
    "Café owner Jose\xcc\x81 Garci\xcc\x81" "a sued Deutsche Bank in Frankfurt .",
    "",
};
#define TEXT_COUNT (sizeof texts / sizeof *texts)

/* Pre-split words for nlp_tokenizer_encode_words. */
static const char *const words[] = {"Zoë", "lives", "in", "Zürich", "😀", "."};
#define WORD_COUNT (sizeof words / sizeof *words)

static int fail(const char *what)
{
    fprintf(stderr, "expected: %s: %s\n", what, nlp_last_error());
    return 1;
}

static json_t *entities_json(const nlp_entities *es)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < nlp_entities_count(es); i++) {
        const nlp_entity *e = nlp_entities_get(es, i);
        json_array_append_new(arr, json_pack("{s:s, s:s, s:I, s:I, s:I, s:I, s:f}",
                                             "class", e->label, "text", e->text,
                                             "start", (json_int_t)e->char_start,
                                             "end", (json_int_t)e->char_end,
                                             "byte_start", (json_int_t)e->byte_start,
                                             "byte_end", (json_int_t)e->byte_end,
                                             "score", (double)e->score));
    }
    return arr;
}

/* NER with one aggregation: {"aggregation", "labels", "cases": [{text, entities}]}. */
static json_t *ner_json(const char *dir, nlp_aggregation aggregation, const char *name,
                        size_t *total)
{
    nlp_ner_options o = nlp_ner_options_default();
    o.device = "cpu";
    o.aggregation = aggregation;
    nlp_ner_model *m = NULL;
    if (nlp_ner_load(dir, &o, &m) != NLP_OK)
        return NULL;
    const char *const *names = NULL;
    size_t count = 0;
    json_t *labels = json_array();
    if (nlp_ner_labels(m, &names, &count) == NLP_OK)
        for (size_t i = 0; i < count; i++)
            json_array_append_new(labels, json_string(names[i]));
    json_t *cases = json_array();
    for (size_t t = 0; t < TEXT_COUNT; t++) {
        nlp_entities *es = NULL;
        if (nlp_ner_run(m, texts[t], strlen(texts[t]), &es) != NLP_OK) {
            json_decref(cases);
            json_decref(labels);
            nlp_ner_free(m);
            return NULL;
        }
        *total += nlp_entities_count(es);
        json_array_append_new(cases, json_pack("{s:s, s:o}", "text", texts[t], "entities",
                                               entities_json(es)));
        nlp_entities_free(es);
    }
    nlp_ner_free(m);
    return json_pack("{s:s, s:o, s:o}", "aggregation", name, "labels", labels, "cases", cases);
}

static json_t *toxic_json(const char *dir)
{
    nlp_toxic_options o = nlp_toxic_options_default();
    o.device = "cpu";
    nlp_toxic_model *m = NULL;
    if (nlp_toxic_load(dir, &o, &m) != NLP_OK)
        return NULL;
    json_t *cases = json_array();
    for (size_t t = 0; t < TEXT_COUNT; t++) {
        nlp_toxic_result *r = NULL;
        if (nlp_toxic_classify(m, texts[t], strlen(texts[t]), &r) != NLP_OK) {
            json_decref(cases);
            nlp_toxic_free(m);
            return NULL;
        }
        json_array_append_new(cases, json_pack("{s:s, s:b, s:b, s:f, s:s, s:I}", "text",
                                               texts[t], "is_toxic", r->is_toxic, "matched",
                                               r->matched, "score", r->score, "generated",
                                               r->generated, "label", (json_int_t)r->label));
        nlp_toxic_result_free(r);
    }
    nlp_toxic_free(m);
    return json_pack("{s:s, s:o}", "prefix", "toxic: ", "cases", cases);
}

static json_t *int64s(const int64_t *v, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_integer((json_int_t)v[i]));
    return a;
}

static json_t *encoding_json(const nlp_encoding *enc)
{
    size_t n = nlp_encoding_count(enc);
    json_t *ids = json_array(), *tokens = json_array(), *word_ids = json_array();
    json_t *special = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(ids, json_integer(nlp_encoding_ids(enc)[i]));
        json_array_append_new(tokens, json_stringn(nlp_encoding_tokens(enc)[i],
                                                   nlp_encoding_token_lengths(enc)[i]));
        json_array_append_new(word_ids, json_integer(nlp_encoding_word_ids(enc)[i]));
        json_array_append_new(special, json_integer(nlp_encoding_special_mask(enc)[i]));
    }
    return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "ids", ids, "tokens", tokens,
                     "start", int64s(nlp_encoding_char_starts(enc), n), "end",
                     int64s(nlp_encoding_char_ends(enc), n), "byte_start",
                     int64s(nlp_encoding_byte_starts(enc), n), "byte_end",
                     int64s(nlp_encoding_byte_ends(enc), n), "word_ids", word_ids,
                     "special_mask", special);
}

/* {"texts": [{text, encoding}], "words": {words, encoding}} for one tokenizer. */
static json_t *tokenizer_json(const char *dir)
{
    nlp_tokenizer *tok = NULL;
    if (nlp_tokenizer_load(dir, &tok) != NLP_OK)
        return NULL;
    json_t *cases = json_array();
    nlp_encoding *enc = NULL;
    for (size_t t = 0; t < TEXT_COUNT; t++) {
        if (nlp_tokenizer_encode(tok, texts[t], strlen(texts[t]), NULL, &enc) != NLP_OK)
            goto fail;
        json_t *c = encoding_json(enc);
        json_object_set_new(c, "text", json_string(texts[t]));
        json_array_append_new(cases, c);
        nlp_encoding_free(enc);
        enc = NULL;
    }
    size_t lens[WORD_COUNT];
    json_t *ws = json_array();
    for (size_t i = 0; i < WORD_COUNT; i++) {
        lens[i] = strlen(words[i]);
        json_array_append_new(ws, json_string(words[i]));
    }
    if (nlp_tokenizer_encode_words(tok, words, lens, WORD_COUNT, NULL, &enc) != NLP_OK) {
        json_decref(ws);
        goto fail;
    }
    json_t *w = encoding_json(enc);
    json_object_set_new(w, "words", ws);
    nlp_encoding_free(enc);
    json_t *out = json_pack("{s:I, s:o, s:o}", "vocab_size",
                            (json_int_t)nlp_tokenizer_vocab_size(tok), "texts", cases,
                            "words", w);
    nlp_tokenizer_free(tok);
    return out;
fail:
    json_decref(cases);
    nlp_tokenizer_free(tok);
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: expected SHARED_DIR OUT.json\n");
        return 2;
    }
    char bert[4096], t5[4096];
    snprintf(bert, sizeof bert, "%s/fixtures/bert-tiny-ner", argv[1]);
    snprintf(t5, sizeof t5, "%s/fixtures/t5-tiny", argv[1]);

    size_t total = 0;
    json_t *ner_first = ner_json(bert, NLP_AGGREGATION_FIRST, "first", &total);
    if (!ner_first)
        return fail(bert);
    json_t *ner_average = ner_json(bert, NLP_AGGREGATION_AVERAGE, "average", &total);
    if (!ner_average)
        return fail(bert);
    if (total == 0) {
        fprintf(stderr, "expected: the fixture finds no entity in any text: the file would "
                        "test nothing; choose other texts\n");
        return 1;
    }
    json_t *toxic = toxic_json(t5);
    if (!toxic)
        return fail(t5);
    json_t *tok_bert = tokenizer_json(bert), *tok_t5 = tokenizer_json(t5);
    if (!tok_bert || !tok_t5)
        return fail("tokenizer");

    /* The struct sizes this header gives, for the bindings' layout checks. */
    json_t *sizes = json_pack(
        "{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}",
        "nlp_encode_options", (json_int_t)sizeof(nlp_encode_options),
        "nlp_ner_options", (json_int_t)sizeof(nlp_ner_options),
        "nlp_entity", (json_int_t)sizeof(nlp_entity),
        "nlp_toxic_label", (json_int_t)sizeof(nlp_toxic_label),
        "nlp_toxic_options", (json_int_t)sizeof(nlp_toxic_options),
        "nlp_toxic_result", (json_int_t)sizeof(nlp_toxic_result),
        "nlp_seqeval_options", (json_int_t)sizeof(nlp_seqeval_options),
        "nlp_entity_score", (json_int_t)sizeof(nlp_entity_score),
        "nlp_classification_metrics", (json_int_t)sizeof(nlp_classification_metrics),
        "nlp_conll_options", (json_int_t)sizeof(nlp_conll_options),
        "nlp_train_progress", (json_int_t)sizeof(nlp_train_progress),
        "nlp_train_options", (json_int_t)sizeof(nlp_train_options),
        "nlp_train_report", (json_int_t)sizeof(nlp_train_report),
        "nlp_eval_options", (json_int_t)sizeof(nlp_eval_options));

    json_t *root = json_pack("{s:s, s:o, s:s, s:s, s:s, s:o, s:o, s:o, s:{s:o, s:o}}",
                             "version", nlp_version(), "sizes", sizes,
                             "generated_by", "tests/bindings/expected.c", "ner_model",
                             "fixtures/bert-tiny-ner", "toxic_model", "fixtures/t5-tiny",
                             "ner", ner_first, "ner_average", ner_average, "toxic", toxic,
                             "tokenizer", "bert", tok_bert, "t5", tok_t5);
    if (json_dump_file(root, argv[2], JSON_INDENT(1) | JSON_REAL_PRECISION(17)) != 0) {
        fprintf(stderr, "expected: cannot write %s\n", argv[2]);
        json_decref(root);
        return 1;
    }
    json_decref(root);
    printf("wrote %s (%zu entities)\n", argv[2], total);
    return 0;
}
