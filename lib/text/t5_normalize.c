/* t5_normalize.c - HF's Precompiled normalizer: sentencepiece's charsmap
 * (a darts-clone double array of byte keys -> replacement strings) applied
 * grapheme by grapheme, with HF's alignment bookkeeping so every normalized
 * byte knows the span of original text it came from.
 *
 * Two HF rules are reproduced on purpose (they differ from sentencepiece):
 *  - a grapheme cluster shorter than 6 bytes is looked up whole, and the
 *    SHORTEST entry that prefixes it replaces the whole cluster
 *    ("u\u0308\u0301" -> "ü": the acute is lost);
 *  - alignments follow NormalizedString::transform's (char, change) list,
 *    including its quirks when a removal has no previous char. */
#include "text/t5_internal.h"

#include <stdlib.h>
#include <string.h>

/* ---- the darts-clone array ------------------------------------------------ */

static bool unit_has_leaf(uint32_t u) { return (u >> 8) & 1; }
static uint32_t unit_value(uint32_t u) { return u & 0x7FFFFFFFu; }
static uint32_t unit_label(uint32_t u) { return u & (0x80000000u | 0xFFu); }
static uint32_t unit_offset(uint32_t u) { return (u >> 10) << ((u & (1u << 9)) >> 6); }

static uint32_t read_le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Value of the shortest key that prefixes key[0..len), or -1. */
static int64_t shortest_prefix(const nlp__t5_charsmap *m, const unsigned char *key, size_t len)
{
    if (m->n_units == 0)
        return -1;
    size_t node = unit_offset(m->units[0]);
    for (size_t i = 0; i < len && key[i] != 0; i++) {
        node ^= key[i];
        if (node >= m->n_units)
            return -1;
        uint32_t unit = m->units[node];
        if (unit_label(unit) != key[i])
            return -1;
        node ^= unit_offset(unit);
        if (unit_has_leaf(unit))
            return node < m->n_units ? (int64_t)unit_value(m->units[node]) : -1;
    }
    return -1;
}

bool nlp__t5_charsmap_lookup(const nlp__t5_charsmap *m, const char *key, size_t len,
                             const char **rep, size_t *rep_len)
{
    int64_t at = shortest_prefix(m, (const unsigned char *)key, len);
    /* An index past the strings or inside a character would make HF panic;
     * here it counts as "no entry". */
    if (at < 0 || (size_t)at > m->normalized_len ||
        ((size_t)at < m->normalized_len && ((unsigned char)m->normalized[at] & 0xC0) == 0x80))
        return false;
    const char *s = m->normalized + at;
    const char *nul = memchr(s, 0, m->normalized_len - (size_t)at);
    *rep = s;
    *rep_len = nul ? (size_t)(nul - s) : m->normalized_len - (size_t)at;
    return true;
}

nlp_status nlp__t5_charsmap_init(nlp__t5_charsmap *m, const unsigned char *blob, size_t len)
{
    memset(m, 0, sizeof *m);
    if (len == 0)
        return NLP_OK;
    if (len < 4)
        return nlp__fail(NLP_ERR_FORMAT, "precompiled_charsmap: %zu bytes, too short", len);
    size_t trie_bytes = read_le32(blob);
    size_t n_units = trie_bytes / 4;
    if (n_units * 4 > len - 4)
        return nlp__fail(NLP_ERR_FORMAT,
                         "precompiled_charsmap: trie of %zu bytes in a blob of %zu",
                         trie_bytes, len);
    size_t norm_len = len - 4 - n_units * 4;
    /* HF reads whole u32 units only; the strings start after them. */
    const unsigned char *norm = blob + 4 + n_units * 4;
    for (size_t i = 0, start = 0; i <= norm_len; i++) {
        if (i == norm_len || norm[i] == 0) {
            if (nlp__utf8_check((const char *)norm + start, i - start) != NLP_OK)
                return nlp__wrap(NLP_ERR_FORMAT, "precompiled_charsmap strings");
            start = i + 1;
        }
    }
    m->units = nlp__malloc((n_units ? n_units : 1) * sizeof *m->units);
    m->normalized = nlp__malloc(norm_len + 1);
    if (!m->units || !m->normalized) {
        nlp__t5_charsmap_free(m);
        return NLP_ERR_NOMEM;
    }
    for (size_t i = 0; i < n_units; i++)
        m->units[i] = read_le32(blob + 4 + 4 * i);
    m->n_units = n_units;
    memcpy(m->normalized, norm, norm_len);
    m->normalized[norm_len] = 0;
    m->normalized_len = norm_len;
    for (int c = 1; c < 128; c++) {
        char k = (char)c;
        m->ascii_entry[c] = shortest_prefix(m, (const unsigned char *)&k, 1) >= 0;
    }
    return NLP_OK;
}

