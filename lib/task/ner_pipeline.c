/* ner_pipeline.c - the NER pipeline over many texts at once. */
#include "task/ner_pipeline.h"

#include <stdlib.h>

static void free_encodings(nlp__encoding **encs, size_t n)
{
    for (size_t i = 0; encs && i < n; i++)
        nlp__encoding_free(encs[i]);
    free(encs);
}

static void free_probs(float **probs, size_t n)
{
    for (size_t i = 0; probs && i < n; i++)
        free(probs[i]);
    free(probs);
}

static nlp_status tokenize_texts(const nlp__ner_pipeline *p, const char *const *texts,
                                 const size_t *lens, size_t n, nlp__encoding ***out)
{
    nlp__encoding **encs = nlp__calloc(n ? n : 1, sizeof *encs);
    if (!encs)
        return NLP_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        /* No specials and no truncation: windows add [CLS]/[SEP]. */
        nlp_status st = nlp__tokenizer_encode(p->tokenizer, texts[i], lens[i], false, 0,
                                              &encs[i]);
        if (st != NLP_OK) {
            free_encodings(encs, n);
            return st;
        }
    }
    *out = encs;
    return NLP_OK;
}

static nlp_status entities_of(const nlp__ner_pipeline *p, const char *text,
                              const nlp__encoding *enc, const float *probs,
                              nlp_entities **out)
{
    nlp__word_label *words = NULL;
    nlp__entity_span *spans = NULL;
    size_t n_words = 0, n_spans = 0;
    nlp_status st = nlp__ner_word_labels(probs, p->labels->count, enc->word_ids, enc->count,
                                         p->aggregation, &words, &n_words);
    bool per_token = p->aggregation == NLP__AGG_NONE;
    if (st == NLP_OK)
        st = (per_token ? nlp__ner_spans_ungrouped : nlp__ner_spans)(p->labels, words, n_words,
                                                                     &spans, &n_spans);
    if (st == NLP_OK)
        st = nlp__entities_build(p->labels, text, enc, words, spans, n_spans, per_token, out);
    free(words);
    free(spans);
    return st;
}

nlp_status nlp__ner_pipeline_run(const nlp__ner_pipeline *p, const char *const *texts,
                                 const size_t *lens, size_t n, nlp_entities **out)
{
    for (size_t i = 0; i < n; i++)
        out[i] = NULL;
    nlp__encoding **encs = NULL;
    float **probs = NULL;
    nlp_status st = tokenize_texts(p, texts, lens, n, &encs);
    if (st == NLP_OK)
        st = (probs = nlp__calloc(n ? n : 1, sizeof *probs)) ? NLP_OK : NLP_ERR_NOMEM;
    if (st == NLP_OK)
        st = nlp__ner_predict(&p->predictor, encs, n, probs);
    for (size_t i = 0; st == NLP_OK && i < n; i++)
        st = entities_of(p, texts[i], encs[i], probs[i], &out[i]);
    if (st != NLP_OK)
        for (size_t i = 0; i < n; i++) {
            nlp__entities_free(out[i]);
            out[i] = NULL;
        }
    free_probs(probs, n);
    free_encodings(encs, n);
    return st;
}

static int32_t first_o_label(const nlp__ner_labels *labels)
{
    for (size_t i = 0; i < labels->count; i++)
        if (labels->kinds[i] == NLP__TAG_O)
            return (int32_t)i;
    return 0;
}

nlp_status nlp__ner_pipeline_tag(const nlp__ner_pipeline *p, const char *const *words,
                                 const size_t *lens, size_t n, int32_t *labels)
{
    for (size_t i = 0; i < n; i++)
        labels[i] = first_o_label(p->labels);
    nlp__encoding *enc = NULL;
    float *probs = NULL;
    nlp__word_label *wl = NULL;
    size_t n_wl = 0;
    nlp_status st = nlp__tokenizer_encode_words(p->tokenizer, words, lens, n, false, 0, &enc);
    if (st == NLP_OK)
        st = nlp__ner_predict(&p->predictor, &enc, 1, &probs);
    /* A tag per word: the token-level strategies (SIMPLE, NONE) tag a word
     * by its first token, as FIRST does. */
    nlp__aggregation agg = p->aggregation == NLP__AGG_SIMPLE || p->aggregation == NLP__AGG_NONE
                               ? NLP__AGG_FIRST
                               : p->aggregation;
    if (st == NLP_OK)
        st = nlp__ner_word_labels(probs, p->labels->count, enc->word_ids, enc->count, agg, &wl,
                                  &n_wl);
    for (size_t w = 0; st == NLP_OK && w < n_wl; w++)
        labels[enc->word_ids[wl[w].tok_begin]] = wl[w].label;
    free(wl);
    free(probs);
    nlp__encoding_free(enc);
    return st;
}
