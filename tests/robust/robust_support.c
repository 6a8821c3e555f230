/* robust_support.c - see robust_support.h. */
#include "robust_support.h"

#include "test_support.h"

#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void robust_check(const char *id, nlp_status want, const char *says, robust_case_fn fn)
{
    char outcome[4096] = "";
    nlp_status got = fn(outcome, sizeof outcome);
    const char *text = got == NLP_OK ? outcome : nlp_last_error();
    cr_log_info("%s: %s: %s", id, nlp_status_str(got), text);
    cr_assert_eq(got, want, "%s: status %s, want %s; message: %s", id, nlp_status_str(got),
                 nlp_status_str(want), text);
    cr_assert(strstr(text, says) != NULL, "%s: \"%s\" lacks \"%s\"", id, text, says);
}

nlp_ner_model *robust_ner(void)
{
    static nlp_ner_model *m;
    if (!m)
        cr_assert_eq(nlp_ner_load(shared_path(NER_FIXTURE), NULL, &m), NLP_OK, "%s",
                     nlp_last_error());
    return m;
}

nlp_toxic_model *robust_toxic(void)
{
    static nlp_toxic_model *m;
    if (!m)
        cr_assert_eq(nlp_toxic_load(shared_path(T5_FIXTURE), NULL, &m), NLP_OK, "%s",
                     nlp_last_error());
    return m;
}

const char *robust_fixture_copy(const char *fixture, const char *name)
{
    static char dir[4096];
    snprintf(dir, sizeof dir, "%s", scratch_dir(name));
    char cmd[9000];
    snprintf(cmd, sizeof cmd, "cp -r '%s'/. '%s'/", shared_path(fixture), dir);
    cr_assert_eq(system(cmd), 0, "%s", cmd);
    return dir;
}

const char *robust_join(const char *dir, const char *file)
{
    static _Thread_local char path[4200];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    return path;
}

char *robust_read_file(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    cr_assert_eq(fread(buf, 1, (size_t)n, f), (size_t)n, "cannot read %s", path);
    fclose(f);
    buf[n] = '\0';
    if (size)
        *size = (size_t)n;
    return buf;
}
