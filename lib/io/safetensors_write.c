/* safetensors_write.c - write a .safetensors file atomically.
 *
 * Layout choices, all readable by Python's safetensors/transformers:
 *  - the header is padded with spaces so the data area starts at a multiple
 *    of 8 bytes from the file start (mmap readers get aligned data);
 *  - tensors are packed without gaps (the Rust reader rejects gaps), widest
 *    element type first, so every tensor is aligned to its element size;
 *  - metadata {"format": "pt"}, which transformers requires.
 * The file is written to a temporary name in the target's folder, synced,
 * then renamed over the target, so readers never see a partial file. */
#include "io/safetensors.h"

#include "core/atomic_file.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* ---- argument checks ------------------------------------------------------ */

static nlp_status check_tensor(const nlp__st_write_tensor *t, size_t index, size_t *nbytes)
{
    if (!t->name || !*t->name || strcmp(t->name, "__metadata__") == 0)
        return nlp__fail(NLP_ERR_INVALID_ARG, "tensor %zu: missing or reserved name", index);
    if (nlp__utf8_check(t->name, strlen(t->name)) != NLP_OK)
        return nlp__wrap(NLP_ERR_INVALID_ARG, "tensor %zu: name", index);
    if (nlp__dtype_size(t->dtype) == 0)
        return nlp__fail(NLP_ERR_INVALID_ARG, "tensor \"%s\": unknown dtype %d", t->name,
                         (int)t->dtype);
    if (t->ndim < 0 || t->ndim > NLP__MAX_DIMS || (t->ndim > 0 && !t->shape))
        return nlp__fail(NLP_ERR_INVALID_ARG, "tensor \"%s\": bad rank %d", t->name, t->ndim);
    size_t n = nlp__dtype_size(t->dtype);
    for (int d = 0; d < t->ndim; d++) {
        if (t->shape[d] < 0)
            return nlp__fail(NLP_ERR_INVALID_ARG, "tensor \"%s\": negative dimension",
                             t->name);
        if (t->shape[d] != 0 && n > SIZE_MAX / 2 / (size_t)t->shape[d])
            return nlp__fail(NLP_ERR_INVALID_ARG, "tensor \"%s\": too large", t->name);
        n *= (size_t)t->shape[d];
    }
    if (n > 0 && !t->data)
        return nlp__fail(NLP_ERR_INVALID_ARG, "tensor \"%s\": NULL data", t->name);
    *nbytes = n;
    return NLP_OK;
}

/* ---- header --------------------------------------------------------------- */

typedef struct plan {
    size_t *order;  /* tensor indices in data order */
    size_t *nbytes; /* by tensor index */
    size_t total;   /* data area bytes */
    char *header;   /* padded JSON, header_len bytes (not NUL-terminated) */
    size_t header_len;
} plan;

static void plan_free(plan *p)
{
    free(p->order);
    free(p->nbytes);
    free(p->header);
}

/* Data order: widest element type first (8, 4, 2, 1 bytes), the caller's
 * order within a width. Packed without gaps from an aligned start, every
 * tensor then begins at a multiple of its element size. */
static void order_by_width(size_t *order, const nlp__st_write_tensor *tensors, size_t count)
{
    size_t k = 0;
    for (size_t width = 8; width > 0; width /= 2)
        for (size_t i = 0; i < count; i++)
            if (nlp__dtype_size(tensors[i].dtype) == width)
                order[k++] = i;
}

static json_t *entry_json(const nlp__st_write_tensor *t, size_t begin, size_t end)
{
    json_t *shape = json_array();
    for (int d = 0; shape && d < t->ndim; d++)
        json_array_append_new(shape, json_integer(t->shape[d]));
    return json_pack("{s:s, s:o, s:[I,I]}", "dtype", nlp__dtype_name(t->dtype), "shape",
                     shape, "data_offsets", (json_int_t)begin, (json_int_t)end);
}

static nlp_status build_header(plan *p, const nlp__st_write_tensor *tensors, size_t count)
{
    json_t *root = json_pack("{s:{s:s}}", "__metadata__", "format", "pt");
    if (!root)
        return nlp__fail(NLP_ERR_NOMEM, "out of memory building a safetensors header");
    size_t offset = 0;
    for (size_t k = 0; k < count; k++) {
        const nlp__st_write_tensor *t = &tensors[p->order[k]];
        if (json_object_get(root, t->name)) {
            json_decref(root);
            return nlp__fail(NLP_ERR_INVALID_ARG, "tensor \"%s\" appears twice", t->name);
        }
        json_t *e = entry_json(t, offset, offset + p->nbytes[p->order[k]]);
        if (!e || json_object_set_new(root, t->name, e) != 0) {
            json_decref(root);
            return nlp__fail(NLP_ERR_NOMEM, "out of memory building a safetensors header");
        }
        offset += p->nbytes[p->order[k]];
    }
    p->total = offset;
    char *text = json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(root);
    if (!text)
        return nlp__fail(NLP_ERR_NOMEM, "out of memory building a safetensors header");
    size_t len = strlen(text), padded = (len + 8 + 7) / 8 * 8 - 8;
    p->header = nlp__malloc(padded);
    if (p->header) {
        memcpy(p->header, text, len);
        memset(p->header + len, ' ', padded - len);
        p->header_len = padded;
    }
    free(text);
    return p->header ? NLP_OK : NLP_ERR_NOMEM;
}

static nlp_status make_plan(plan *p, const nlp__st_write_tensor *tensors, size_t count)
{
    p->order = nlp__calloc(count, sizeof *p->order);
    p->nbytes = nlp__calloc(count, sizeof *p->nbytes);
    if (!p->order || !p->nbytes)
        return NLP_ERR_NOMEM;
    for (size_t i = 0; i < count; i++) {
        nlp_status st = check_tensor(&tensors[i], i, &p->nbytes[i]);
        if (st != NLP_OK)
            return st;
    }
    order_by_width(p->order, tensors, count);
    return build_header(p, tensors, count);
}

/* ---- file ----------------------------------------------------------------- */

/* The length word, the header, then the tensors in data order, through the
 * library's one atomic writer. */
static nlp_status write_file(const char *path, const plan *p,
                             const nlp__st_write_tensor *tensors, size_t count)
{
    uint8_t len[8];
    for (int i = 0; i < 8; i++)
        len[i] = (uint8_t)((uint64_t)p->header_len >> (8 * i));
    nlp__chunk *chunks = nlp__malloc((count + 2) * sizeof *chunks);
    if (!chunks)
        return NLP_ERR_NOMEM;
    chunks[0] = (nlp__chunk){len, 8};
    chunks[1] = (nlp__chunk){p->header, p->header_len};
    for (size_t k = 0; k < count; k++)
        chunks[k + 2] = (nlp__chunk){tensors[p->order[k]].data, p->nbytes[p->order[k]]};
    nlp_status st = nlp__write_chunks_atomic(path, chunks, count + 2);
    free(chunks);
    return st;
}

nlp_status nlp__st_write(const char *path, const nlp__st_write_tensor *tensors, size_t count)
{
    if (!path || (count > 0 && !tensors))
        return nlp__null_arg("safetensors write", path ? "tensors" : "path");
    plan p = {0};
    nlp_status st = make_plan(&p, tensors, count);
    if (st == NLP_OK)
        st = write_file(path, &p, tensors, count);
    else
        nlp__wrap(st, "%s", path);
    plan_free(&p);
    return st;
}