void nlp__t5_charsmap_free(nlp__t5_charsmap *m)
{
    free(m->units);
    free(m->normalized);
    memset(m, 0, sizeof *m);
}

/* ---- normalization with alignments --------------------------------------- */

void nlp__t5_norm_free(nlp__t5_norm *n)
{
    free(n->text);
    free(n->start);
    free(n->end);
    free(n->tr_byte);
    free(n->tr_change);
    memset(n, 0, sizeof *n);
}

static nlp_status reserve_text(nlp__t5_norm *n, size_t need)
{
    if (need <= n->cap)
        return NLP_OK;
    size_t cap = n->cap ? n->cap : 256;
    while (cap < need)
        cap *= 2;
    void **arrays[] = {(void **)&n->text, (void **)&n->start, (void **)&n->end};
    const size_t sizes[] = {1, sizeof *n->start, sizeof *n->end};
    if (nlp__t5_resize(cap, 3, arrays, sizes) != NLP_OK)
        return NLP_ERR_NOMEM;
    n->cap = cap;
    return NLP_OK;
}

static nlp_status reserve_tr(nlp__t5_norm *n, size_t need)
{
    if (need <= n->tr_cap)
        return NLP_OK;
    size_t cap = n->tr_cap ? n->tr_cap * 2 : 256;
    while (cap < need)
        cap *= 2;
    void **arrays[] = {(void **)&n->tr_byte, (void **)&n->tr_change};
    const size_t sizes[] = {sizeof *n->tr_byte, sizeof *n->tr_change};
    if (nlp__t5_resize(cap, 2, arrays, sizes) != NLP_OK)
        return NLP_ERR_NOMEM;
    n->tr_cap = cap;
    return NLP_OK;
}

/* Append the chars of s[0..len) as transformations with change 0. */
static nlp_status push_chars(nlp__t5_norm *n, const char *s, size_t len, size_t *count)
{
    nlp_status st = reserve_text(n, n->len + len);
    if (st == NLP_OK)
        st = reserve_tr(n, n->n_tr + len);
    if (st != NLP_OK)
        return st;
    size_t k = 0;
    for (size_t i = 0; i < len; i += nlp__t5_u8len((unsigned char)s[i]), k++) {
        n->tr_byte[n->n_tr] = (uint32_t)(n->len + i);
        n->tr_change[n->n_tr++] = 0;
    }
    memcpy(n->text + n->len, s, len);
    n->len += len;
    *count = k;
    return NLP_OK;
}

