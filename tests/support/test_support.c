#define _POSIX_C_SOURCE 200809L
#include "test_support.h"

#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *shared_path(const char *rel)
{
    static _Thread_local char buf[4096];
    const char *root = getenv("NLP_SHARED_DIR");
    char fallback[2048];
    if (!root) {
        snprintf(fallback, sizeof fallback, "%s/../shared", NLP_SOURCE_DIR);
        root = fallback;
    }
    struct stat st;
    if (stat(root, &st) != 0)
        cr_skip_test("../shared is absent (%s): fixture tests need it", root);
    snprintf(buf, sizeof buf, "%s/%s", root, rel);
    return buf;
}

const char *scratch_dir(const char *name)
{
    static _Thread_local char buf[4096];
    snprintf(buf, sizeof buf, "%s/test-scratch/%s-%ld", NLP_BINARY_DIR, name, (long)getpid());
    char cmd[8192];
    snprintf(cmd, sizeof cmd, "rm -rf '%s' && mkdir -p '%s'", buf, buf);
    cr_assert_eq(system(cmd), 0, "cannot create %s", buf);
    return buf;
}

bool write_bytes(const char *path, const void *data, unsigned long size)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return false;
    bool ok = fwrite(data, 1, size, f) == size;
    return fclose(f) == 0 && ok;
}

const char *scratch_file(const char *name, const char *text)
{
    static _Thread_local char path[4096];
    snprintf(path, sizeof path, "%s/%s", NLP_BINARY_DIR, name);
    cr_assert(write_bytes(path, text, strlen(text)), "cannot write %s", path);
    return path;
}

size_t dir_entry_count(const char *dir)
{
    DIR *d = opendir(dir);
    cr_assert_not_null(d, "%s", dir);
    size_t n = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;)
        n += e->d_name[0] != '.';
    closedir(d);
    return n;
}

struct criterion_test_params case_indices(size_t n)
{
    static size_t index[256];
    cr_assert(n <= sizeof index / sizeof index[0], "%zu cases: at most 256", n);
    for (size_t i = 0; i < n; i++)
        index[i] = i;
    return cr_make_param_array(size_t, index, n);
}
