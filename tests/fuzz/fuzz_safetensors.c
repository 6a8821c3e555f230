/* fuzz_safetensors.c - libFuzzer target: arbitrary bytes as a .safetensors
 * file. Opening must fail with NLP_ERR_FORMAT (or IO) and a message, or
 * give tensors whose bytes all lie inside the mapping, match their shape
 * and dtype, and do not overlap (each is read end to end here, so ASan sees
 * any byte outside the file). */
#include "fuzz_support.h"
#include "io/safetensors.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = nlp_fuzz_write("input", data, size);
    nlp__st_file *file = NULL;
    nlp_status st = nlp__st_open(path, &file);
    if (st != NLP_OK) {
        if (file || !nlp_last_error()[0] || (st != NLP_ERR_FORMAT && st != NLP_ERR_IO))
            abort();
        return 0;
    }
    const uint8_t *lo = NULL, *hi = NULL; /* the tensors' span */
    size_t total = 0;
    for (size_t i = 0; i < nlp__st_count(file); i++) {
        const nlp__st_tensor *t = nlp__st_at(file, i);
        if (!t || !t->name || nlp__st_find(file, t->name) != t)
            abort();
        if ((size_t)nlp__st_numel(t) * nlp__dtype_size(t->dtype) != t->nbytes)
            abort();
        const uint8_t *b = t->data;
        unsigned sum = 0;
        for (size_t k = 0; k < t->nbytes; k++)
            sum += b[k];
        (void)sum;
        if (t->nbytes) {
            if (!lo || b < lo)
                lo = b;
            if (!hi || b + t->nbytes > hi)
                hi = b + t->nbytes;
            total += t->nbytes;
        }
    }
    if (total > (size_t)(hi - lo)) /* overlapping tensors */
        abort();
    nlp__st_metadata(file, "format");
    nlp__st_release(file);
    return 0;
}
