/* text_checks.h - the run calls' checks of caller texts, shared by the NER
 * and toxicity entry points (lib/api). */
#ifndef NLP_CORE_TEXT_CHECKS_H
#define NLP_CORE_TEXT_CHECKS_H

#include "core/core.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Each of the n texts (noun: their plural name, "texts" or "words") must be
 * given (NULL only when empty), at most max_bytes long (option names the
 * limit in the message) and valid UTF-8. Messages start with fn and name
 * one text as "the text" (n == 1) or "texts[i]". */
nlp_status nlp__check_texts(const char *fn, const char *noun, const char *const *texts,
                            const size_t *lens, size_t n, size_t max_bytes, const char *option);

#ifdef __cplusplus
}
#endif

#endif
