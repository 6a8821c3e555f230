/* toxic.c - the toxicity classifier: label words, batching, verdicts. */
#include "task/toxic.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const nlp_toxic_label default_labels[] = {{"yes", 1}, {"no", 0}};

/* [*begin, *end) without surrounding ASCII white space. */
static void trim(const char *s, size_t len, size_t *begin, size_t *end)
{
    size_t b = 0, e = len;
    while (b < e && isspace((unsigned char)s[b]))
        b++;
    while (e > b && isspace((unsigned char)s[e - 1]))
        e--;
    *begin = b;
    *end = e;
}

void nlp__toxic_free(nlp_toxic_model *model)
{
    if (!model)
        return;
    for (size_t i = 0; i < model->label_count; i++)
        free(model->labels[i].word);
    free(model->labels);
    free(model->candidate_ids);
    free(model->candidate_offsets);
    free(model->prefix);
    nlp__t5_text_free(model->t5);
    free(model);
}

/* Append word's tokens to the candidate list, refusing words the model
 * cannot produce as themselves. */
static nlp_status add_candidate(nlp_toxic_model *m, size_t index, const char *word, size_t *cap)
{
    nlp__encoding *enc = nlp__encoding_new();
    if (!enc)
        return NLP_ERR_NOMEM;
    nlp_status st = nlp__t5_encode(m->t5->tokenizer, word, strlen(word), false, enc);
    for (size_t i = 0; st == NLP_OK && i < enc->count; i++)
        if (enc->ids[i] == m->t5->unk_id)
            st = nlp__fail(NLP_ERR_INVALID_ARG,
                           "label word \"%s\": the vocabulary cannot spell it (piece \"%s\" "
                           "is <unk>), so the model could never generate it",
                           word, enc->tokens[i]);
    if (st == NLP_OK && enc->count == 0)
        st = nlp__fail(NLP_ERR_INVALID_ARG, "label word \"%s\" has no tokens", word);
    size_t begin = m->candidate_offsets[index];
    if (st == NLP_OK)
        st = nlp__grow((void **)&m->candidate_ids, cap, begin + enc->count,
                       sizeof *m->candidate_ids);
    if (st == NLP_OK) {
        memcpy(m->candidate_ids + begin, enc->ids, enc->count * sizeof *enc->ids);
        m->candidate_offsets[index + 1] = begin + enc->count;
        if (enc->count + 1 > m->max_new_tokens)
            m->max_new_tokens = enc->count + 1; /* the word, then </s> */
    }
    nlp__encoding_free(enc);
    return st;
}

static bool same_tokens(const nlp_toxic_model *m, size_t a, size_t b)
{
    size_t la = m->candidate_offsets[a + 1] - m->candidate_offsets[a];
    size_t lb = m->candidate_offsets[b + 1] - m->candidate_offsets[b];
    return la == lb && memcmp(m->candidate_ids + m->candidate_offsets[a],
                              m->candidate_ids + m->candidate_offsets[b],
                              la * sizeof *m->candidate_ids) == 0;
}

/* One word alone would give every text the same verdict (a toxic-only set
 * scores 1.0 everywhere): a set needs a toxic and a non-toxic word. */
static nlp_status both_verdicts(const nlp__toxic_label *labels, size_t n)
{
    size_t toxic = 0;
    for (size_t i = 0; i < n; i++)
        toxic += labels[i].toxic;
    if (toxic > 0 && toxic < n)
        return NLP_OK;
    return nlp__fail(NLP_ERR_INVALID_ARG, "toxic: the label words need both a toxic and a "
                     "non-toxic word; all %zu given (\"%s\"%s) are %s", n, labels[0].word,
                     n > 1 ? ", ..." : "", toxic ? "toxic" : "non-toxic");
}

