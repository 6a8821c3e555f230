/* ner_data.c - building an NER data set: tag checks, IOB1 -> IOB2
 * conversion, label interning, and the final label order. */
#include "io/ner_data.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const nlp__conll2003_labels[9] = {
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"};

nlp__ner_read_options nlp__ner_read_options_default(void)
{
    nlp__ner_read_options o;
    memset(&o, 0, sizeof o);
    o.tag_column = -1;
    o.convert_iob1 = true;
    return o;
}

nlp__ner_read_options nlp__ner_read_options_conll2003(void)
{
    nlp__ner_read_options o = nlp__ner_read_options_default();
    o.id_labels = nlp__conll2003_labels;
    o.id_label_count = sizeof nlp__conll2003_labels / sizeof *nlp__conll2003_labels;
    return o;
}

nlp_status nlp__ner_data_create(const char *path, const nlp__ner_read_options *opts,
                                nlp__ner_data **out)
{
    nlp__ner_data *d = nlp__calloc(1, sizeof *d);
    if (!d || !(d->path = nlp__strdup(path))) {
        free(d);
        return NLP_ERR_NOMEM;
    }
    d->convert_iob1 = opts->convert_iob1;
    d->prev_id = -1;
    for (size_t i = 0; opts->labels && i < opts->label_count; i++) {
        nlp_status st = nlp__grow((void **)&d->labels, &d->label_cap, i + 1, sizeof *d->labels);
        if (st != NLP_OK || !(d->labels[i] = nlp__strdup(opts->labels[i]))) {
            nlp__ner_data_free(d);
            return NLP_ERR_NOMEM;
        }
        d->label_count = i + 1;
    }
    d->labels_fixed = opts->labels != NULL;
    *out = d;
    return NLP_OK;
}

void nlp__ner_data_free(nlp__ner_data *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->label_count; i++)
        free(d->labels[i]);
    free(d->labels);
    free(d->path);
    free(d->text);
    nlp__arena_free(&d->strings);
    free(d->words);
    free(d->tags);
    free(d->tag_ids);
    free(d->starts);
    free(d->lengths);
    free(d->lines);
    free(d);
}

/* "O", or B-/I-/E-/S- followed by a non-empty type. */
static bool well_formed(const char *tag)
{
    if (strcmp(tag, "O") == 0)
        return true;
    return strchr("BIES", tag[0]) && tag[0] && tag[1] == '-' && tag[2] != '\0';
}

/* IOB1 -> IOB2: an I-X that does not continue an X entity (previous tag in
 * the sentence not B-X or I-X) starts one, so it becomes B-X. */
static bool starts_entity_iob1(const char *tag, const char *prev)
{
    if (tag[0] != 'I' || tag[1] != '-')
        return false;
    if (!prev || (prev[0] != 'B' && prev[0] != 'I') || prev[1] != '-')
        return true;
    return strcmp(prev + 2, tag + 2) != 0;
}

static int32_t find_label(const nlp__ner_data *d, const char *tag)
{
    for (size_t i = 0; i < d->label_count; i++)
        if (strcmp(d->labels[i], tag) == 0)
            return (int32_t)i;
    return -1;
}

static nlp_status intern_label(nlp__ner_data *d, const char *tag, long line, int32_t *id)
{
    *id = find_label(d, tag);
    if (*id >= 0)
        return NLP_OK;
    if (d->labels_fixed)
        return nlp__fail_at(NLP_ERR_FORMAT, d->path, line,
                            "label \"%s\" is not in the label set (%zu labels)", tag,
                            d->label_count);
    if (!well_formed(tag))
        return nlp__fail_at(NLP_ERR_FORMAT, d->path, line,
                            "bad NER tag \"%s\" (expected O or B-/I-/E-/S- and a type)", tag);
    nlp_status st = nlp__grow((void **)&d->labels, &d->label_cap, d->label_count + 1,
                              sizeof *d->labels);
    if (st != NLP_OK || !(d->labels[d->label_count] = nlp__strdup(tag)))
        return NLP_ERR_NOMEM;
    *id = (int32_t)d->label_count++;
    return NLP_OK;
}

