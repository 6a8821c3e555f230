/* train_files.h - file checks the training tests share. */
#ifndef TESTS_TRAIN_FILES_H
#define TESTS_TRAIN_FILES_H

#include <stdbool.h>
#include <stddef.h>

bool same_file(const char *a, const char *b);
bool is_dir(const char *path);
/* dir/name, malloc'd (asserts on failure). */
char *path2(const char *dir, const char *name);
/* Assert that files[0..n) are byte-identical under dirs a and b. */
void assert_same_files(const char *a, const char *b, const char *const *files, size_t n);
/* Whether the safetensors files a and b hold the same tensor names, dtypes
 * and shapes (values may differ); the first difference is logged. */
bool same_tensor_layout(const char *a, const char *b);

#endif