static size_t count_chars(const char *s, size_t len)
{
    size_t k = 0;
    for (size_t i = 0; i < len; i++)
        k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

/* HF's replace(): old_chars original chars become rep; extra new chars are
 * marked as added (+1), a shrink is charged to the last transformation. */
static nlp_status replace(nlp__t5_norm *n, size_t old_chars, const char *rep, size_t rep_len)
{
    size_t new_chars;
    nlp_status st = push_chars(n, rep, rep_len, &new_chars);
    if (st != NLP_OK)
        return st;
    if (new_chars > old_chars) {
        for (size_t k = 0; k < new_chars - old_chars; k++)
            n->tr_change[n->n_tr - 1 - k] = 1;
    } else if (new_chars < old_chars && n->n_tr > 0) {
        n->tr_change[n->n_tr - 1] -= (int32_t)(old_chars - new_chars);
    }
    return NLP_OK;
}

/* Per grapheme: whole-cluster lookup when short, else char by char. */
static nlp_status transform_grapheme(const nlp__t5_charsmap *m, const char *g, size_t glen,
                                     nlp__t5_norm *n, bool *modified)
{
    const char *rep;
    size_t rep_len, k;
    if (glen < 6 && nlp__t5_charsmap_lookup(m, g, glen, &rep, &rep_len)) {
        *modified = true;
        return replace(n, count_chars(g, glen), rep, rep_len);
    }
    for (size_t i = 0; i < glen;) {
        size_t cl = nlp__t5_u8len((unsigned char)g[i]);
        nlp_status st;
        if (nlp__t5_charsmap_lookup(m, g + i, cl, &rep, &rep_len)) {
            *modified = true;
            st = replace(n, 1, rep, rep_len);
        } else {
            st = push_chars(n, g + i, cl, &k);
        }
        if (st != NLP_OK)
            return st;
        i += cl;
    }
    return NLP_OK;
}

/* Span of the original char that holds byte p of seg. */
static void char_span(const char *seg, size_t len, size_t p, int64_t *s, int64_t *e)
{
    if (p >= len) {
        *s = *e = (int64_t)len;
        return;
    }
    while (p > 0 && ((unsigned char)seg[p] & 0xC0) == 0x80)
        p--;
    *s = (int64_t)p;
    *e = (int64_t)(p + nlp__t5_u8len((unsigned char)seg[p]));
}

static size_t next_char(const char *seg, size_t len, size_t off)
{
    return off < len ? off + nlp__t5_u8len((unsigned char)seg[off]) : off;
}

/* NormalizedString::transform_range over the whole segment: walk the
 * original chars with a cursor, as HF does, to give each new char the span
 * of the char it replaces (or, when added, of the one before). */
static void align(const char *seg, size_t len, int64_t base, nlp__t5_norm *n)
{
    size_t off = 0;
    for (size_t k = 0; k < n->n_tr; k++) {
        int32_t change = n->tr_change[k];
        int64_t s, e;
        if (change > 0) {
            if (off == 0)
                s = e = 0;
            else
                char_span(seg, len, off - 1, &s, &e);
        } else {
            char_span(seg, len, off, &s, &e);
            off = next_char(seg, len, off);
            for (int32_t r = change; r < 0; r++)
                off = next_char(seg, len, off);
        }
        size_t from = n->tr_byte[k], to = k + 1 < n->n_tr ? n->tr_byte[k + 1] : n->len;
        for (size_t b = from; b < to; b++) {
            n->start[b] = base + s;
            n->end[b] = base + e;
        }
    }
}

static void align_identity(const char *seg, size_t len, int64_t base, nlp__t5_norm *n)
{
    for (size_t i = 0; i < len;) {
        size_t cl = nlp__t5_u8len((unsigned char)seg[i]);
        for (size_t b = i; b < i + cl && b < len; b++) {
            n->start[b] = base + (int64_t)i;
            n->end[b] = base + (int64_t)(i + cl);
        }
        i += cl;
    }
}

nlp_status nlp__t5_normalize(const nlp__t5_charsmap *m, const char *seg, size_t len,
                             int64_t base, nlp__t5_norm *out)
{
    out->len = 0;
    out->n_tr = 0;
    nlp_status st = reserve_text(out, len + 1);
    if (st != NLP_OK)
        return st;
    bool modified = false;
    size_t k;
    for (size_t pos = 0; pos < len && st == NLP_OK;) {
        unsigned char c = (unsigned char)seg[pos];
        size_t end = nlp__t5_grapheme_end(seg, len, pos);
        if (end == pos + 1 && c < 0x80 && !m->ascii_entry[c])
            st = push_chars(out, seg + pos, 1, &k);
        else
            st = transform_grapheme(m, seg + pos, end - pos, out, &modified);
        pos = end;
    }
    if (st != NLP_OK)
        return st;
    if (modified) {
        align(seg, len, base, out);
    } else {
        align_identity(seg, len, base, out);
    }
    return NLP_OK;
}
