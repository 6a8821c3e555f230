/* T5 Unigram ties on runs of one punctuation character ("----...", a line
 * of 16 hyphens is common in chat prompts): several segmentations have the
 * same score, and the library must pick Hugging Face tokenizers' one.
 *
 * HF's rule (tokenizers/src/models/unigram/model.rs, encode_optimized):
 * start positions are visited left to right; at each, the trie's
 * common_prefix_search yields the vocabulary pieces starting there,
 * shortest first; a candidate replaces the best path ending at its end only
 * when its score is strictly greater. So among equal-score paths ending at
 * a position the one whose last piece starts earliest stays, and the answer
 * is read backwards from the end.
 *
 * The expected segmentation is not taken from the code under test: a brute
 * force below enumerates every segmentation of "▁" + run into vocabulary
 * pieces (scores read straight from spiece.model), keeps the best score and
 * breaks ties as the rule implies: compare the pieces' start positions from
 * the last piece backwards, the earlier start wins. All scores are float32
 * values in [-20, 0] summed in double, so every sum here is exact and the
 * order of additions cannot break a tie. */
#include "test_support.h"
#include "text/t5_internal.h"
#include "text/t5_tokenizer.h"

#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define META "\xE2\x96\x81"
#define MAX_RUN 40
#define MAX_CHARS (MAX_RUN + 1)
/* Segmentations enumerated per string at most: the brute force covers
 * every length whose count stays below this. */
#define BRUTE_LIMIT 3000000.0

/* A piece made of "▁"? followed by k copies of the character. */
typedef struct piece {
    int meta;     /* starts with "▁" */
    int run;      /* copies of the character */
    double score;
    const char *text;
} piece;

typedef struct pieces {
    piece p[64];
    size_t n;
} pieces;

/* Every vocabulary piece that can occur inside "▁" + c*k. */
static pieces run_pieces(const nlp__t5_model_data *d, char c)
{
    pieces ps = {.n = 0};
    for (size_t i = 0; i < d->n_pieces; i++) {
        const char *s = d->pieces[i];
        int meta = strncmp(s, META, 3) == 0;
        const char *r = s + (meta ? 3 : 0);
        size_t k = strlen(r);
        if (k > MAX_RUN || (k == 0 && !meta) || strspn(r, (char[]){c, 0}) != k)
            continue;
        cr_assert_lt(ps.n, 64);
        ps.p[ps.n++] = (piece){meta, (int)k, d->scores[i], s};
    }
    return ps;
}

/* One segmentation: the start character of each piece and the piece. */
typedef struct seg {
    int start[MAX_CHARS];
    const piece *piece[MAX_CHARS];
    int n;
    double score;
} seg;

/* b beats a: higher score, or the same score and, comparing starts from
 * the last piece backwards, the first difference has b earlier. */
static int better(const seg *b, const seg *a)
{
    if (a->n == 0 || b->score > a->score)
        return 1;
    if (b->score < a->score)
        return 0;
    for (int i = b->n - 1, j = a->n - 1; i >= 0 && j >= 0; i--, j--)
        if (b->start[i] != a->start[j])
            return b->start[i] < a->start[j];
    return 0;
}

/* Character 0 is "▁", characters 1..len the run. */
static void enumerate(const pieces *ps, int len, int at, seg *cur, seg *best)
{
    if (at == len + 1) {
        if (better(cur, best))
            *best = *cur;
        return;
    }
    for (size_t i = 0; i < ps->n; i++) {
        const piece *p = &ps->p[i];
        if (p->meta != (at == 0))
            continue;
        int end = at + p->meta + p->run;
        if (end > len + 1 || end == at)
            continue;
        cur->start[cur->n] = at;
        cur->piece[cur->n] = p;
        cur->n++;
        double before = cur->score;
        cur->score = before + p->score;
        enumerate(ps, len, end, cur, best);
        cur->score = before;
        cur->n--;
    }
}

