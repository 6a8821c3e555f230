/* fuzz_conll.c - libFuzzer target: the CoNLL column reader. The first byte
 * picks the options (bits 0-1: tag column -1, 0, 1 or 3; bit 2: IOB1 to
 * IOB2 conversion; bit 3: a fixed label set, the CoNLL-2003 names); the
 * rest is the file. Reading must fail with a status and a message, or give
 * a data set keeping ner_data.h's invariants. */
#include "fuzz_support.h"
#include "fuzz_ner_data.h"
#include "io/ner_data.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    static const int columns[4] = {-1, 0, 1, 3};
    nlp__ner_read_options o = nlp__ner_read_options_default();
    o.tag_column = columns[data[0] & 3];
    o.convert_iob1 = data[0] & 4;
    if (data[0] & 8) {
        o.labels = nlp__conll2003_labels;
        o.label_count = 9;
    }
    const char *path = nlp_fuzz_write("input", data + 1, size - 1);
    nlp__ner_data *d = NULL;
    nlp_status st = nlp__conll_read(path, &o, &d);
    nlp_fuzz_check_ner(st, d);
    return 0;
}
