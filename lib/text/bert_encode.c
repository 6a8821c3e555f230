/* bert_encode.c - text -> WordPiece tokens with offsets into the original
 * text, in one pass and without building the normalized string.
 *
 * HF normalizes the whole text, keeping an alignment from every normalized
 * byte to the original, then splits and maps token spans back. We get the
 * same spans by carrying, with every normalized code point, the original
 * span of the code point it came from: a token's span then runs from its
 * first code point's start to its last one's end, which also covers
 * characters removed inside it (co\u00ADoperate -> [0, 10)). */
#include "text/bert_chars.h"
#include "text/bert_tokenizer.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

/* The pre-token being built: its normalized UTF-8 bytes and, per byte, the
 * original span of the code point the byte belongs to. Only the first
 * max_chars code points are kept; a longer pre-token becomes [UNK]. */
typedef struct pretoken {
    char *bytes;
    int64_t *ostart, *oend;
    size_t len, chars, cap;
    int64_t first, last; /* original span of the whole pre-token */
} pretoken;

typedef struct state {
    const nlp__bert_tokenizer *tok;
    nlp__encoding *enc;
    int32_t fixed_word, next_word;
    pretoken pt;
    nlp_status status;
} state;

/* Stack storage for a pre-token of up to NLP__BERT_MAX_WORD_CHARS code
 * points of 4 bytes. */
enum { STACK_BYTES = 4 * (NLP__BERT_MAX_WORD_CHARS + 1) };

static int32_t take_word_id(state *st)
{
    return st->fixed_word >= 0 ? st->fixed_word : st->next_word++;
}

static void push(state *st, int32_t id, const char *token, size_t token_len, int64_t s,
                 int64_t e, int32_t word)
{
    if (st->status == NLP_OK)
        st->status = nlp__encoding_push(st->enc, id, token, token_len, s, e, word, false);
}

static const char *token_of(const nlp__bert_tokenizer *tok, int32_t id)
{
    return tok->vocab.pool + tok->id_key[id];
}

/* Greedy longest-match-first WordPiece over the pre-token; the whole
 * pre-token becomes [UNK] when some position matches nothing. */
static void wordpiece(state *st, int32_t word)
{
    const nlp__bert_tokenizer *tok = st->tok;
    const pretoken *pt = &st->pt;
    int32_t ids[STACK_BYTES];
    size_t starts[STACK_BYTES], ends[STACK_BYTES];
    size_t n = 0, start = 0;
    while (start < pt->len) {
        const nlp__vocab *map = start ? &tok->cont : &tok->vocab;
        size_t end = pt->len;
        if (end - start > map->max_len) {
            end = start + map->max_len;
            while (end > start && ((unsigned char)pt->bytes[end] & 0xC0) == 0x80)
                end--;
        }
        int32_t id = -1;
        while (end > start) {
            id = nlp__vocab_get(map, pt->bytes + start, end - start);
            if (id >= 0)
                break;
            do
                end--;
            while (end > start && ((unsigned char)pt->bytes[end] & 0xC0) == 0x80);
        }
        if (id < 0 || n == STACK_BYTES) {
            push(st, tok->unk_id, token_of(tok, tok->unk_id), (size_t)-1, pt->first, pt->last,
                 word);
            return;
        }
        ids[n] = id;
        starts[n] = start;
        ends[n] = end;
        n++;
        start = end;
    }
    for (size_t i = 0; i < n; i++)
        push(st, ids[i], token_of(tok, ids[i]), (size_t)-1, pt->ostart[starts[i]],
             pt->oend[ends[i] - 1], word);
}

static void flush(state *st)
{
    pretoken *pt = &st->pt;
    if (pt->chars == 0)
        return;
    int32_t word = take_word_id(st);
    if (pt->chars > st->tok->opt.max_input_chars_per_word)
        push(st, st->tok->unk_id, token_of(st->tok, st->tok->unk_id), (size_t)-1, pt->first,
             pt->last, word);
    else
        wordpiece(st, word);
    pt->len = pt->chars = 0;
}

static void append(state *st, uint32_t c, int64_t os, int64_t oe)
{
    pretoken *pt = &st->pt;
    if (pt->chars == 0)
        pt->first = os;
    pt->last = oe;
    pt->chars++;
    if (pt->chars > st->tok->opt.max_input_chars_per_word)
        return; /* [UNK] anyway: keep only the span */
    size_t n = nlp__utf8_encode(c, pt->bytes + pt->len);
    for (size_t i = 0; i < n; i++) {
        pt->ostart[pt->len + i] = os;
        pt->oend[pt->len + i] = oe;
    }
    pt->len += n;
}

/* One normalized code point: whitespace ends the pre-token, punctuation is
 * a pre-token of its own (BertPreTokenizer). */
static void feed(state *st, uint32_t c, int64_t os, int64_t oe)
{
    uint8_t k = nlp__bert_char_class(c);
    if (k & NLP__BC_SPACE) {
        flush(st);
    } else if (k & NLP__BC_PUNCT) {
        flush(st);
        append(st, c, os, oe);
        flush(st);
    } else {
        append(st, c, os, oe);
    }
}

