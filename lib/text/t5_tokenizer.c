/* t5_tokenizer.c - the T5 pipeline as Hugging Face tokenizers runs it:
 *
 *   raw text --(added tokens matched verbatim, leftmost-longest)--> segments
 *   segment  --(Precompiled charsmap, with alignments)--> normalized text
 *            --(WhitespaceSplit: Rust char::is_whitespace)--> words
 *            --(Metaspace: prepend "▁" unless present, split before "▁")--> splits
 *            --(Unigram Viterbi)--> pieces
 *   then "</s>" appended.
 *
 * Every split (an added token in the text, or a Metaspace piece of a word)
 * gets the next word id, which is what HF's Encoding::word_ids reports.
 * Offsets are byte spans of the caller's text, through the normalizer's
 * alignments; a lone "▁" piece spans the first character of its word, as in
 * HF. */
#include "text/t5_tokenizer.h"
#include "text/t5_internal.h"

#include <float.h>
#include <stdlib.h>
#include <string.h>

#define META "\xE2\x96\x81" /* U+2581, the Metaspace replacement */
#define META_LEN 3

struct nlp__t5_tokenizer {
    nlp__t5_model_data data;
    nlp__t5_charsmap charsmap;
    nlp__t5_unigram uni;
    nlp__t5_trie added_trie;   /* added token content -> index in data.added */
    uint8_t added_first[256];  /* bytes an added token can start with */
    const char **id_str;       /* id -> token string, added tokens first (HF) */
    uint8_t *id_special;       /* decode(skip_special) drops these */
    size_t vocab_size;
    int32_t eos_id;
};

typedef struct scratch {
    nlp__t5_norm norm;
    nlp__t5_lattice lattice;
    char *word;
    size_t word_cap;
    int32_t word_id;
} scratch;

/* ---- loading -------------------------------------------------------------- */

static nlp_status build_piece_trie(nlp__t5_tokenizer *tok)
{
    const nlp__t5_model_data *d = &tok->data;
    size_t *lens = nlp__malloc(d->n_pieces * sizeof *lens);
    int32_t *ids = nlp__malloc(d->n_pieces * sizeof *ids);
    nlp_status st = lens && ids ? NLP_OK : NLP_ERR_NOMEM;
    double min_score = d->scores[0];
    for (size_t i = 0; st == NLP_OK && i < d->n_pieces; i++) {
        lens[i] = strlen(d->pieces[i]);
        ids[i] = (int32_t)i;
        if (d->scores[i] < min_score)
            min_score = d->scores[i];
    }
    if (st == NLP_OK)
        st = nlp__t5_trie_build(&tok->uni.trie, (const char *const *)d->pieces, lens, ids,
                                d->n_pieces);
    free(lens);
    free(ids);
    /* Scores read from spiece.model are floats: the walk reads them from
     * the trie cells when that loses nothing. */
    bool exact = st == NLP_OK;
    for (size_t c = 0; exact && c < tok->uni.trie.size; c++) {
        if (!nlp__t5_trie_has_value(&tok->uni.trie, (int32_t)c))
            continue;
        double v = d->scores[tok->uni.trie.values[c]];
        /* out of range or NaN: (float) would be undefined */
        exact = v >= -FLT_MAX && v <= FLT_MAX && (double)(float)v == v;
        tok->uni.trie.cells[c].score = exact ? (float)v : 0.0f;
    }
    tok->uni.float_scores = exact;
    tok->uni.scores = d->scores;
    tok->uni.n_pieces = d->n_pieces;
    tok->uni.unk_id = d->unk_id;
    tok->uni.unk_score = min_score - 10.0;
    return st;
}

