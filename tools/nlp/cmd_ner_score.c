/* cmd_ner_score.c - nlp ner score GOLD PRED: conlleval-style scoring of two
 * tag files (CoNLL columns, the tag in the last column, a blank line
 * between sentences), as seqeval's classification_report computes it. */
#include "cli.h"
#include "cli_input.h"

#include <stdlib.h>
#include <string.h>

typedef struct score_args {
    const char *gold, *pred, *scheme;
    nlp_seqeval_options opts;
    int strict, json, format, pretty, digits;
} score_args;

static const char *const formats[] = {"table", "json", NULL};

static const cli_option options[] = {
    {.name = "--strict", .kind = CLI_FLAG, .offset = offsetof(score_args, strict),
     .help = "count an entity only when its tags follow the scheme (seqeval mode=\"strict\"); "
             "default: conlleval rules"},
    {.name = "--scheme", .value = "S", .kind = CLI_STRING, .offset = offsetof(score_args, scheme),
     .help = "the scheme for --strict: IOB2 (default), IOB1, IOE1, IOE2 or IOBES"},
    {.name = "--format", .value = "F", .kind = CLI_CHOICE, .offset = offsetof(score_args, format),
     .choices = formats,
     .help = "a table, or seqeval's classification_report(output_dict=True) plus accuracy"},
    {.name = "--json", .kind = CLI_FLAG, .offset = offsetof(score_args, json),
     .help = "same as --format json"},
    {.name = "--pretty", .kind = CLI_FLAG, .offset = offsetof(score_args, pretty),
     .help = "indent the JSON"},
    {.name = "--digits", .value = "N", .kind = CLI_INT, .offset = offsetof(score_args, digits),
     .help = "decimals in the table (4)", .max = 17},
};

const cli_spec cli_ner_score_spec = {
    .name = "ner score",
    .summary = "score predicted tags against gold tags (conlleval / seqeval)",
    .synopsis = "GOLD PRED [--strict] [--scheme S] [--format table|json] [--digits N]",
    .description =
        "Score the tags in PRED against those in GOLD. Both are CoNLL column files\n"
        "with the tag in the last column and a blank line between sentences; they\n"
        "must have the same sentences and words.",
    .options = options,
    .option_count = CLI_COUNT(options),
    .operands = "GOLD PRED",
    .max_operands = 2,
};

static int parse_args(int argc, char **argv, score_args *a)
{
    a->opts = nlp_seqeval_options_default();
    a->digits = 4;
    cli_operands ops;
    int rc = cli_parse(&cli_ner_score_spec, argc, argv, a, &ops);
    if (rc)
        return rc;
    if (ops.count < 2)
        return cli_usage_error("ner score: missing %s (give GOLD and PRED files)",
                               ops.count ? "PRED" : "GOLD and PRED");
    a->gold = ops.items[0];
    a->pred = ops.items[1];
    a->json |= a->format == 1;
    if (a->strict)
        a->opts.mode = NLP_SEQEVAL_STRICT;
    if (a->scheme && nlp_tag_scheme_parse(a->scheme, &a->opts.scheme) != NLP_OK)
        return cli_usage_error("ner score: --scheme: %s", nlp_last_error());
    return 0;
}

/* Same sentences, same lengths, same words: otherwise the files do not
 * describe the same text and scores would be meaningless. */
static int check_aligned(const score_args *a, const nlp_conll *g, const nlp_conll *p)
{
    size_t ng = nlp_conll_sentence_count(g), np = nlp_conll_sentence_count(p);
    if (ng != np) {
        fprintf(stderr, "nlp: ner score: %s has %zu sentences, %s has %zu\n", a->gold, ng,
                a->pred, np);
        return 1;
    }
    const size_t *lg = nlp_conll_lengths(g), *lp = nlp_conll_lengths(p);
    const char *const *wg = nlp_conll_words(g), *const *wp = nlp_conll_words(p);
    for (size_t s = 0, k = 0; s < ng; k += lg[s], s++) {
        if (lg[s] != lp[s]) {
            fprintf(stderr, "nlp: ner score: sentence %zu has %zu tokens in %s:%ld but %zu in "
                    "%s:%ld\n", s + 1, lg[s], a->gold, nlp_conll_sentence_line(g, s), lp[s],
                    a->pred, nlp_conll_sentence_line(p, s));
            return 1;
        }
        for (size_t t = 0; t < lg[s]; t++)
            if (strcmp(wg[k + t], wp[k + t]) != 0) {
                fprintf(stderr, "nlp: ner score: word %zu of sentence %zu is '%s' in %s:%ld "
                        "but '%s' in %s:%ld\n", t + 1, s + 1, wg[k + t], a->gold,
                        nlp_conll_sentence_line(g, s) + (long)t, wp[k + t], a->pred,
                        nlp_conll_sentence_line(p, s) + (long)t);
                return 1;
            }
    }
    return 0;
}

static int print_report(const score_args *a, const nlp_seqeval_report *r, size_t tokens)
{
    char *text = NULL;
    nlp_status st = a->json ? nlp_seqeval_report_json(r, &text)
                            : nlp_seqeval_report_text(r, a->digits, &text);
    if (st != NLP_OK)
        return cli_fail_status(st, "ner score");
    if (a->json) {
        json_t *v = json_loads(text, 0, NULL);
        if (v)
            cli_print_json(v, a->pretty, 17);
        else
            printf("%s\n", text);
        json_decref(v);
    } else {
        const char *names[] = {"IOB2", "IOB1", "IOE1", "IOE2", "IOBES"};
        printf("mode: %s%s\n\n%s\n", a->opts.mode == NLP_SEQEVAL_STRICT ? "strict " : "default",
               a->opts.mode == NLP_SEQEVAL_STRICT ? names[a->opts.scheme] : " (conlleval)",
               text);
        printf("token accuracy %.*f (%zu tokens)\n", a->digits, nlp_seqeval_accuracy(r), tokens);
    }
    nlp_string_free(text);
    return 0;
}

static int score(const score_args *a, const nlp_conll *g, const nlp_conll *p)
{
    int rc = check_aligned(a, g, p);
    if (rc)
        return rc;
    nlp_seqeval_report *r = NULL;
    nlp_status st = nlp_seqeval_evaluate(nlp_conll_tags(g), nlp_conll_tags(p),
                                         nlp_conll_lengths(g), nlp_conll_sentence_count(g),
                                         &a->opts, &r);
    if (st != NLP_OK)
        return cli_fail_status(st, "ner score");
    rc = print_report(a, r, nlp_conll_token_count(g));
    nlp_seqeval_report_free(r);
    return rc;
}

int cli_ner_score(int argc, char **argv)
{
    score_args a;
    memset(&a, 0, sizeof a);
    int rc = parse_args(argc, argv, &a);
    if (rc)
        return cli_parse_exit(rc);
    /* Tags as written: the scheme rules, not the reader, decide what an
     * ill-formed sequence means. */
    nlp_conll_options ro = nlp_conll_options_default();
    ro.convert_iob1 = 0;
    nlp_conll *g = NULL, *p = NULL;
    nlp_status st = nlp_conll_read(a.gold, &ro, &g);
    if (st == NLP_OK)
        st = nlp_conll_read(a.pred, &ro, &p);
    rc = st == NLP_OK ? score(&a, g, p) : cli_fail_status(st, "ner score");
    nlp_conll_free(g);
    nlp_conll_free(p);
    return rc;
}
