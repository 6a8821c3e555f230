/* safetensors.c - open, validate and memory-map a .safetensors file.
 *
 * Every check happens here, once, so the tensors handed out are always
 * consistent: callers (and libtorch views made from them) may trust dtype,
 * shape, data and nbytes without re-checking. */
#include "io/safetensors.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* A header larger than this is not a real checkpoint (the Rust reference
 * implementation uses the same bound) and would cost memory to parse. */
#define MAX_HEADER_BYTES ((uint64_t)100 * 1000 * 1000)

struct nlp__st_file {
    atomic_int refs;
    char *path;
    void *map;        /* the whole file, read-only */
    size_t map_size;
    const uint8_t *data_area; /* map + 8 + header length */
    size_t data_size;
    nlp__st_tensor *tensors;  /* header order */
    size_t count;
    nlp__st_tensor **by_name; /* sorted by name, for nlp__st_find */
    char **meta;              /* key, value, key, value, ... */
    size_t n_meta;
};

/* ---- dtypes --------------------------------------------------------------- */

static const struct {
    const char *name;
    size_t size;
} dtype_table[] = {
    [NLP__F32] = {"F32", 4}, [NLP__F16] = {"F16", 2}, [NLP__BF16] = {"BF16", 2},
    [NLP__I64] = {"I64", 8}, [NLP__I32] = {"I32", 4}, [NLP__I8] = {"I8", 1},
    [NLP__U8] = {"U8", 1},   [NLP__BOOL] = {"BOOL", 1},
};

#define DTYPE_COUNT (sizeof dtype_table / sizeof dtype_table[0])

size_t nlp__dtype_size(nlp__dtype dtype)
{
    return (unsigned)dtype < DTYPE_COUNT ? dtype_table[dtype].size : 0;
}

const char *nlp__dtype_name(nlp__dtype dtype)
{
    return (unsigned)dtype < DTYPE_COUNT ? dtype_table[dtype].name : "?";
}

bool nlp__dtype_from_name(const char *name, nlp__dtype *out)
{
    for (size_t i = 0; i < DTYPE_COUNT; i++)
        if (strcmp(name, dtype_table[i].name) == 0) {
            *out = (nlp__dtype)i;
            return true;
        }
    return false;
}

int64_t nlp__st_numel(const nlp__st_tensor *tensor)
{
    int64_t n = 1;
    for (int d = 0; d < tensor->ndim; d++)
        n *= tensor->shape[d]; /* cannot overflow: checked at open */
    return n;
}

/* ---- validation of one header entry --------------------------------------- */

/* A JSON integer in [0, limit], as uint64. */
static bool json_uint(const json_t *v, uint64_t limit, uint64_t *out)
{
    if (!json_is_integer(v) || json_integer_value(v) < 0)
        return false;
    *out = (uint64_t)json_integer_value(v);
    return *out <= limit;
}

static nlp_status parse_shape(const char *path, const char *name, const json_t *shape,
                              nlp__st_tensor *t, uint64_t *numel)
{
    if (!json_is_array(shape))
        return nlp__fail(NLP_ERR_FORMAT, "%s: tensor \"%s\": shape is not an array", path, name);
    size_t ndim = json_array_size(shape);
    if (ndim > NLP__MAX_DIMS)
        return nlp__fail(NLP_ERR_FORMAT, "%s: tensor \"%s\": %zu dimensions (at most %d)",
                         path, name, ndim, NLP__MAX_DIMS);
    t->ndim = (int)ndim;
    *numel = 1;
    for (size_t d = 0; d < ndim; d++) {
        uint64_t n;
        if (!json_uint(json_array_get(shape, d), (uint64_t)INT64_MAX, &n))
            return nlp__fail(NLP_ERR_FORMAT, "%s: tensor \"%s\": shape[%zu] is not a "
                             "non-negative integer", path, name, d);
        /* Keep numel * 8 representable so the byte count below cannot wrap. */
        if (n != 0 && *numel > (UINT64_MAX / 8) / n)
            return nlp__fail(NLP_ERR_FORMAT, "%s: tensor \"%s\": shape too large", path, name);
        *numel *= n;
        t->shape[d] = (int64_t)n;
    }
    return NLP_OK;
}

