/* textbuf.h - a growing NUL-terminated string for the report writers, with
 * the JSON pieces they need. Errors are sticky: after a failed append the
 * others do nothing and nlp__tb_take() reports NLP_ERR_NOMEM. */
#ifndef NLP_METRICS_TEXTBUF_H
#define NLP_METRICS_TEXTBUF_H

#include "core/core.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct nlp__textbuf {
    char *data;
    size_t len, cap;
    bool failed;
} nlp__textbuf;

void nlp__tb_printf(nlp__textbuf *b, const char *fmt, ...) NLP_PRINTF(2, 3);
void nlp__tb_append(nlp__textbuf *b, const char *s, size_t n);
/* A JSON string literal with the needed escapes. */
void nlp__tb_json_string(nlp__textbuf *b, const char *s);
/* A JSON number with the fewest digits that read back as the same double,
 * as Python's repr() writes it ("1.0", "0.5", "0.6377798141117947");
 * NaN and infinities become null. */
void nlp__tb_json_double(nlp__textbuf *b, double v);
/* Hand the string to the caller (free()), or fail with NLP_ERR_NOMEM. */
nlp_status nlp__tb_take(nlp__textbuf *b, char **out);

#ifdef __cplusplus
}
#endif

#endif
