/* test_support.h - helpers shared by the Criterion tests. */
#ifndef NLP_TEST_SUPPORT_H
#define NLP_TEST_SUPPORT_H

#include <stdbool.h>
#include <stddef.h>

/* Path of `rel` under ../shared (beside the checkout), in a static buffer
 * of this thread. When ../shared is missing the calling test is skipped with
 * a message saying so. */
const char *shared_path(const char *rel);

/* A fresh empty directory under the build tree (static buffer). */
const char *scratch_dir(const char *name);

/* Write text to NLP_BINARY_DIR/name and return that path (static buffer
 * of this thread); the calling test fails when it cannot be written. */
const char *scratch_file(const char *name, const char *text);

/* Write bytes to a file; returns false on failure. */
bool write_bytes(const char *path, const void *data, unsigned long size);

/* Entries of a folder, not counting names that start with a dot. */
size_t dir_entry_count(const char *dir);

/* Criterion parameters 0, 1, ..., n - 1 (size_t, n <= 256): one test per
 * row of a case table, so one failing row hides none of the others.
 *     ParameterizedTestParameters(suite, name) { return case_indices(N); }
 *     ParameterizedTest(size_t *i, suite, name) { ... table[*i] ... } */
struct criterion_test_params case_indices(size_t n);

#endif
