/* fuzz_ner_data.h - the check shared by the NER data readers' targets. */
#ifndef NLP_FUZZ_NER_DATA_H
#define NLP_FUZZ_NER_DATA_H

#include "io/ner_data.h"

/* A failed read (st != NLP_OK) must leave d NULL and a message set; a
 * successful one must keep ner_data.h's invariants (sentences non-empty and
 * inside the token arrays, every tag id naming its tag). Aborts otherwise;
 * frees d. */
void nlp_fuzz_check_ner(nlp_status st, nlp__ner_data *d);

#endif
