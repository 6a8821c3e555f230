/* docs/robustness.md's bad-input table is exactly the rows of cases.h, in
 * order: every row of the table is a test, and every test is a row. On a
 * difference the expected table is written to
 * build/robustness-bad-input.md, ready to paste between the markers. */
#include "cases.h"
#include "nlp/nlp.h"
#include "robust_support.h"
#include "test_support.h"

#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BEGIN "<!-- bad-input-table: generated from tests/robust/cases.h -->\n"
#define END "<!-- end of bad-input-table -->\n"

static size_t append(char *buf, size_t used, size_t cap, const char *fmt, const char *a,
                     const char *b, const char *c, const char *d, const char *e)
{
    int n = snprintf(buf + used, cap - used, fmt, a, b, c, d, e);
    cr_assert(n >= 0 && used + (size_t)n < cap, "table buffer too small");
    return used + (size_t)n;
}

static char *expected_table(void)
{
    size_t cap = 1 << 16, used = 0;
    char *t = malloc(cap);
    used = append(t, used, cap, "%s%s%s%s%s", BEGIN,
                  "| Input | Call | Status | Message contains | Test |\n",
                  "|---|---|---|---|---|\n", "", "");
#define X(suite, id, input, call, want, says)                                                 \
    used = append(t, used, cap, "| %s | `%s` | `%s` | `%s` | `%s` |\n", input, call, #want,   \
                  says, #suite "/" #id);
    ROBUST_TEXT_CASES(X)
    ROBUST_CHECKPOINT_CASES(X)
    ROBUST_PICKLE_CASES(X)
    ROBUST_DATA_CASES(X)
#undef X
    append(t, used, cap, "%s%s%s%s%s", END, "", "", "", "");
    return t;
}

Test(bad_input_table, docs_table_is_exactly_the_tested_cases)
{
    char *want = expected_table();
    char *doc = robust_read_file(NLP_SOURCE_DIR "/docs/robustness.md", NULL);
    char *begin = strstr(doc, BEGIN), *end = begin ? strstr(begin, END) : NULL;
    int same = end && (size_t)(end + strlen(END) - begin) == strlen(want) &&
               memcmp(begin, want, strlen(want)) == 0;
    if (!same) {
        const char *out = NLP_BINARY_DIR "/robustness-bad-input.md";
        write_bytes(out, want, strlen(want));
        cr_assert_fail("docs/robustness.md's bad-input table differs from tests/robust/cases.h"
                       "%s; the expected table is in %s", begin ? "" : " (no begin marker)",
                       out);
    }
    free(doc);
    free(want);
}