static nlp_status parse_entry(nlp__st_file *f, const char *name, const json_t *entry,
                              nlp__st_tensor *t)
{
    const char *path = f->path;
    if (!json_is_object(entry))
        return nlp__fail(NLP_ERR_FORMAT, "%s: tensor \"%s\": entry is not an object", path, name);
    const json_t *dtype = json_object_get(entry, "dtype");
    if (!json_is_string(dtype))
        return nlp__fail(NLP_ERR_FORMAT, "%s: tensor \"%s\": missing dtype", path, name);
    if (!nlp__dtype_from_name(json_string_value(dtype), &t->dtype))
        return nlp__fail(NLP_ERR_FORMAT, "%s: tensor \"%s\": unsupported dtype \"%s\" "
                         "(F32 F16 BF16 I64 I32 I8 U8 BOOL)", path, name,
                         json_string_value(dtype));
    uint64_t numel = 0;
    nlp_status st = parse_shape(path, name, json_object_get(entry, "shape"), t, &numel);
    if (st != NLP_OK)
        return st;
    const json_t *offs = json_object_get(entry, "data_offsets");
    uint64_t begin, end;
    if (!json_is_array(offs) || json_array_size(offs) != 2 ||
        !json_uint(json_array_get(offs, 0), UINT64_MAX, &begin) ||
        !json_uint(json_array_get(offs, 1), UINT64_MAX, &end) || end < begin)
        return nlp__fail(NLP_ERR_FORMAT, "%s: tensor \"%s\": data_offsets must be "
                         "[begin, end] with 0 <= begin <= end", path, name);
    if (end > f->data_size)
        return nlp__fail(NLP_ERR_FORMAT, "%s: tensor \"%s\": data_offsets [%llu, %llu] "
                         "outside the data area (%zu bytes)", path, name,
                         (unsigned long long)begin, (unsigned long long)end, f->data_size);
    uint64_t want = numel * nlp__dtype_size(t->dtype);
    if (want != end - begin)
        return nlp__fail(NLP_ERR_FORMAT, "%s: tensor \"%s\": %s shape needs %llu bytes "
                         "but data_offsets give %llu", path, name, nlp__dtype_name(t->dtype),
                         (unsigned long long)want, (unsigned long long)(end - begin));
    t->name = nlp__strdup(name);
    if (!t->name)
        return NLP_ERR_NOMEM;
    t->data = f->data_area + begin;
    t->nbytes = (size_t)(end - begin);
    return NLP_OK;
}

static nlp_status parse_metadata(nlp__st_file *f, const json_t *meta)
{
    if (!json_is_object(meta))
        return nlp__fail(NLP_ERR_FORMAT, "%s: __metadata__ is not an object", f->path);
    f->meta = nlp__calloc(2 * json_object_size(meta), sizeof *f->meta);
    if (!f->meta)
        return NLP_ERR_NOMEM;
    const char *key;
    const json_t *value;
    json_object_foreach((json_t *)meta, key, value) {
        if (!json_is_string(value))
            return nlp__fail(NLP_ERR_FORMAT, "%s: __metadata__ \"%s\" is not a string",
                             f->path, key);
        char *k = nlp__strdup(key), *v = nlp__strdup(json_string_value(value));
        f->meta[2 * f->n_meta] = k;
        f->meta[2 * f->n_meta + 1] = v;
        f->n_meta++;
        if (!k || !v)
            return NLP_ERR_NOMEM;
    }
    return NLP_OK;
}

/* ---- whole-file checks ---------------------------------------------------- */

static int cmp_by_begin(const void *a, const void *b)
{
    const nlp__st_tensor *x = *(nlp__st_tensor *const *)a, *y = *(nlp__st_tensor *const *)b;
    const uint8_t *p = x->data, *q = y->data;
    return p < q ? -1 : p > q;
}

static int cmp_by_name(const void *a, const void *b)
{
    return strcmp((*(nlp__st_tensor *const *)a)->name, (*(nlp__st_tensor *const *)b)->name);
}

/* No two tensors share bytes (zero-size tensors own none). Leaves by_name
 * sorted by name. Gaps between tensors are allowed: they waste space but
 * cannot mislead a reader. */
static nlp_status check_layout(nlp__st_file *f)
{
    nlp__st_tensor **v = f->by_name;
    qsort(v, f->count, sizeof *v, cmp_by_begin);
    const uint8_t *end = f->data_area;
    const char *owner = NULL;
    for (size_t i = 0; i < f->count; i++) {
        if (v[i]->nbytes == 0)
            continue;
        if ((const uint8_t *)v[i]->data < end)
            return nlp__fail(NLP_ERR_FORMAT, "%s: tensors \"%s\" and \"%s\" overlap",
                             f->path, owner, v[i]->name);
        end = (const uint8_t *)v[i]->data + v[i]->nbytes;
        owner = v[i]->name;
    }
    qsort(v, f->count, sizeof *v, cmp_by_name);
    return NLP_OK;
}

static nlp_status parse_header(nlp__st_file *f, const char *text, size_t len)
{
    json_error_t err;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &err);
    if (!root)
        return nlp__fail(NLP_ERR_FORMAT, "%s: header is not valid JSON (line %d, column "
                         "%d): %s", f->path, err.line, err.column, err.text);
    nlp_status st = NLP_OK;
    if (!json_is_object(root)) {
        st = nlp__fail(NLP_ERR_FORMAT, "%s: header is not a JSON object", f->path);
        goto done;
    }
    size_t n = json_object_size(root);
    f->tensors = nlp__calloc(n, sizeof *f->tensors);
    f->by_name = nlp__calloc(n, sizeof *f->by_name);
    if (!f->tensors || !f->by_name) {
        st = NLP_ERR_NOMEM;
        goto done;
    }
    const char *key;
    json_t *value;
    json_object_foreach(root, key, value) {
        if (strcmp(key, "__metadata__") == 0)
            st = parse_metadata(f, value);
        else {
            st = parse_entry(f, key, value, &f->tensors[f->count]);
            if (st == NLP_OK) {
                f->by_name[f->count] = &f->tensors[f->count];
                f->count++;
            }
        }
        if (st != NLP_OK)
            goto done;
    }
    st = check_layout(f);