/* Accent stripping (NFD, then drop Mn) and lowercasing (Rust's full
 * char::to_lowercase, which ICU's root-locale mapping matches for a lone
 * code point) of one non-ASCII code point; feeds the results. */
static void feed_normalized(state *st, uint32_t c, int64_t os, int64_t oe)
{
    const nlp__bert_options *o = &st->tok->opt;
    UErrorCode err = U_ZERO_ERROR;
    UChar dec[32];
    int32_t n = -1;
    if (o->strip_accents)
        n = unorm2_getDecomposition(unorm2_getNFDInstance(&err), (UChar32)c, dec, 32, &err);
    if (n < 0 || U_FAILURE(err)) {
        n = 0;
        U16_APPEND_UNSAFE(dec, n, (UChar32)c);
    }
    for (int32_t i = 0; i < n;) {
        UChar32 d;
        int32_t at = i;
        U16_NEXT(dec, i, n, d);
        if (o->strip_accents && u_charType(d) == U_NON_SPACING_MARK)
            continue;
        if (!o->lowercase) {
            feed(st, (uint32_t)d, os, oe);
            continue;
        }
        UChar low[16];
        UErrorCode e2 = U_ZERO_ERROR;
        int32_t m = u_strToLower(low, 16, dec + at, i - at, "", &e2);
        if (U_FAILURE(e2))
            m = 0;
        for (int32_t j = 0; j < m;) {
            UChar32 l;
            U16_NEXT(low, j, m, l);
            feed(st, (uint32_t)l, os, oe);
        }
    }
}

/* Normalize and pre-tokenize text[from, to) (no added tokens inside). */
static void encode_plain(state *st, const char *text, size_t from, size_t to)
{
    const nlp__bert_options *o = &st->tok->opt;
    const unsigned char *s = (const unsigned char *)text;
    size_t i = from;
    while (i < to) {
        size_t n = 1;
        uint32_t c = s[i] < 0x80 ? s[i] : nlp__utf8_decode(s + i, &n);
        int64_t os = (int64_t)i, oe = (int64_t)(i + n);
        i += n;
        uint8_t k = nlp__bert_char_class(c);
        if (o->clean_text && (k & NLP__BC_CONTROL))
            continue;
        if (c < 0x80) {
            if (o->lowercase && c >= 'A' && c <= 'Z')
                c += 'a' - 'A';
            feed(st, c, os, oe);
        } else if ((k & NLP__BC_CJK) && o->handle_chinese_chars) {
            flush(st);
            if (o->lowercase || o->strip_accents)
                feed_normalized(st, c, os, oe);
            else
                append(st, c, os, oe);
            flush(st);
        } else if (o->lowercase || o->strip_accents) {
            feed_normalized(st, c, os, oe);
        } else {
            feed(st, c, os, oe);
        }
    }
    flush(st);
}

/* Leftmost-longest match of an added token at or after `from`; returns its
 * index or -1, and its position in *at. */
static ptrdiff_t next_added(const nlp__bert_tokenizer *tok, const char *text, size_t len,
                            size_t from, size_t *at)
{
    const unsigned char *s = (const unsigned char *)text;
    for (size_t p = from; p < len; p++) {
        if (!(tok->added_first[s[p] >> 3] & (1u << (s[p] & 7))))
            continue;
        ptrdiff_t best = -1;
        for (size_t a = 0; a < tok->n_added; a++) {
            const nlp__bert_added *t = &tok->added[a];
            if (t->len <= len - p && memcmp(text + p, t->content, t->len) == 0 &&
                (best < 0 || t->len > tok->added[best].len))
                best = (ptrdiff_t)a;
        }
        if (best >= 0) {
            *at = p;
            return best;
        }
    }
    return -1;
}

nlp_status nlp__bert_encode(const nlp__bert_tokenizer *tok, const char *text, size_t len,
                            int32_t word_id, nlp__encoding *enc)
{
    nlp__bert_chars_init();
    state st = {.tok = tok, .enc = enc, .fixed_word = word_id, .status = NLP_OK};
    char bytes[STACK_BYTES];
    int64_t ostart[STACK_BYTES], oend[STACK_BYTES];
    pretoken *pt = &st.pt;
    pt->bytes = bytes;
    pt->ostart = ostart;
    pt->oend = oend;
    size_t pos = 0;
    while (pos < len && st.status == NLP_OK) {
        size_t at = len;
        ptrdiff_t a = tok->n_added ? next_added(tok, text, len, pos, &at) : -1;
        encode_plain(&st, text, pos, a >= 0 ? at : len);
        if (a < 0)
            break;
        const nlp__bert_added *t = &tok->added[a];
        push(&st, t->id, t->content, t->len, (int64_t)at, (int64_t)(at + t->len),
             take_word_id(&st));
        pos = at + t->len;
    }
    return st.status;
}
