/* cmd_ner_eval.c - nlp ner eval --model DIR --data FILE [--json]: tag the
 * words of a CoNLL file with a model and score them against the file's
 * tags (seqeval default mode), as a table or as seqeval's
 * classification_report(output_dict=True) JSON. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: nlp ner eval --model DIR --data FILE [--json] [--digits N]\n"
    "\n"
    "Tag every sentence of the CoNLL file FILE with the model in DIR and score\n"
    "the predictions against the file's tags: per-type precision, recall, F1 and\n"
    "support, the micro/macro/weighted averages and token accuracy.\n"
    "  --json       seqeval's classification_report(output_dict=True) shape\n"
    "  --digits N   decimals in the table (default 4)\n";

int cli_ner_evaluate(const char *model_dir, const char *data, nlp_seqeval_report **out)
{
    nlp_ner_model *m = NULL;
    nlp_conll *c = NULL;
    nlp_status st = nlp_ner_load(model_dir, NULL, &m);
    if (st == NLP_OK)
        st = nlp_conll_read(data, NULL, &c);
    size_t n = st == NLP_OK ? nlp_conll_token_count(c) : 0;
    const char **pred = calloc(n ? n : 1, sizeof *pred);
    size_t *lens = calloc(n ? n : 1, sizeof *lens);
    if (st == NLP_OK && (!pred || !lens))
        st = NLP_ERR_NOMEM;
    if (st == NLP_OK) {
        const char *const *words = nlp_conll_words(c);
        const size_t *sl = nlp_conll_lengths(c);
        for (size_t s = 0, k = 0; s < nlp_conll_sentence_count(c) && st == NLP_OK; k += sl[s], s++) {
            for (size_t w = 0; w < sl[s]; w++)
                lens[k + w] = strlen(words[k + w]);
            st = nlp_ner_tag_words(m, words + k, lens + k, sl[s], pred + k);
        }
    }
    if (st == NLP_OK)
        st = nlp_seqeval_evaluate(nlp_conll_tags(c), pred, nlp_conll_lengths(c),
                                  nlp_conll_sentence_count(c), NULL, out);
    free(pred);
    free(lens);
    nlp_conll_free(c);
    nlp_ner_free(m);
    return st == NLP_OK ? 0 : cli_fail_status(st, "ner eval");
}

int cli_ner_eval(int argc, char **argv)
{
    const char *model = NULL, *data = NULL;
    int json = 0, digits = 4;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(usage, stdout);
            return 0;
        } else if (strcmp(argv[i], "--model") == 0 && i + 1 < argc) {
            model = argv[++i];
        } else if (strcmp(argv[i], "--data") == 0 && i + 1 < argc) {
            data = argv[++i];
        } else if (strcmp(argv[i], "--json") == 0) {
            json = 1;
        } else if (strcmp(argv[i], "--digits") == 0 && i + 1 < argc) {
            digits = atoi(argv[++i]);
            if (digits < 0 || digits > 17)
                return cli_usage_error("ner eval: --digits wants 0..17");
        } else {
            return cli_usage_error("ner eval: unexpected argument '%s'\n%s", argv[i], usage);
        }
    }
    if (!model || !data)
        return cli_usage_error("ner eval: need --model and --data\n%s", usage);
    nlp_seqeval_report *r = NULL;
    int rc = cli_ner_evaluate(model, data, &r);
    if (rc)
        return rc;
    char *text = NULL;
    nlp_status st = json ? nlp_seqeval_report_json(r, &text)
                         : nlp_seqeval_report_text(r, digits, &text);
    if (st == NLP_OK && json)
        printf("%s\n", text);
    else if (st == NLP_OK)
        printf("%s\ntoken accuracy %.*f\n", text, digits, nlp_seqeval_accuracy(r));
    nlp_string_free(text);
    nlp_seqeval_report_free(r);
    return st == NLP_OK ? 0 : cli_fail_status(st, "ner eval");
}