static nlp_status build_added_trie(nlp__t5_tokenizer *tok)
{
    const nlp__t5_model_data *d = &tok->data;
    size_t n = d->n_added;
    const char **keys = nlp__malloc((n ? n : 1) * sizeof *keys);
    size_t *lens = nlp__malloc((n ? n : 1) * sizeof *lens);
    int32_t *idx = nlp__malloc((n ? n : 1) * sizeof *idx);
    nlp_status st = keys && lens && idx ? NLP_OK : NLP_ERR_NOMEM;
    for (size_t i = 0; st == NLP_OK && i < n; i++) {
        keys[i] = d->added[i].content;
        lens[i] = strlen(keys[i]);
        idx[i] = (int32_t)i;
        tok->added_first[(unsigned char)keys[i][0]] = 1;
    }
    if (st == NLP_OK)
        st = nlp__t5_trie_build(&tok->added_trie, keys, lens, idx, n);
    free(keys);
    free(lens);
    free(idx);
    return st;
}

/* id -> string and "is special", added tokens taking precedence as in HF's
 * decode (added_vocabulary.simple_id_to_token before model.id_to_token). */
static nlp_status build_id_tables(nlp__t5_tokenizer *tok)
{
    const nlp__t5_model_data *d = &tok->data;
    size_t size = d->n_pieces;
    for (size_t i = 0; i < d->n_added; i++)
        if ((size_t)d->added[i].id + 1 > size)
            size = (size_t)d->added[i].id + 1;
    tok->id_str = nlp__calloc(size, sizeof *tok->id_str);
    tok->id_special = nlp__calloc(size, 1);
    if (!tok->id_str || !tok->id_special)
        return NLP_ERR_NOMEM;
    for (size_t i = 0; i < d->n_pieces; i++)
        tok->id_str[i] = d->pieces[i];
    for (size_t i = 0; i < d->n_added; i++)
        tok->id_str[d->added[i].id] = d->added[i].content;
    /* HF skips by token string: any id whose string is a special token. */
    for (size_t id = 0; id < size; id++) {
        const char *s = tok->id_str[id];
        int32_t k = s ? nlp__t5_trie_find(&tok->added_trie, s, strlen(s)) : -1;
        tok->id_special[id] = k >= 0 && d->added[k].special;
    }
    tok->vocab_size = size;
    return NLP_OK;
}

static nlp_status build(nlp__t5_tokenizer *tok, const char *name)
{
    nlp_status st = nlp__t5_charsmap_init(&tok->charsmap, tok->data.charsmap,
                                          tok->data.charsmap_len);
    if (st != NLP_OK)
        return nlp__wrap(st, "%s", name);
    st = build_piece_trie(tok);
    if (st == NLP_OK)
        st = build_added_trie(tok);
    if (st == NLP_OK)
        st = build_id_tables(tok);
    if (st != NLP_OK)
        return st;
    tok->eos_id = nlp__t5_piece_to_id(tok, "</s>", 4);
    if (tok->eos_id < 0)
        return nlp__fail(NLP_ERR_FORMAT, "%s: no </s> token", name);
    return NLP_OK;
}

nlp_status nlp__t5_tokenizer_load(const char *spiece_model_path, const char *tokenizer_json_path,
                        nlp__t5_tokenizer **out)
{
    *out = NULL;
    if (!spiece_model_path && !tokenizer_json_path)
        return nlp__fail(NLP_ERR_INVALID_ARG, "T5 tokenizer: no spiece.model or tokenizer.json");
    nlp__t5_tokenizer *tok = nlp__calloc(1, sizeof *tok);
    if (!tok)
        return NLP_ERR_NOMEM;
    const char *name = spiece_model_path ? spiece_model_path : tokenizer_json_path;
    nlp_status st = spiece_model_path ? nlp__t5_read_spiece(name, &tok->data)
                                      : nlp__t5_read_tokenizer_json(name, &tok->data);
    if (st == NLP_OK)
        st = build(tok, name);
    if (st != NLP_OK) {
        nlp__t5_tokenizer_free(tok);
        return st;
    }
    *out = tok;
    return NLP_OK;
}

void nlp__t5_tokenizer_free(nlp__t5_tokenizer *tok)
{
    if (!tok)
        return;
    nlp__t5_trie_free(&tok->uni.trie);
    nlp__t5_trie_free(&tok->added_trie);
    nlp__t5_charsmap_free(&tok->charsmap);
    nlp__t5_model_data_clear(&tok->data);
    free(tok->id_str);
    free(tok->id_special);
    free(tok);
}

