/* train_files.c - see train_files.h. */
#include "train_files.h"
#include "io/safetensors.h"
#include "test_support.h"

#include <criterion/criterion.h>
#include <criterion/logging.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char *slurp(const char *path, size_t *size)
{
    char *data = NULL;
    cr_assert_eq(nlp__read_file(path, &data, size), NLP_OK, "%s", nlp_last_error());
    return data;
}

bool same_file(const char *a, const char *b)
{
    size_t na, nb;
    char *da = slurp(a, &na), *db = slurp(b, &nb);
    bool same = na == nb && memcmp(da, db, na) == 0;
    free(da);
    free(db);
    return same;
}

bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

char *path2(const char *dir, const char *name)
{
    char *p = nlp__path_join(dir, name);
    cr_assert_not_null(p);
    return p;
}

void assert_same_files(const char *a, const char *b, const char *const *files, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char *fa = path2(a, files[i]), *fb = path2(b, files[i]);
        cr_assert(same_file(fa, fb), "%s differs after resume", files[i]);
        free(fa);
        free(fb);
    }
}

static bool same_tensor(const nlp__st_tensor *t, const nlp__st_tensor *g)
{
    if (!g) {
        cr_log_error("missing %s", t->name);
        return false;
    }
    if (g->dtype != t->dtype || g->ndim != t->ndim ||
        memcmp(g->shape, t->shape, sizeof(int64_t) * (size_t)t->ndim) != 0) {
        cr_log_error("%s: dtype or shape differs", t->name);
        return false;
    }
    return true;
}

bool same_tensor_layout(const char *a, const char *b)
{
    nlp__st_file *fa = NULL, *fb = NULL;
    cr_assert_eq(nlp__st_open(a, &fa), NLP_OK, "%s", nlp_last_error());
    cr_assert_eq(nlp__st_open(b, &fb), NLP_OK, "%s", nlp_last_error());
    bool same = nlp__st_count(fa) == nlp__st_count(fb);
    for (size_t i = 0; same && i < nlp__st_count(fa); i++) {
        const nlp__st_tensor *t = nlp__st_at(fa, i);
        same = same_tensor(t, nlp__st_find(fb, t->name));
    }
    nlp__st_release(fa);
    nlp__st_release(fb);
    return same;
}
