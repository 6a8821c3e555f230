/* cmd_toxic_labels.c - one label-word syntax for every toxicity
 * subcommand: "--labels yes=toxic,no=ok" or its short form "--labels
 * yes,no" (toxic word first), and "--label WORD=VERDICT", repeatable. */
#include "cli.h"

#include <string.h>

/* "toxic" -> 1; "ok", "not", "safe" -> 0; else -1. */
static int verdict(const char *v)
{
    if (strcmp(v, "toxic") == 0)
        return 1;
    if (strcmp(v, "ok") == 0 || strcmp(v, "not") == 0 || strcmp(v, "safe") == 0)
        return 0;
    return -1;
}

int cli_toxic_labels_add(cli_toxic_labels *l, char *spec)
{
    int full = strchr(spec, '=') != NULL, k = 0;
    for (char *item = spec, *next; item; item = next, k++) {
        next = strchr(item, ',');
        if (next)
            *next++ = '\0';
        if (l->count == sizeof l->labels / sizeof *l->labels)
            return cli_usage_error("toxic: at most %zu label words",
                                   sizeof l->labels / sizeof *l->labels);
        char *eq = strrchr(item, '=');
        if (!*item || (full && (!eq || eq == item)))
            return cli_usage_error("toxic: --labels wants WORD=toxic,WORD=ok (or the short "
                                   "form TOXIC,OK such as yes,no), not '%s'", item);
        nlp_toxic_label *lab = &l->labels[l->count++];
        if (full) {
            *eq = '\0';
            if ((lab->is_toxic = verdict(eq + 1)) < 0)
                return cli_usage_error("toxic: label verdict '%s' of '%s' is not toxic or ok",
                                       eq + 1, item);
        } else {
            if (k > 1)
                return cli_usage_error("toxic: the short form --labels TOXIC,OK takes two "
                                       "words; use WORD=toxic,WORD=ok for more");
            lab->is_toxic = k == 0;
        }
        lab->word = item;
    }
    return 0;
}

int cli_toxic_labels_check(const cli_toxic_labels *l)
{
    int toxic = 0, ok = 0;
    for (size_t i = 0; i < l->count; i++) {
        toxic |= l->labels[i].is_toxic;
        ok |= !l->labels[i].is_toxic;
    }
    if (l->count && !(toxic && ok))
        return cli_usage_error("toxic: the label words need a toxic word and an ok word "
                               "(e.g. --labels yes=toxic,no=ok)");
    return 0;
}
