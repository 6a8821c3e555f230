/* fuzz_support.h - what the libFuzzer targets share: a scratch file per
 * process for readers that take a path, and the shared data folder (the
 * fixtures and vocabularies) located at run time. Built into every target
 * and into the replay programs (regression_driver.c). */
#ifndef NLP_FUZZ_SUPPORT_H
#define NLP_FUZZ_SUPPORT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Exit status of a target (or replay) that skips: its fixture is absent.
 * ctest counts it as skipped (SKIP_RETURN_CODE). */
#define NLP_FUZZ_SKIP 77

/* A private scratch folder of this process ($TMPDIR or /tmp), created on
 * first use; aborts when it cannot be made. */
const char *nlp_fuzz_dir(void);

/* Write bytes to <nlp_fuzz_dir()>/<name> (replacing it) and return the
 * path, valid until the next call with the same name. Aborts on an I/O
 * error: that is the harness failing, not the library. */
const char *nlp_fuzz_write(const char *name, const uint8_t *data, size_t size);

/* <shared>/<relative>, where <shared> is $NLP_SHARED_DIR, else the
 * ../shared folder beside the source tree. When the path does not exist,
 * print "<target>: SKIP: ..." and exit with NLP_FUZZ_SKIP. The result is
 * malloc'd: free() it. */
char *nlp_fuzz_shared(const char *target, const char *relative);

/* Split s[0..n) at '\n' into at most max words (pointers into s, lengths
 * in lens); returns the count. The pre-split words of the tokenizer
 * targets. */
size_t nlp_fuzz_split_words(const char *s, size_t n, const char **words, size_t *lens,
                            size_t max);

#ifdef __cplusplus
}
#endif

#endif
