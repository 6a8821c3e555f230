/* ner_windows.c - windows over long token sequences. */
#include "task/ner_windows.h"

#include <stdlib.h>

/* True when a word starts at token i (a window edge may fall there). */
static bool word_starts(const int32_t *word_ids, size_t n, size_t i)
{
    return i == 0 || i >= n || word_ids[i] < 0 || word_ids[i] != word_ids[i - 1];
}

/* The largest word edge in (low, i]; i itself when there is none. */
static size_t snap_back(const int32_t *word_ids, size_t n, size_t low, size_t i)
{
    for (size_t j = i; j > low; j--)
        if (word_starts(word_ids, n, j))
            return j;
    return i;
}

nlp_status nlp__ner_windows(const int32_t *word_ids, size_t n, size_t max_tokens,
                            size_t stride, nlp__window **out, size_t *count)
{
    if (max_tokens == 0 || stride >= max_tokens)
        return nlp__fail(NLP_ERR_INVALID_ARG, "stride (%zu) must be smaller than the "
                         "tokens per window (%zu)", stride, max_tokens);
    size_t cap = 1 + (n > max_tokens ? n / (max_tokens - stride) + 2 : 0);
    nlp__window *w = nlp__malloc(cap * sizeof *w);
    if (!w)
        return NLP_ERR_NOMEM;
    size_t k = 0, start = 0;
    for (;;) {
        size_t end = start + max_tokens < n ? start + max_tokens : n;
        if (end < n)
            end = snap_back(word_ids, n, start, end);
        w[k++] = (nlp__window){start, end};
        if (end >= n)
            break;
        /* Overlap by at least stride tokens, starting at a word edge, and
         * always move forward. A window cut short at a word edge may hold
         * no more than stride tokens: end - stride would then fall before
         * start (or wrap below 0). */
        size_t back = end - start > stride ? end - stride : start;
        size_t next = snap_back(word_ids, n, start, back);
        if (next <= start)
            next = start + 1;
        start = next;
        if (k == cap) {
            nlp__window *grown = nlp__realloc(w, 2 * cap * sizeof *w);
            if (!grown) {
                free(w);
                return NLP_ERR_NOMEM;
            }
            w = grown;
            cap *= 2;
        }
    }
    *out = w;
    *count = k;
    return NLP_OK;
}

/* Context a window leaves around tokens [a, b): the smaller side. */
static size_t margin(const nlp__window *w, size_t a, size_t b)
{
    size_t left = a - w->start, right = w->end - b;
    return left < right ? left : right;
}

/* The first window ending at or after b. Window ends never decrease (each
 * window starts later and snaps back to a word edge), so this is a binary
 * search: owners of a long text's tokens cost O(log windows) each, not a
 * scan of every earlier window. */
static size_t first_ending_after(const nlp__window *windows, size_t count, size_t b)
{
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (windows[mid].end < b)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The best window holding [a, b) whole; count when none does. */
static size_t best_window(const nlp__window *windows, size_t count, size_t a, size_t b)
{
    size_t best = count, best_margin = 0;
    for (size_t i = first_ending_after(windows, count, b); i < count; i++) {
        const nlp__window *w = &windows[i];
        if (w->start > a)
            break; /* windows are in order of start */
        if (w->end < b)
            continue;
        size_t m = margin(w, a, b);
        if (best == count || m > best_margin) {
            best = i;
            best_margin = m;
        }
    }
    return best;
}

void nlp__ner_window_owners(const int32_t *word_ids, size_t n, const nlp__window *windows,
                            size_t count, size_t *owner)
{
    for (size_t a = 0; a < n;) {
        size_t b = a + 1;
        while (b < n && !word_starts(word_ids, n, b))
            b++;
        size_t w = best_window(windows, count, a, b);
        for (size_t t = a; t < b; t++)
            owner[t] = w < count ? w : best_window(windows, count, t, t + 1);
        a = b;
    }
}
