/* t5_internal.h - the parts the T5 tokenizer's files share: the data a model
 * file gives, the byte tries, the charsmap normalizer and the Viterbi
 * search. Nothing here is seen outside lib/text/t5_*.c. */
#ifndef NLP_TEXT_T5_INTERNAL_H
#define NLP_TEXT_T5_INTERNAL_H

#include "core/core.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- what spiece.model or tokenizer.json gives ---------------------------- */

typedef struct nlp__t5_added {
    char *content;   /* matched verbatim in raw text (lstrip/rstrip unused in T5) */
    int32_t id;
    bool special;    /* dropped by decode(skip_special) */
} nlp__t5_added;

/* Pieces in id order; scores as HF keeps them (f64; spiece.model's f32
 * widened, which is what HF's converter writes to tokenizer.json). */
typedef struct nlp__t5_model_data {
    char **pieces;
    double *scores;
    size_t n_pieces;
    int32_t unk_id;
    unsigned char *charsmap; /* precompiled_charsmap blob, may be empty */
    size_t charsmap_len;
    nlp__t5_added *added;
    size_t n_added;
} nlp__t5_model_data;

void nlp__t5_model_data_clear(nlp__t5_model_data *d);
/* Append one piece (copied). */
nlp_status nlp__t5_model_data_push_piece(nlp__t5_model_data *d, const char *piece,
                                         size_t len, double score);
/* Append one added token (copied). */
nlp_status nlp__t5_model_data_push_added(nlp__t5_model_data *d, const char *content,
                                         int32_t id, bool special);

/* spiece.model: a protobuf ModelProto, read with a small wire-format reader
 * (the protobuf headers are not a dependency). Adds <extra_id_99..0> after
 * the pieces as HF's T5 converter does, and marks <pad>, </s>, <unk> and the
 * extra ids as special added tokens. */
nlp_status nlp__t5_read_spiece(const char *path, nlp__t5_model_data *out);
/* The same from a Hugging Face tokenizer.json with a Unigram model. */
nlp_status nlp__t5_read_tokenizer_json(const char *path, nlp__t5_model_data *out);

/* Decode a protobuf ModelProto already in memory (the file reader and tests
 * use it). name is used in error messages. */
nlp_status nlp__t5_parse_spiece(const unsigned char *data, size_t len, const char *name,
                                nlp__t5_model_data *out);

/* ---- a static byte trie (double array) ----------------------------------- */

/* Keys are byte strings without NUL bytes. Cell t is the child of node s by
 * byte c when cell t carries label c and t == base(s) ^ c; bases are unique,
 * so the label alone identifies the parent (as in darts-clone). Viterbi walks
 * the trie from every character and is bound by these loads, so a cell is 8
 * bytes with what the walk needs (base, label, "a key ends here", the
 * piece's score); the key's value (piece id) lives apart, read only for the
 * pieces that win. The children of a node share a 256-cell block. */
typedef struct nlp__t5_cell {
    uint32_t unit; /* base << 9 | has_value << 8 | label; base 0: no children */
    float score;   /* room for the user: the Unigram keeps piece scores here */
} nlp__t5_cell;

typedef struct nlp__t5_trie {
    nlp__t5_cell *cells;
    int32_t *values; /* per cell: value of the key ending there, or -1 */
    size_t size;
} nlp__t5_trie;

/* One step down from node: the child cell by byte c, or -1. */
static inline int32_t nlp__t5_trie_step(const nlp__t5_trie *t, int32_t node, unsigned char c)
{
    size_t child = (size_t)(t->cells[node].unit >> 9) ^ c;
    if (c == 0 || child >= t->size || (t->cells[child].unit & 0xFF) != c)
        return -1;
    return (int32_t)child;
}

static inline bool nlp__t5_trie_has_value(const nlp__t5_trie *t, int32_t node)
{
    return (t->cells[node].unit >> 8) & 1;
}

/* Build from n keys (any order; duplicates keep the last value, as a hash
 * map insert would). Values must be >= 0. A key with a NUL byte is
 * unreachable. */
nlp_status nlp__t5_trie_build(nlp__t5_trie *trie, const char *const *keys,
                              const size_t *lens, const int32_t *values, size_t n);
void nlp__t5_trie_free(nlp__t5_trie *trie);
/* Exact lookup; -1 when absent. */
int32_t nlp__t5_trie_find(const nlp__t5_trie *trie, const char *key, size_t len);
/* Length of the longest key that prefixes s[0..len) (0 when none) and its
 * value. The Viterbi search walks the cells itself (t5_unigram.c). */
size_t nlp__t5_trie_longest(const nlp__t5_trie *trie, const char *s, size_t len,
                            int32_t *value);

/* ---- the precompiled charsmap (sentencepiece's darts-clone array) -------- */

