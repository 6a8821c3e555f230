/* safetensors.h - read (mmap, zero copy) and write (atomic) .safetensors
 * files. Format: 8-byte little-endian header length N, N bytes of JSON
 * {"name": {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__":
 * {str: str}}, then the data area; offsets are relative to the data area. */
#ifndef NLP_IO_SAFETENSORS_H
#define NLP_IO_SAFETENSORS_H

#include "core/core.h"

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum nlp__dtype {
    NLP__F32, NLP__F16, NLP__BF16, NLP__I64, NLP__I32, NLP__I8, NLP__U8, NLP__BOOL
} nlp__dtype;

#define NLP__MAX_DIMS 8

/* Bytes per element of a dtype (0 for an invalid value); name as
 * safetensors spells it ("F32"); the reverse lookup (false when unknown). */
size_t nlp__dtype_size(nlp__dtype dtype);
const char *nlp__dtype_name(nlp__dtype dtype);
bool nlp__dtype_from_name(const char *name, nlp__dtype *out);

/* One tensor of a mapped file. data points into the mapping (aligned as the
 * file aligns it: safetensors guarantees only the offsets it declares). */
typedef struct nlp__st_tensor {
    char *name;
    nlp__dtype dtype;
    int ndim;
    int64_t shape[NLP__MAX_DIMS];
    const void *data;
    size_t nbytes;
} nlp__st_tensor;

/* Number of elements (product of the shape; 1 for a scalar). */
int64_t nlp__st_numel(const nlp__st_tensor *tensor);

/* A validated, memory-mapped file. Tensors are in file header order. The
 * mapping lives until the last reference is dropped, so tensors handed to
 * libtorch without copying can keep it alive (see nlp__st_retain). */
typedef struct nlp__st_file nlp__st_file;

/* Open and validate path: header length below 100 MB and inside the file,
 * JSON object without duplicate keys, known dtypes, shape x dtype size ==
 * end - begin for every tensor, offsets inside the data area, no two tensors
 * overlapping, __metadata__ a string map. Errors: NLP_ERR_IO (cannot
 * open/map, directory), NLP_ERR_FORMAT (any inconsistency, including files
 * under 8 bytes), each with a message naming the file. The returned file
 * holds one reference. Thread-safe; a file may be read from many threads. */
nlp_status nlp__st_open(const char *path, nlp__st_file **out);
/* Reference counting (atomic): the mapping is unmapped when the last
 * reference is released. */
void nlp__st_retain(nlp__st_file *file);
void nlp__st_release(nlp__st_file *file); /* NULL ok */

size_t nlp__st_count(const nlp__st_file *file);
const nlp__st_tensor *nlp__st_at(const nlp__st_file *file, size_t index);
/* NULL when absent. */
const nlp__st_tensor *nlp__st_find(const nlp__st_file *file, const char *name);
/* Value of a __metadata__ key, or NULL. */
const char *nlp__st_metadata(const nlp__st_file *file, const char *key);
const char *nlp__st_path(const nlp__st_file *file);

/* A tensor to write: contiguous row-major bytes. */
typedef struct nlp__st_write_tensor {
    const char *name;
    nlp__dtype dtype;
    int ndim;
    const int64_t *shape;
    const void *data;
} nlp__st_write_tensor;

/* Write tensors with metadata {"format": "pt"} to path atomically: a temp
 * file in the same folder, fsync, rename. The data area starts 8-byte
 * aligned and is packed widest dtype first (the caller's order within a
 * width), so each tensor is aligned to its element size. Errors:
 * NLP_ERR_INVALID_ARG (bad name, dtype, shape, duplicate name; nothing is
 * written), NLP_ERR_IO (cannot create or write; the temp file is removed).
 * On failure the old file at path, if any, is untouched. */
nlp_status nlp__st_write(const char *path, const nlp__st_write_tensor *tensors,
                         size_t count);

#ifdef __cplusplus
}
#endif

#endif