static nlp_status open_sentence(nlp__ner_data *d, long line)
{
    size_t need = d->sentence_count + 1, cap = d->sentence_cap;
    nlp_status st = nlp__grow((void **)&d->starts, &cap, need, sizeof *d->starts);
    cap = d->sentence_cap;
    if (st == NLP_OK)
        st = nlp__grow((void **)&d->lengths, &cap, need, sizeof *d->lengths);
    cap = d->sentence_cap;
    if (st == NLP_OK)
        st = nlp__grow((void **)&d->lines, &cap, need, sizeof *d->lines);
    if (st != NLP_OK)
        return st;
    d->sentence_cap = cap;
    d->starts[d->sentence_count] = d->token_count;
    d->lengths[d->sentence_count] = 0;
    d->lines[d->sentence_count] = line;
    d->open = true;
    d->prev_id = -1;
    return NLP_OK;
}

static nlp_status reserve_token(nlp__ner_data *d)
{
    size_t need = d->token_count + 1, cap = d->token_cap;
    nlp_status st = nlp__grow((void **)&d->words, &cap, need, sizeof *d->words);
    cap = d->token_cap;
    if (st == NLP_OK)
        st = nlp__grow((void **)&d->tag_ids, &cap, need, sizeof *d->tag_ids);
    if (st == NLP_OK)
        d->token_cap = cap;
    return st;
}

nlp_status nlp__ner_data_add(nlp__ner_data *d, const char *word, const char *tag, long line)
{
    nlp_status st = d->open ? NLP_OK : open_sentence(d, line);
    if (st == NLP_OK)
        st = reserve_token(d);
    if (st != NLP_OK)
        return st;
    char converted[256];
    const char *prev = d->prev_id >= 0 ? d->labels[d->prev_id] : NULL;
    if (d->convert_iob1 && starts_entity_iob1(tag, prev) && strlen(tag) < sizeof converted) {
        snprintf(converted, sizeof converted, "B-%s", tag + 2);
        tag = converted;
        d->converted++;
    }
    int32_t id;
    if ((st = intern_label(d, tag, line, &id)) != NLP_OK)
        return st;
    d->words[d->token_count] = word;
    d->tag_ids[d->token_count++] = id;
    d->lengths[d->sentence_count]++;
    d->prev_id = id;
    return NLP_OK;
}

void nlp__ner_data_end_sentence(nlp__ner_data *d)
{
    if (d->open && d->lengths[d->sentence_count] > 0)
        d->sentence_count++;
    d->open = false;
    d->prev_id = -1;
}

static int str_ptr_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sort collected labels and renumber the tags to match. */
static nlp_status sort_labels(nlp__ner_data *d)
{
    size_t n = d->label_count;
    if (n == 0)
        return NLP_OK; /* no tokens (d->labels is NULL: memcpy may not take it) */
    char **sorted = nlp__malloc((n + 1) * sizeof *sorted);
    int32_t *renumber = nlp__malloc((n + 1) * sizeof *renumber);
    if (!sorted || !renumber) {
        free(sorted);
        free(renumber);
        return NLP_ERR_NOMEM;
    }
    memcpy(sorted, d->labels, n * sizeof *sorted);
    qsort(sorted, n, sizeof *sorted, str_ptr_cmp);
    for (size_t i = 0; i < n; i++)
        renumber[find_label(d, sorted[i])] = (int32_t)i;
    for (size_t t = 0; t < d->token_count; t++)
        d->tag_ids[t] = renumber[d->tag_ids[t]];
    memcpy(d->labels, sorted, n * sizeof *sorted);
    free(sorted);
    free(renumber);
    return NLP_OK;
}

nlp_status nlp__ner_data_finish(nlp__ner_data *d)
{
    nlp__ner_data_end_sentence(d);
    nlp_status st = d->labels_fixed ? NLP_OK : sort_labels(d);
    if (st != NLP_OK)
        return st;
    d->tags = nlp__malloc((d->token_count + 1) * sizeof *d->tags);
    if (!d->tags)
        return NLP_ERR_NOMEM;
    for (size_t t = 0; t < d->token_count; t++)
        d->tags[t] = d->labels[d->tag_ids[t]];
    return NLP_OK;
}