typedef struct nlp__t5_charsmap {
    uint32_t *units;
    size_t n_units;
    char *normalized; /* NUL-separated replacement strings */
    size_t normalized_len;
    /* For ASCII bytes: 1 when the byte has an entry of its own, so plain
     * ASCII text can skip the lookups. */
    uint8_t ascii_entry[128];
} nlp__t5_charsmap;

/* Parse the blob; an empty blob gives a map with no entries. */
nlp_status nlp__t5_charsmap_init(nlp__t5_charsmap *m, const unsigned char *blob,
                                 size_t len);
void nlp__t5_charsmap_free(nlp__t5_charsmap *m);
/* HF's Precompiled::transform: the replacement for the SHORTEST entry that
 * is a prefix of key[0..len) (the key stops at a NUL byte). */
bool nlp__t5_charsmap_lookup(const nlp__t5_charsmap *m, const char *key, size_t len,
                             const char **rep, size_t *rep_len);

/* Growable scratch for one normalized segment: the normalized bytes and,
 * for each byte, the span of the original text it came from. */
typedef struct nlp__t5_norm {
    char *text;
    int64_t *start, *end;
    size_t len, cap;
    /* transformation list (HF's (char, change) pairs) */
    uint32_t *tr_byte; /* byte offset of the char in text */
    int32_t *tr_change;
    size_t n_tr, tr_cap;
} nlp__t5_norm;

void nlp__t5_norm_free(nlp__t5_norm *n);

/* Normalize seg[0..len) (valid UTF-8) as HF's Precompiled normalizer does,
 * with alignments offset by `base` (the segment's position in the text). */
nlp_status nlp__t5_normalize(const nlp__t5_charsmap *m, const char *seg, size_t len,
                             int64_t base, nlp__t5_norm *out);

/* ---- Unigram Viterbi ----------------------------------------------------- */

typedef struct nlp__t5_unigram {
    nlp__t5_trie trie;  /* piece -> id; cells hold the scores as floats */
    const double *scores;
    bool float_scores;  /* the cell scores are exact: no need for `scores` */
    size_t n_pieces;
    int32_t unk_id;
    double unk_score; /* min score - 10, as HF */
} nlp__t5_unigram;

/* One token of a word: bytes [start, end) of the word, its id. */
typedef struct nlp__t5_piece_span {
    uint32_t start, end;
    int32_t id;
} nlp__t5_piece_span;

/* Viterbi scratch, reused between words. */
typedef struct nlp__t5_lattice {
    double *score;
    int32_t *from, *cell; /* best edge into each position: start, trie cell (-1: unk) */
    nlp__t5_piece_span *spans;
    size_t cap, spans_cap;
} nlp__t5_lattice;

void nlp__t5_lattice_free(nlp__t5_lattice *l);

/* Best segmentation of word[0..len) (non-empty, valid UTF-8) with HF's
 * tie-breaking and unknown fusion; spans land in l->spans, *n of them. */
nlp_status nlp__t5_viterbi(const nlp__t5_unigram *u, const char *word, size_t len,
                           nlp__t5_lattice *l, size_t *n);

/* ---- helpers ------------------------------------------------------------- */

/* Resize n parallel arrays to cap elements each (sizes[i] bytes per
 * element). On failure the ones already resized stay valid. */
static inline nlp_status nlp__t5_resize(size_t cap, size_t n, void **arrays[],
                                        const size_t sizes[])
{
    for (size_t i = 0; i < n; i++) {
        void *p = nlp__realloc(*arrays[i], cap * sizes[i]);
        if (!p)
            return NLP_ERR_NOMEM;
        *arrays[i] = p;
    }
    return NLP_OK;
}

/* ---- small UTF-8 helpers ------------------------------------------------- */

/* Length of the UTF-8 sequence whose lead byte is c (1 for stray bytes). */
static inline size_t nlp__t5_u8len(unsigned char c)
{
    return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* Decode the code point at s (valid UTF-8 with n bytes from s). */
static inline uint32_t nlp__t5_u8decode(const unsigned char *s, size_t n)
{
    switch (n) {
    case 1: return s[0];
    case 2: return ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
    case 3: return ((uint32_t)(s[0] & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) |
                   (s[2] & 0x3F);
    default: return ((uint32_t)(s[0] & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) |
                    ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
    }
}

/* Rust's char::is_whitespace (Unicode White_Space), which HF's
 * WhitespaceSplit uses: it includes U+0085, unlike sentencepiece. */
static inline bool nlp__t5_is_space(uint32_t c)
{
    if (c < 0x80)
        return c == ' ' || (c >= 0x09 && c <= 0x0D);
    return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
           c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

/* End of the extended grapheme cluster that starts at pos (UAX #29, as the
 * unicode-segmentation crate HF uses). */
size_t nlp__t5_grapheme_end(const char *s, size_t len, size_t pos);

#ifdef __cplusplus
}
#endif

#endif