/* ---- lookups -------------------------------------------------------------- */

int32_t nlp__t5_piece_to_id(const nlp__t5_tokenizer *tok, const char *piece, size_t len)
{
    int32_t k = nlp__t5_trie_find(&tok->added_trie, piece, len);
    if (k >= 0)
        return tok->data.added[k].id;
    return nlp__t5_trie_find(&tok->uni.trie, piece, len);
}

const char *nlp__t5_id_to_piece(const nlp__t5_tokenizer *tok, int32_t id)
{
    return id >= 0 && (size_t)id < tok->vocab_size ? tok->id_str[id] : NULL;
}

size_t nlp__t5_tokenizer_vocab_size(const nlp__t5_tokenizer *tok)
{
    return tok->vocab_size;
}

/* ---- encoding ------------------------------------------------------------- */

static void scratch_free(scratch *sc)
{
    nlp__t5_norm_free(&sc->norm);
    nlp__t5_lattice_free(&sc->lattice);
    free(sc->word);
}

/* Push the pieces of one Metaspace split, sc->word[a..b). Byte j of
 * sc->word stands for normalized byte ws + j - prefix; the prepended "▁"
 * (j < prefix) stands for the word's first character, as in HF. */
static nlp_status push_split(const nlp__t5_tokenizer *tok, scratch *sc, size_t a, size_t b,
                             size_t ws, size_t prefix, nlp__encoding *enc)
{
    size_t n;
    nlp_status st = nlp__t5_viterbi(&tok->uni, sc->word + a, b - a, &sc->lattice, &n);
    int32_t word_id = sc->word_id++;
    for (size_t k = 0; k < n && st == NLP_OK; k++) {
        nlp__t5_piece_span sp = sc->lattice.spans[k];
        size_t s = a + sp.start, e = a + sp.end;
        const char *str = sc->word + s;
        int32_t id = sp.id;
        if (id == tok->uni.unk_id) { /* HF looks the fused text up again */
            int32_t found = nlp__t5_trie_find(&tok->uni.trie, str, e - s);
            id = found >= 0 ? found : id;
        }
        size_t ns = s < prefix ? ws : ws + s - prefix;
        size_t ne = e - 1 < prefix ? ws : ws + e - 1 - prefix;
        int64_t bs = sc->norm.start[ns], be = sc->norm.end[ne];
        st = nlp__encoding_push(enc, id, str, e - s, bs, be < bs ? bs : be, word_id, false);
    }
    return st;
}

/* One whitespace-free word of the normalized text, norm[ws..we). */
static nlp_status encode_word(const nlp__t5_tokenizer *tok, scratch *sc, size_t ws,
                              size_t we, nlp__encoding *enc)
{
    const char *t = sc->norm.text + ws;
    size_t len = we - ws;
    size_t prefix = len >= META_LEN && memcmp(t, META, META_LEN) == 0 ? 0 : META_LEN;
    size_t blen = prefix + len;
    if (blen > sc->word_cap) {
        char *w = nlp__realloc(sc->word, blen * 2);
        if (!w)
            return NLP_ERR_NOMEM;
        sc->word = w;
        sc->word_cap = blen * 2;
    }
    memcpy(sc->word, META, prefix);
    memcpy(sc->word + prefix, t, len);
    /* Split before every "▁" but the first (MergedWithNext). */
    size_t a = 0;
    for (size_t j = META_LEN; j + META_LEN <= blen;) {
        const char *hit = memchr(sc->word + j, 0xE2, blen - j);
        if (!hit || (size_t)(hit - sc->word) + META_LEN > blen)
            break;
        j = (size_t)(hit - sc->word);
        if (memcmp(hit, META, META_LEN) == 0) {
            nlp_status st = push_split(tok, sc, a, j, ws, prefix, enc);
            if (st != NLP_OK)
                return st;
            a = j;
        }
        j++;
    }
    return push_split(tok, sc, a, blen, ws, prefix, enc);
}

