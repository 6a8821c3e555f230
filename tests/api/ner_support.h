/* ner_support.h - what the NER API tests share: the fixture model and
 * CoNLL-2003 sentences as texts. */
#ifndef NLP_TEST_NER_SUPPORT_H
#define NLP_TEST_NER_SUPPORT_H

#include "nlp/nlp.h"

#include <stddef.h>

#define NER_FIXTURE "fixtures/bert-tiny-ner"

/* The fixture model with options (NULL: defaults); fails the test on error. */
nlp_ner_model *ner_fixture(const nlp_ner_options *options);
nlp_ner_model *ner_load_dir(const char *dir, const nlp_ner_options *options);

/* Up to max sentences of ../shared/data/conll2003/test.txt, each as its
 * words joined by single spaces (malloc'd strings, *count of them). */
char **conll_texts(size_t max, size_t *count);
void free_texts(char **texts, size_t count);

/* True when two results hold the same entities (labels, offsets, text)
 * with scores within tol; the message names the first difference. */
int same_entities(const nlp_entities *a, const nlp_entities *b, float tol, char *why,
                  size_t why_size);

#endif
