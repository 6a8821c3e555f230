/* fuzz_text_data.c - libFuzzer target: the classification data readers
 * (CSV through libcsv, JSON Lines). The first byte picks the reader (bits
 * 0-1: 0 CSV, 1 JSON Lines, 2-3 detection by content) and the fields (bit
 * 2: "user_input" / "toxicity" named explicitly); the rest is the file.
 * Reading must fail with a status and a message, or give rows of valid
 * UTF-8 with labels 0 or 1 and a correct count of positives. */
#include "fuzz_support.h"
#include "core/core.h"
#include "io/text_data.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    nlp__text_options o = {0};
    if (data[0] & 4) {
        o.text_field = "user_input";
        o.label_field = "toxicity";
    }
    const char *path = nlp_fuzz_write("input", data + 1, size - 1);
    nlp__text_data *d = NULL;
    nlp_status st;
    switch (data[0] & 3) {
    case 0: st = nlp__csv_text_read(path, &o, &d); break;
    case 1: st = nlp__jsonl_text_read(path, &o, &d); break;
    default: st = nlp__text_data_read(path, &o, &d); break;
    }
    if (st != NLP_OK) {
        if (d || !nlp_last_error()[0])
            abort();
        return 0;
    }
    size_t positives = 0;
    for (size_t i = 0; i < d->count; i++) {
        const nlp__text_row *r = &d->rows[i];
        if ((r->label != 0 && r->label != 1) || r->line < 1 || r->text[r->length] != '\0' ||
            nlp__utf8_check(r->text, r->length) != NLP_OK)
            abort();
        positives += r->label == 1;
    }
    if (positives != d->positives)
        abort();
    nlp__text_data_free(d);
    return 0;
}
