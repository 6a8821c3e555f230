/* t5_model_file.c - reading spiece.model, sentencepiece's ModelProto, with a
 * minimal protobuf wire-format reader: libprotobuf's headers are not a
 * dependency, and libsentencepiece's API hides the precompiled charsmap.
 *
 * Fields read (sentencepiece_model.proto):
 *   ModelProto.pieces = 1 (SentencePiece: piece = 1, score = 2, type = 3)
 *   ModelProto.normalizer_spec = 3 (precompiled_charsmap = 2)
 * Everything else is skipped by wire type. */
#include "text/t5_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { PIECE_NORMAL = 1, PIECE_UNKNOWN = 2, PIECE_CONTROL = 3, PIECE_USER_DEFINED = 4 };
enum { WT_VARINT = 0, WT_I64 = 1, WT_LEN = 2, WT_I32 = 5 };

/* ---- model data ----------------------------------------------------------- */

void nlp__t5_model_data_clear(nlp__t5_model_data *d)
{
    for (size_t i = 0; i < d->n_pieces; i++)
        free(d->pieces[i]);
    for (size_t i = 0; i < d->n_added; i++)
        free(d->added[i].content);
    free(d->pieces);
    free(d->scores);
    free(d->charsmap);
    free(d->added);
    memset(d, 0, sizeof *d);
}

nlp_status nlp__t5_model_data_push_piece(nlp__t5_model_data *d, const char *piece,
                                         size_t len, double score)
{
    size_t n = d->n_pieces;
    if ((n & (n - 1)) == 0) { /* grow at powers of two */
        size_t cap = n ? 2 * n : 1;
        void **arrays[] = {(void **)&d->pieces, (void **)&d->scores};
        const size_t sizes[] = {sizeof *d->pieces, sizeof *d->scores};
        if (nlp__t5_resize(cap, 2, arrays, sizes) != NLP_OK)
            return NLP_ERR_NOMEM;
    }
    if (!(d->pieces[n] = nlp__strndup(piece, len)))
        return NLP_ERR_NOMEM;
    d->scores[n] = score;
    d->n_pieces++;
    return NLP_OK;
}

nlp_status nlp__t5_model_data_push_added(nlp__t5_model_data *d, const char *content,
                                         int32_t id, bool special)
{
    size_t n = d->n_added;
    if ((n & (n - 1)) == 0) {
        nlp__t5_added *a = nlp__realloc(d->added, (n ? 2 * n : 1) * sizeof *a);
        if (!a)
            return NLP_ERR_NOMEM;
        d->added = a;
    }
    if (!(d->added[n].content = nlp__strdup(content)))
        return NLP_ERR_NOMEM;
    d->added[n].id = id;
    d->added[n].special = special;
    d->n_added++;
    return NLP_OK;
}

/* ---- protobuf wire format ------------------------------------------------- */

typedef struct pb {
    const unsigned char *p, *end;
} pb;

static bool pb_varint(pb *r, uint64_t *v)
{
    *v = 0;
    for (int shift = 0; shift < 64 && r->p < r->end; shift += 7) {
        unsigned char b = *r->p++;
        *v |= (uint64_t)(b & 0x7F) << shift;
        if (!(b & 0x80))
            return true;
    }
    return false;
}

static bool pb_key(pb *r, uint32_t *field, uint32_t *wt)
{
    uint64_t k;
    if (!pb_varint(r, &k))
        return false;
    *field = (uint32_t)(k >> 3);
    *wt = (uint32_t)(k & 7);
    return true;
}

static bool pb_len(pb *r, pb *sub)
{
    uint64_t n;
    if (!pb_varint(r, &n) || n > (uint64_t)(r->end - r->p))
        return false;
    *sub = (pb){r->p, r->p + n};
    r->p += n;
    return true;
}

/* Skip a field of wire type wt (groups, types 3 and 4, are rejected). */
static bool pb_skip(pb *r, uint32_t wt)
{
    uint64_t v;
    pb sub;
    switch (wt) {
    case WT_VARINT: return pb_varint(r, &v);
    case WT_LEN: return pb_len(r, &sub);
    case WT_I64: if (r->end - r->p < 8) return false; r->p += 8; return true;
    case WT_I32: if (r->end - r->p < 4) return false; r->p += 4; return true;
    default: return false;
    }
}

static bool pb_float(pb *r, float *f)
{
    if (r->end - r->p < 4)
        return false;
    uint32_t u = (uint32_t)r->p[0] | (uint32_t)r->p[1] << 8 | (uint32_t)r->p[2] << 16 |
                 (uint32_t)r->p[3] << 24;
    memcpy(f, &u, sizeof *f);
    r->p += 4;
    return true;
}

/* ---- ModelProto ----------------------------------------------------------- */

typedef struct piece_msg {
    pb text;
    float score;
    uint64_t type;
} piece_msg;

static bool parse_piece(pb r, piece_msg *m)
{
    *m = (piece_msg){{NULL, NULL}, 0.0f, PIECE_NORMAL};
    uint32_t field, wt;
    while (r.p < r.end) {
        if (!pb_key(&r, &field, &wt))
            return false;
        bool ok;
        if (field == 1 && wt == WT_LEN)
            ok = pb_len(&r, &m->text);
        else if (field == 2 && wt == WT_I32)
            ok = pb_float(&r, &m->score);
        else if (field == 3 && wt == WT_VARINT)
            ok = pb_varint(&r, &m->type);
        else
            ok = pb_skip(&r, wt);
        if (!ok)
            return false;
    }
    return m->text.p != NULL;
}