/* How many segmentations "▁" + len characters has, to bound the search. */
static double count_segmentations(const pieces *ps, int len)
{
    double ways[MAX_CHARS + 1] = {0};
    ways[0] = 1;
    for (int at = 0; at <= len; at++)
        for (size_t i = 0; i < ps->n; i++) {
            const piece *p = &ps->p[i];
            int end = at + p->meta + p->run;
            if (p->meta == (at == 0) && end > at && end <= len + 1)
                ways[end] += ways[at];
        }
    return ways[len + 1];
}

static void check_run(const nlp__t5_tokenizer *tok, const pieces *ps, char c, int len)
{
    seg cur = {.n = 0}, best = {.n = 0};
    enumerate(ps, len, 0, &cur, &best);
    cr_assert_gt(best.n, 0, "'%c' x %d: every character is a piece", c, len);

    char text[MAX_RUN + 1];
    memset(text, c, (size_t)len);
    nlp__encoding *enc = nlp__encoding_new();
    cr_assert_not_null(enc);
    cr_assert_eq(nlp__t5_encode(tok, text, (size_t)len, false, enc), NLP_OK, "%s",
                 nlp_last_error());
    char want[1024] = "", got[1024] = "";
    for (int i = 0; i < best.n; i++)
        snprintf(want + strlen(want), sizeof want - strlen(want), "%s%s", i ? " " : "",
                 best.piece[i]->text);
    for (size_t i = 0; i < enc->count; i++)
        snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s", i ? " " : "",
                 enc->tokens[i]);
    cr_expect_str_eq(got, want, "'%c' x %d", c, len);
    nlp__encoding_free(enc);
}

Test(t5_ties, runs_of_punctuation_follow_hf_tie_rule, .timeout = 120)
{
    const char *model = shared_path("data/t5-small/spiece.model");
    nlp__t5_model_data d;
    cr_assert_eq(nlp__t5_read_spiece(model, &d), NLP_OK, "%s", nlp_last_error());
    nlp__t5_tokenizer *tok = NULL;
    cr_assert_eq(nlp__t5_tokenizer_load(model, NULL, &tok), NLP_OK, "%s", nlp_last_error());
    const char chars[] = "-=*.!";
    int checked = 0;
    for (const char *c = chars; *c; c++) {
        pieces ps = run_pieces(&d, *c);
        for (int len = 1; len <= MAX_RUN; len++) {
            if (count_segmentations(&ps, len) > BRUTE_LIMIT)
                break;
            check_run(tok, &ps, *c, len);
            checked++;
        }
    }
    /* '-' (pieces "-", "---", "▁--") is enumerable up to 40; each of the
     * others at least up to a dozen characters. */
    cr_expect_geq(checked, 40 + 4 * 12, "only %d runs were enumerable", checked);
    nlp__t5_tokenizer_free(tok);
    nlp__t5_model_data_clear(&d);
}

/* The case the rule decides, spelled out: "▁" + "----" is "▁", "-", "---"
 * (score s(▁)+s(-)+s(---)) and not the equal "▁", "---", "-": the last
 * piece starting earliest wins. */
Test(t5_ties, four_hyphens_keep_the_longer_last_piece)
{
    nlp__t5_tokenizer *tok = NULL;
    cr_assert_eq(nlp__t5_tokenizer_load(shared_path("data/t5-small/spiece.model"), NULL, &tok), NLP_OK);
    nlp__encoding *enc = nlp__encoding_new();
    cr_assert_eq(nlp__t5_encode(tok, "----", 4, false, enc), NLP_OK, "%s", nlp_last_error());
    cr_assert_eq(enc->count, 3);
    cr_expect_str_eq(enc->tokens[0], META);
    cr_expect_str_eq(enc->tokens[1], "-");
    cr_expect_str_eq(enc->tokens[2], "---");
    nlp__encoding_free(enc);
    nlp__t5_tokenizer_free(tok);
}
