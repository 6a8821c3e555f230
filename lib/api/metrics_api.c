/* metrics_api.c - the exported metrics functions: argument checks around
 * lib/metrics. */
#include "metrics/classification.h"
#include "metrics/seqeval.h"

#include <string.h>
#include <strings.h>

nlp_status nlp_tag_scheme_parse(const char *name, nlp_tag_scheme *out)
{
    static const struct {
        const char *name;
        nlp_tag_scheme scheme;
    } known[] = {{"IOB2", NLP_SCHEME_IOB2}, {"IOB1", NLP_SCHEME_IOB1},
                 {"IOE1", NLP_SCHEME_IOE1}, {"IOE2", NLP_SCHEME_IOE2},
                 {"IOBES", NLP_SCHEME_IOBES}};
    nlp_status st = NLP__CHECK_ARGS("nlp_tag_scheme_parse", NLP__ARG(name), NLP__ARG(out));
    if (st != NLP_OK)
        return st;
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcasecmp(name, known[i].name) == 0) {
            *out = known[i].scheme;
            return NLP_OK;
        }
    return nlp__fail(NLP_ERR_INVALID_ARG,
                     "unknown tag scheme \"%s\" (IOB1, IOB2, IOE1, IOE2, IOBES)", name);
}

nlp_status nlp_seqeval_options_init(nlp_seqeval_options *options, size_t size)
{
    nlp_seqeval_options d = nlp__seqeval_defaults();
    return nlp__options_init(options, size, &d, sizeof d, "nlp_seqeval_options");
}

nlp_status nlp_seqeval_evaluate(const char *const *gold, const char *const *pred,
                                const size_t *lengths, size_t n_sentences,
                                const nlp_seqeval_options *options, nlp_seqeval_report **out)
{
    nlp_status st = NLP__CHECK_ARGS("nlp_seqeval_evaluate", NLP__ARG(out));
    if (st == NLP_OK && n_sentences)
        st = NLP__CHECK_ARGS("nlp_seqeval_evaluate", NLP__ARG(lengths));
    size_t tokens = 0;
    for (size_t i = 0; st == NLP_OK && i < n_sentences; i++)
        tokens += lengths[i];
    if (st == NLP_OK && tokens)
        st = NLP__CHECK_ARGS("nlp_seqeval_evaluate", NLP__ARG(gold), NLP__ARG(pred));
    if (st != NLP_OK)
        return st;
    nlp_seqeval_options o = nlp__seqeval_defaults();
    st = nlp__options_read(&o, sizeof o, options, "nlp_seqeval_options");
    if (st != NLP_OK)
        return st;
    return nlp__seqeval_evaluate(gold, pred, lengths, n_sentences, &o, out);
}

void nlp_seqeval_report_free(nlp_seqeval_report *report)
{
    nlp__seqeval_report_free(report);
}

size_t nlp_seqeval_type_count(const nlp_seqeval_report *report)
{
    return report ? report->type_count : 0;
}

const nlp_entity_score *nlp_seqeval_type(const nlp_seqeval_report *report, size_t i)
{
    return report && i < report->type_count ? &report->types[i] : NULL;
}

const nlp_entity_score *nlp_seqeval_average(const nlp_seqeval_report *report, nlp_average kind)
{
    if (!report || (int)kind < NLP_AVERAGE_MICRO || kind > NLP_AVERAGE_WEIGHTED)
        return NULL;
    return &report->avg[kind];
}

double nlp_seqeval_accuracy(const nlp_seqeval_report *report)
{
    return report ? report->accuracy : 0.0;
}

nlp_status nlp_seqeval_report_json(const nlp_seqeval_report *report, char **json)
{
    nlp_status st = NLP__CHECK_ARGS("nlp_seqeval_report_json", NLP__ARG(report), NLP__ARG(json));
    return st == NLP_OK ? nlp__seqeval_report_json(report, json) : st;
}

nlp_status nlp_seqeval_report_text(const nlp_seqeval_report *report, int digits, char **text)
{
    nlp_status st = NLP__CHECK_ARGS("nlp_seqeval_report_text", NLP__ARG(report), NLP__ARG(text));
    return st == NLP_OK ? nlp__seqeval_report_text(report, digits, text) : st;
}

nlp_status nlp_classification_evaluate(const int *labels, const int *predictions,
                                       const double *scores, size_t n,
                                       nlp_classification_metrics *out)
{
    nlp_status checked = NLP__CHECK_ARGS("nlp_classification_evaluate", NLP__ARG(labels),
                                         NLP__ARG(predictions), NLP__ARG(out));
    if (checked != NLP_OK)
        return checked;
    /* Check out->size before the work; out is written only on success. */
    nlp_classification_metrics m = {.size = sizeof m};
    nlp_classification_metrics probe = {.size = out ? out->size : 0};
    nlp_status st = nlp__classification_copy(&m, out ? &probe : NULL);
    if (st == NLP_OK)
        st = nlp__classification_evaluate(labels, predictions, scores, n, &m);
    return st == NLP_OK ? nlp__classification_copy(&m, out) : st;
}

nlp_status nlp_average_precision(const int *labels, const double *scores, size_t n, double *out)
{
    nlp_status st = NLP__CHECK_ARGS("nlp_average_precision", NLP__ARG(labels), NLP__ARG(scores),
                                    NLP__ARG(out));
    return st == NLP_OK ? nlp__average_precision(labels, scores, n, out) : st;
}

nlp_status nlp_classification_metrics_json(const nlp_classification_metrics *metrics,
                                           char **json)
{
    nlp_status st = NLP__CHECK_ARGS("nlp_classification_metrics_json", NLP__ARG(metrics),
                                    NLP__ARG(json));
    return st == NLP_OK ? nlp__classification_json(metrics, json) : st;
}