static bool parse_normalizer(pb r, pb *charsmap)
{
    uint32_t field, wt;
    while (r.p < r.end) {
        if (!pb_key(&r, &field, &wt))
            return false;
        if (field == 2 && wt == WT_LEN) {
            if (!pb_len(&r, charsmap))
                return false;
        } else if (!pb_skip(&r, wt)) {
            return false;
        }
    }
    return true;
}

static nlp_status add_piece(nlp__t5_model_data *out, const piece_msg *m, const char *name)
{
    size_t len = (size_t)(m->text.end - m->text.p);
    const char *s = (const char *)m->text.p;
    int32_t id = (int32_t)out->n_pieces;
    if (len == 0 || memchr(s, 0, len) || nlp__utf8_check(s, len) != NLP_OK)
        return nlp__fail(NLP_ERR_FORMAT, "%s: piece %d is empty or not UTF-8", name, id);
    nlp_status st = nlp__t5_model_data_push_piece(out, s, len, (double)m->score);
    if (st != NLP_OK)
        return st;
    if (m->type == PIECE_UNKNOWN && out->unk_id < 0)
        out->unk_id = id;
    if (m->type == PIECE_UNKNOWN || m->type == PIECE_CONTROL || m->type == PIECE_USER_DEFINED)
        st = nlp__t5_model_data_push_added(out, out->pieces[id], id,
                                           m->type != PIECE_USER_DEFINED);
    return st;
}

static bool has_piece(const nlp__t5_model_data *d, const char *piece)
{
    for (size_t i = 0; i < d->n_pieces; i++)
        if (strcmp(d->pieces[i], piece) == 0)
            return true;
    return false;
}

/* HF's T5 converter appends <extra_id_99> .. <extra_id_0> with score 0. */
static nlp_status add_extra_ids(nlp__t5_model_data *out)
{
    char name[32];
    for (int i = 99; i >= 0; i--) {
        snprintf(name, sizeof name, "<extra_id_%d>", i);
        int32_t id = (int32_t)out->n_pieces;
        nlp_status st = nlp__t5_model_data_push_piece(out, name, strlen(name), 0.0);
        if (st == NLP_OK)
            st = nlp__t5_model_data_push_added(out, name, id, true);
        if (st != NLP_OK)
            return st;
    }
    return NLP_OK;
}

static nlp_status parse_model(pb r, const char *name, nlp__t5_model_data *out, pb *charsmap)
{
    uint32_t field, wt;
    while (r.p < r.end) {
        if (!pb_key(&r, &field, &wt))
            return nlp__fail(NLP_ERR_FORMAT, "%s: truncated protobuf field", name);
        pb sub;
        if (field == 1 && wt == WT_LEN) {
            piece_msg m;
            if (!pb_len(&r, &sub) || !parse_piece(sub, &m))
                return nlp__fail(NLP_ERR_FORMAT, "%s: malformed piece %zu", name,
                                 out->n_pieces);
            nlp_status st = add_piece(out, &m, name);
            if (st != NLP_OK)
                return st;
        } else if (field == 3 && wt == WT_LEN) {
            if (!pb_len(&r, &sub) || !parse_normalizer(sub, charsmap))
                return nlp__fail(NLP_ERR_FORMAT, "%s: malformed normalizer_spec", name);
        } else if (!pb_skip(&r, wt)) {
            return nlp__fail(NLP_ERR_FORMAT, "%s: malformed protobuf field %u", name, field);
        }
    }
    return NLP_OK;
}

nlp_status nlp__t5_parse_spiece(const unsigned char *data, size_t len, const char *name,
                                nlp__t5_model_data *out)
{
    memset(out, 0, sizeof *out);
    out->unk_id = -1;
    pb charsmap = {NULL, NULL};
    nlp_status st = parse_model((pb){data, data + len}, name, out, &charsmap);
    if (st == NLP_OK && out->n_pieces == 0)
        st = nlp__fail(NLP_ERR_FORMAT, "%s: no pieces", name);
    if (st == NLP_OK && out->unk_id < 0)
        st = nlp__fail(NLP_ERR_FORMAT, "%s: no piece of type UNKNOWN", name);
    if (st == NLP_OK && !has_piece(out, "<extra_id_0>"))
        st = add_extra_ids(out);
    if (st == NLP_OK && charsmap.p && charsmap.end > charsmap.p) {
        out->charsmap_len = (size_t)(charsmap.end - charsmap.p);
        out->charsmap = nlp__malloc(out->charsmap_len);
        if (out->charsmap)
            memcpy(out->charsmap, charsmap.p, out->charsmap_len);
        else
            st = NLP_ERR_NOMEM;
    }
    if (st != NLP_OK)
        nlp__t5_model_data_clear(out);
    return st;
}

nlp_status nlp__t5_read_spiece(const char *path, nlp__t5_model_data *out)
{
    char *data;
    size_t size;
    nlp_status st = nlp__read_file(path, &data, &size);
    if (st != NLP_OK)
        return st;
    st = nlp__t5_parse_spiece((const unsigned char *)data, size, path, out);
    free(data);
    return st;
}