/* Width of the whitespace char at t[i], or 0 when it is not whitespace. */
static size_t space_at(const char *t, size_t i)
{
    unsigned char c = (unsigned char)t[i];
    if (c < 0x80)
        return nlp__t5_is_space(c);
    size_t n = nlp__t5_u8len(c);
    return nlp__t5_is_space(nlp__t5_u8decode((const unsigned char *)t + i, n)) ? n : 0;
}

/* A stretch of raw text between added tokens. */
static nlp_status encode_segment(const nlp__t5_tokenizer *tok, const char *text, size_t from,
                                 size_t to, scratch *sc, nlp__encoding *enc)
{
    if (from == to)
        return NLP_OK;
    nlp_status st = nlp__t5_normalize(&tok->charsmap, text + from, to - from, (int64_t)from,
                                      &sc->norm);
    const char *t = sc->norm.text;
    size_t n = sc->norm.len;
    for (size_t i = 0; i < n && st == NLP_OK;) {
        size_t w = space_at(t, i);
        if (w) {
            i += w;
            continue;
        }
        size_t ws = i;
        while (i < n && !space_at(t, i))
            i += nlp__t5_u8len((unsigned char)t[i]);
        st = encode_word(tok, sc, ws, i, enc);
    }
    return st;
}

/* Leftmost-longest added token at or after *pos: its start and length. */
static bool next_added(const nlp__t5_tokenizer *tok, const char *text, size_t len, size_t pos,
                       size_t *at, size_t *mlen, int32_t *index)
{
    for (size_t p = pos; p < len; p++) {
        if (!tok->added_first[(unsigned char)text[p]])
            continue;
        size_t m = nlp__t5_trie_longest(&tok->added_trie, text + p, len - p, index);
        if (m > 0) {
            *at = p;
            *mlen = m;
            return true;
        }
    }
    return false;
}

nlp_status nlp__t5_encode(const nlp__t5_tokenizer *tok, const char *text, size_t len,
                          bool add_eos, nlp__encoding *enc)
{
    scratch sc = {0};
    nlp_status st = NLP_OK;
    size_t seg = 0, at, mlen;
    int32_t k;
    while (st == NLP_OK && next_added(tok, text, len, seg, &at, &mlen, &k)) {
        st = encode_segment(tok, text, seg, at, &sc, enc);
        if (st == NLP_OK)
            st = nlp__encoding_push(enc, tok->data.added[k].id, text + at, mlen, (int64_t)at,
                                    (int64_t)(at + mlen), sc.word_id++, false);
        seg = at + mlen;
    }
    if (st == NLP_OK)
        st = encode_segment(tok, text, seg, len, &sc, enc);
    if (st == NLP_OK && add_eos)
        st = nlp__encoding_push(enc, tok->eos_id, tok->id_str[tok->eos_id], (size_t)-1, 0, 0,
                                -1, true);
    scratch_free(&sc);
    return st;
}

/* ---- decoding ------------------------------------------------------------- */

/* HF's Metaspace decoder: "▁" becomes a space, except in the first token
 * kept, where every "▁" is dropped. Unknown ids are skipped, as HF does. */
nlp_status nlp__t5_decode(const nlp__t5_tokenizer *tok, const int32_t *ids, size_t n,
                          bool skip_special, char **text)
{
    *text = NULL;
    size_t cap = 1;
    for (size_t i = 0; i < n; i++) {
        const char *s = nlp__t5_id_to_piece(tok, ids[i]);
        cap += s ? strlen(s) : 0;
    }
    char *out = nlp__malloc(cap);
    if (!out)
        return NLP_ERR_NOMEM;
    size_t len = 0, kept = 0;
    for (size_t i = 0; i < n; i++) {
        const char *s = nlp__t5_id_to_piece(tok, ids[i]);
        if (!s || (skip_special && tok->id_special[ids[i]]))
            continue;
        for (; *s; s++) {
            if (s[0] == META[0] && s[1] == META[1] && s[2] == META[2]) {
                if (kept > 0)
                    out[len++] = ' ';
                s += META_LEN - 1;
            } else {
                out[len++] = *s;
            }
        }
        kept++;
    }
    out[len] = 0;
    *text = out;
    return NLP_OK;
}