done:
    json_decref(root);
    return st;
}

/* ---- mapping -------------------------------------------------------------- */

static nlp_status map_file(nlp__st_file *f)
{
    struct stat sb;
    if (stat(f->path, &sb) != 0)
        return nlp__fail(NLP_ERR_IO, "%s: %s", f->path, strerror(errno));
    if (S_ISDIR(sb.st_mode))
        return nlp__fail(NLP_ERR_IO, "%s: is a directory, not a safetensors file", f->path);
    if (!S_ISREG(sb.st_mode))
        return nlp__fail(NLP_ERR_IO, "%s: not a regular file", f->path);
    if (sb.st_size < 8)
        return nlp__fail(NLP_ERR_FORMAT, "%s: %lld bytes is too short for a safetensors "
                         "file (8-byte header length missing)", f->path, (long long)sb.st_size);
    int fd = open(f->path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return nlp__fail(NLP_ERR_IO, "%s: %s", f->path, strerror(errno));
    /* Private and writable: libtorch views of it may be updated in place
     * (training); pages are copied on write and the file never changes. */
    void *map = mmap(NULL, (size_t)sb.st_size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    int saved = errno;
    close(fd); /* the mapping keeps the file open */
    if (map == MAP_FAILED)
        return nlp__fail(NLP_ERR_IO, "%s: cannot map: %s", f->path, strerror(saved));
    f->map = map;
    f->map_size = (size_t)sb.st_size;
    return NLP_OK;
}

static nlp_status read_file(nlp__st_file *f)
{
    nlp_status st = map_file(f);
    if (st != NLP_OK)
        return st;
    const uint8_t *p = f->map;
    uint64_t n = 0;
    for (int i = 7; i >= 0; i--)
        n = (n << 8) | p[i];
    if (n > MAX_HEADER_BYTES)
        return nlp__fail(NLP_ERR_FORMAT, "%s: header length %llu exceeds the %llu-byte "
                         "limit", f->path, (unsigned long long)n,
                         (unsigned long long)MAX_HEADER_BYTES);
    if (n > f->map_size - 8)
        return nlp__fail(NLP_ERR_FORMAT, "%s: header length %llu runs past the end of the "
                         "file (%zu bytes): truncated or not safetensors", f->path,
                         (unsigned long long)n, f->map_size);
    f->data_area = p + 8 + n;
    f->data_size = f->map_size - 8 - (size_t)n;
    return parse_header(f, (const char *)p + 8, (size_t)n);
}

static void destroy(nlp__st_file *f)
{
    for (size_t i = 0; i < f->count; i++)
        free(f->tensors[i].name);
    for (size_t i = 0; i < 2 * f->n_meta; i++)
        free(f->meta[i]);
    if (f->map)
        munmap(f->map, f->map_size);
    free(f->meta);
    free(f->tensors);
    free(f->by_name);
    free(f->path);
    free(f);
}

nlp_status nlp__st_open(const char *path, nlp__st_file **out)
{
    if (!path || !out)
        return nlp__null_arg("safetensors open", path ? "out" : "path");
    nlp__st_file *f = nlp__calloc(1, sizeof *f);
    if (!f)
        return NLP_ERR_NOMEM;
    atomic_init(&f->refs, 1);
    f->path = nlp__strdup(path);
    nlp_status st = f->path ? read_file(f) : NLP_ERR_NOMEM;
    if (st != NLP_OK) {
        destroy(f);
        return st;
    }
    *out = f;
    return NLP_OK;
}

void nlp__st_retain(nlp__st_file *file)
{
    atomic_fetch_add_explicit(&file->refs, 1, memory_order_relaxed);
}

void nlp__st_release(nlp__st_file *file)
{
    if (file && atomic_fetch_sub_explicit(&file->refs, 1, memory_order_acq_rel) == 1)
        destroy(file);
}

/* ---- lookups -------------------------------------------------------------- */

size_t nlp__st_count(const nlp__st_file *file)
{
    return file->count;
}

const nlp__st_tensor *nlp__st_at(const nlp__st_file *file, size_t index)
{
    return index < file->count ? &file->tensors[index] : NULL;
}

const nlp__st_tensor *nlp__st_find(const nlp__st_file *file, const char *name)
{
    nlp__st_tensor key = {.name = (char *)name}, *pkey = &key;
    nlp__st_tensor **hit = bsearch(&pkey, file->by_name, file->count,
                                   sizeof *file->by_name, cmp_by_name);
    return hit ? *hit : NULL;
}

const char *nlp__st_metadata(const nlp__st_file *file, const char *key)
{
    for (size_t i = 0; i < file->n_meta; i++)
        if (strcmp(file->meta[2 * i], key) == 0)
            return file->meta[2 * i + 1];
    return NULL;
}

const char *nlp__st_path(const nlp__st_file *file)
{
    return file->path;
}