static nlp_status set_labels(nlp_toxic_model *m, const nlp_toxic_label *labels, size_t n)
{
    if (!labels) {
        labels = default_labels;
        n = 2;
    }
    if (n == 0)
        return nlp__fail(NLP_ERR_INVALID_ARG, "toxic: no label words");
    m->labels = nlp__calloc(n, sizeof *m->labels);
    m->candidate_offsets = nlp__calloc(n + 1, sizeof *m->candidate_offsets);
    if (!m->labels || !m->candidate_offsets)
        return NLP_ERR_NOMEM;
    m->label_count = n;
    size_t cap = 0;
    for (size_t i = 0; i < n; i++) {
        const char *w = labels[i].word ? labels[i].word : "";
        size_t b, e;
        trim(w, strlen(w), &b, &e);
        if (b == e)
            return nlp__fail(NLP_ERR_INVALID_ARG, "toxic: label word %zu is empty", i);
        nlp_status st = nlp__utf8_check(w, strlen(w));
        if (st != NLP_OK)
            return nlp__wrap(st, "label word %zu", i);
        if (!(m->labels[i].word = nlp__strndup(w + b, e - b)))
            return NLP_ERR_NOMEM;
        m->labels[i].toxic = labels[i].is_toxic != 0;
        st = add_candidate(m, i, m->labels[i].word, &cap);
        if (st != NLP_OK)
            return st;
        for (size_t j = 0; j < i; j++)
            if (same_tokens(m, i, j))
                return nlp__fail(NLP_ERR_INVALID_ARG,
                                 "label words \"%s\" and \"%s\" have the same tokens",
                                 m->labels[j].word, m->labels[i].word);
    }
    return both_verdicts(m->labels, n);
}

/* The label words config.json names (see hf_config.h), else the defaults. */
static nlp_status checkpoint_labels(nlp_toxic_model *m)
{
    const nlp__t5_config *c = &m->t5->config->t5;
    if (c->task_label_count == 0)
        return set_labels(m, NULL, 0);
    nlp_toxic_label *labels = nlp__calloc(c->task_label_count, sizeof *labels);
    if (!labels)
        return NLP_ERR_NOMEM;
    for (size_t i = 0; i < c->task_label_count; i++)
        labels[i] = (nlp_toxic_label){c->task_label_words[i], c->task_label_toxic[i]};
    nlp_status st = set_labels(m, labels, c->task_label_count);
    free(labels);
    return st;
}

static nlp_status configure(nlp_toxic_model *m, const char *dir, const nlp__toxic_settings *s)
{
    nlp_status st = nlp__t5_text_load(dir, s->device, &m->t5);
    if (st != NLP_OK)
        return st;
    const char *prefix = s->prefix ? s->prefix
                         : m->t5->config->t5.task_prefix ? m->t5->config->t5.task_prefix
                                                         : "toxic: ";
    if (!(m->prefix = nlp__strdup(prefix)))
        return NLP_ERR_NOMEM;
    m->max_input_tokens = s->max_input_tokens ? s->max_input_tokens : 512;
    m->max_text_bytes = nlp__limit_or_default(s->max_text_bytes, NLP__DEFAULT_MAX_TEXT_BYTES);
    m->max_batch_texts = nlp__limit_or_default(s->max_batch_texts,
                                               NLP__DEFAULT_MAX_BATCH_TEXTS);
    st = s->labels ? set_labels(m, s->labels, s->label_count) : checkpoint_labels(m);
    if (st == NLP_OK && s->max_new_tokens)
        m->max_new_tokens = s->max_new_tokens;
    if (s->score_only)
        m->max_new_tokens = 0;
    return st;
}

nlp_status nlp__toxic_load(const char *dir, const nlp__toxic_settings *settings,
                           nlp_toxic_model **out)
{
    nlp_toxic_model *m = nlp__calloc(1, sizeof *m);
    if (!m)
        return NLP_ERR_NOMEM;
    nlp_status st = configure(m, dir, settings);
    if (st != NLP_OK) {
        nlp__toxic_free(m);
        return st;
    }
    *out = m;
    return NLP_OK;
}

void nlp__toxic_verdict(const nlp__toxic_label *labels, size_t label_count,
                        const double *logprobs, const char *generated,
                        nlp_toxic_result *result)
{
    size_t best = 0;
    for (size_t i = 1; i < label_count; i++)
        if (logprobs[i] > logprobs[best])
            best = i;
    double max = logprobs[best], toxic = 0, all = 0;
    for (size_t i = 0; isfinite(max) && i < label_count; i++) {
        double p = exp(logprobs[i] - max);
        all += p;
        if (labels[i].toxic)
            toxic += p;
    }
    result->score = all > 0 ? toxic / all : 0.0;
    size_t b, e;
    trim(generated, strlen(generated), &b, &e);
    result->matched = 0;
    result->label = best;
    for (size_t i = 0; i < label_count; i++)
        if (strlen(labels[i].word) == e - b && memcmp(labels[i].word, generated + b, e - b) == 0) {
            result->matched = 1;
            result->label = i;
            break;
        }
    result->is_toxic = labels[result->label].toxic;
}

void nlp__toxic_result_free(nlp_toxic_result *result)
{
    if (!result)
        return;
    free(result->generated);
    free(result);
}
