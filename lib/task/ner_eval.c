/* ner_eval.c - nlp_ner_evaluate's job: read a labelled NER file, tag its
 * sentences, score the tags with seqeval. */
#include "io/data_format.h"
#include "io/ner_data.h"
#include "metrics/seqeval.h"
#include "task/eval.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

nlp_status nlp__eval_progress(const nlp_eval_options *o, size_t done, size_t total)
{
    if (o->progress && o->progress(done, total, o->progress_data) != 0)
        return nlp__fail(NLP_ERR_CANCELLED, "evaluation cancelled by the progress callback "
                         "after %zu of %zu examples", done, total);
    return NLP_OK;
}

/* Gold tags as the trainer and nlp_conll_read read them: IOB1 is rewritten
 * as IOB2 (a no-op on an IOB2 file), so an IOB1 file scores as its IOB2
 * version and the trainer's evaluation of the same file agrees. When the
 * caller names another scheme for seqeval, the tags are kept as written. */
static nlp_status read_data(const char *path, const nlp_eval_options *o, nlp__ner_data **out)
{
    nlp__ner_read_options io = nlp__ner_read_options_default();
    io.convert_iob1 = !o->seqeval || o->seqeval->scheme == NLP_SCHEME_IOB2;
    nlp_data_format format;
    nlp_status st = nlp__data_format_detect(path, &format);
    if (st != NLP_OK)
        return st;
    if (format == NLP_DATA_CSV)
        return nlp__fail(NLP_ERR_FORMAT, "%s: looks like CSV; NER data is CoNLL columns or "
                         "conll2003 JSON Lines", path);
    if (format == NLP_DATA_CONLL)
        return nlp__conll_read(path, &io, out);
    io.labels = nlp__conll2003_labels;
    io.label_count = sizeof nlp__conll2003_labels / sizeof nlp__conll2003_labels[0];
    io.tokens_field = o->text_column;
    io.tags_field = o->label_column;
    return nlp__ner_jsonl_read(path, &io, out);
}

/* The entity type of a tag: what follows a one-letter prefix ("B-PER"),
 * else the whole tag; NULL for O. */
static const char *tag_type(const char *tag)
{
    if (strcmp(tag, "O") == 0)
        return NULL;
    return tag[0] && tag[1] == '-' ? tag + 2 : tag;
}

static bool model_has_type(const nlp__ner_labels *labels, const char *type)
{
    for (size_t i = 0; i < labels->count; i++)
        if (labels->types[i] && strcmp(labels->types[i], type) == 0)
            return true;
    return false;
}

/* A gold entity type the model cannot predict is a wrong data file or a
 * wrong model (another tag set), not a score of 0: refuse it, naming the
 * first token that carries it. */
static nlp_status check_gold_types(const nlp__ner_labels *labels, const nlp__ner_data *d,
                                   size_t n)
{
    for (size_t s = 0; s < n; s++)
        for (size_t w = 0; w < d->lengths[s]; w++) {
            const char *tag = d->tags[d->starts[s] + w], *type = tag_type(tag);
            if (!type || model_has_type(labels, type))
                continue;
            char known[512] = "";
            for (size_t i = 0, used = 0; i < labels->count && used < sizeof known; i++)
                if (labels->kinds[i] == NLP__TAG_B)
                    used += (size_t)snprintf(known + used, sizeof known - used, "%s%s",
                                             used ? ", " : "", labels->types[i]);
            /* CoNLL has a token per line; JSON Lines a sentence. */
            long line = d->lines[s] + (d->text ? (long)w : 0);
            return nlp__fail_at(NLP_ERR_FORMAT, d->path, line, "tag \"%s\" names entity "
                                "type %s, which the model does not have (its types: %s)",
                                tag, type, known);
        }
    return NLP_OK;
}

/* Predicted tag names for sentences [0, n), o->batch_size at a time. */
static nlp_status tag_all(const nlp__ner_pipeline *p, const nlp__ner_data *d, size_t n,
                          const nlp_eval_options *o, size_t *word_lens, int32_t *ids,
                          const char **pred)
{
    size_t batch = o->batch_size ? o->batch_size : 32;
    nlp_status st = NLP_OK;
    for (size_t s = 0; s < n && st == NLP_OK; s++) {
        size_t k = d->starts[s], len = d->lengths[s];
        for (size_t w = 0; w < len; w++)
            word_lens[k + w] = strlen(d->words[k + w]);
        st = nlp__ner_pipeline_tag(p, d->words + k, word_lens + k, len, ids + k);
        for (size_t w = 0; st == NLP_OK && w < len; w++)
            pred[k + w] = p->labels->names[ids[k + w]];
        if (st != NLP_OK)
            st = nlp__wrap(st, "%s:%ld", d->path, d->lines[s]);
        else if ((s + 1) % batch == 0 || s + 1 == n)
            st = nlp__eval_progress(o, s + 1, n);
    }
    return st;
}

nlp_status nlp__ner_evaluate(const nlp__ner_pipeline *pipeline, const char *data_path,
                             const nlp_eval_options *o, nlp_seqeval_report **out)
{
    nlp__ner_data *d = NULL;
    nlp_status st = read_data(data_path, o, &d);
    size_t n = st == NLP_OK ? d->sentence_count : 0;
    n = o->max_examples && o->max_examples < n ? o->max_examples : n;
    if (st == NLP_OK && n == 0)
        st = nlp__fail(NLP_ERR_FORMAT, "%s: no sentences", data_path);
    if (st == NLP_OK)
        st = check_gold_types(pipeline->labels, d, n);
    size_t tokens = n ? d->starts[n - 1] + d->lengths[n - 1] : 0;
    size_t *word_lens = st == NLP_OK ? nlp__malloc(tokens * sizeof *word_lens) : NULL;
    int32_t *ids = st == NLP_OK ? nlp__malloc(tokens * sizeof *ids) : NULL;
    const char **pred = st == NLP_OK ? nlp__malloc(tokens * sizeof *pred) : NULL;
    if (st == NLP_OK && (!word_lens || !ids || !pred))
        st = NLP_ERR_NOMEM;
    if (st == NLP_OK)
        st = tag_all(pipeline, d, n, o, word_lens, ids, pred);
    if (st == NLP_OK)
        st = nlp__seqeval_evaluate(d->tags, pred, d->lengths, n, o->seqeval, out);
    free(word_lens);
    free(ids);
    free(pred);
    nlp__ner_data_free(d);
    return st;
}
