/* robust_support.h - what the tests/robust files share: running one
 * bad-input case, the fixture models, damaged copies of fixtures. */
#ifndef NLP_TEST_ROBUST_SUPPORT_H
#define NLP_TEST_ROBUST_SUPPORT_H

#include "nlp/nlp.h"

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define NER_FIXTURE "fixtures/bert-tiny-ner"
#define T5_FIXTURE "fixtures/t5-tiny"

/* One case: returns the call's status; on NLP_OK it writes what it
 * checked into outcome (the table's "says" for the row). */
typedef nlp_status (*robust_case_fn)(char *outcome, size_t cap);

/* Run fn and fail the test unless it returns want and `says` is in
 * nlp_last_error() (or, on NLP_OK, in the outcome). */
void robust_check(const char *id, nlp_status want, const char *says, robust_case_fn fn);

/* The tiny fixture models with default options (loaded once per process;
 * failing the test on error). */
nlp_ner_model *robust_ner(void);
nlp_toxic_model *robust_toxic(void);

/* A copy of the fixture directory (under ../shared) in a fresh scratch
 * directory named name; returns its path (a static buffer, overwritten by
 * the next call). */
const char *robust_fixture_copy(const char *fixture, const char *name);

/* The whole file (NUL-terminated, malloc'd; *size its length); fails the
 * test when it cannot be read. */
char *robust_read_file(const char *path, size_t *size);

/* path joined as dir/file into a static buffer of this thread. */
const char *robust_join(const char *dir, const char *file);

#ifdef __cplusplus
}
#endif

#endif
