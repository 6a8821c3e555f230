/* fuzz_ner_data.c - the invariants of a NER data set (fuzz_ner_data.h). */
#include "fuzz_ner_data.h"

#include <stdlib.h>
#include <string.h>

void nlp_fuzz_check_ner(nlp_status st, nlp__ner_data *d)
{
    if (st != NLP_OK) {
        if (d || !nlp_last_error()[0])
            abort();
        return;
    }
    for (size_t s = 0; s < d->sentence_count; s++)
        if (d->lengths[s] == 0 || d->starts[s] + d->lengths[s] > d->token_count)
            abort();
    for (size_t i = 0; i < d->token_count; i++) {
        if (!d->words[i] || d->tag_ids[i] < 0 || (size_t)d->tag_ids[i] >= d->label_count ||
            strcmp(d->tags[i], d->labels[d->tag_ids[i]]) != 0)
            abort();
    }
    nlp__ner_data_free(d);
}
