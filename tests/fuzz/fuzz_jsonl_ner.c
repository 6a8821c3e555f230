/* fuzz_jsonl_ner.c - libFuzzer target: the Hugging Face JSON Lines NER
 * reader. The first byte picks the options (bit 0: integer tags name the
 * CoNLL-2003 labels; bit 1: a fixed label set; bit 2: fields "words" and
 * "tags" instead of "tokens" and "ner_tags"; bit 3: IOB1 conversion); the
 * rest is the file. Checked as fuzz_ner_data.h says. */
#include "fuzz_support.h"
#include "fuzz_ner_data.h"
#include "io/ner_data.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    nlp__ner_read_options o = nlp__ner_read_options_default();
    if (data[0] & 1) {
        o.id_labels = nlp__conll2003_labels;
        o.id_label_count = 9;
    }
    if (data[0] & 2) {
        o.labels = nlp__conll2003_labels;
        o.label_count = 9;
    }
    if (data[0] & 4) {
        o.tokens_field = "words";
        o.tags_field = "tags";
    }
    o.convert_iob1 = data[0] & 8;
    const char *path = nlp_fuzz_write("input", data + 1, size - 1);
    nlp__ner_data *d = NULL;
    nlp_status st = nlp__ner_jsonl_read(path, &o, &d);
    nlp_fuzz_check_ner(st, d);
    return 0;
}
