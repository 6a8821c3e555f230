/* Safetensors: the fixtures read, every corruption is refused with a message
 * naming the file, every dtype round-trips, writes are atomic. */
#define _POSIX_C_SOURCE 200809L
#include "core/atomic_file.h"
#include "io/safetensors.h"
#include "test_support.h"

#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

Test(safetensors, reads_the_bert_fixture_header_and_data)
{
    nlp__st_file *f = NULL;
    const char *path = shared_path("fixtures/bert-tiny-ner/model.safetensors");
    cr_assert_eq(nlp__st_open(path, &f), NLP_OK, "%s", nlp_last_error());
    cr_assert_eq(nlp__st_count(f), 39);
    cr_assert_str_eq(nlp__st_metadata(f, "format"), "pt");
    cr_assert_null(nlp__st_metadata(f, "nope"));
    const nlp__st_tensor *t = nlp__st_find(f, "bert.embeddings.word_embeddings.weight");
    cr_assert_not_null(t);
    cr_assert_eq(t->dtype, NLP__F32);
    cr_assert_eq(t->ndim, 2);
    cr_assert_eq(t->shape[0], 28996);
    cr_assert_eq(t->shape[1], 32);
    cr_assert_eq(t->nbytes, 28996u * 32 * 4);
    cr_assert_eq(nlp__st_numel(t), 28996 * 32);
    cr_assert_null(nlp__st_find(f, "bert.missing"));
    /* Every tensor is findable by its own name and lies inside the file. */
    for (size_t i = 0; i < nlp__st_count(f); i++)
        cr_assert_eq(nlp__st_find(f, nlp__st_at(f, i)->name), nlp__st_at(f, i));
    cr_assert_null(nlp__st_at(f, 39));
    nlp__st_retain(f);
    nlp__st_release(f);
    cr_assert_eq(nlp__st_find(f, "classifier.bias")->shape[0], 9); /* still mapped */
    nlp__st_release(f);
    nlp__st_release(NULL);
}

/* A file made of an 8-byte length, header text and n_data zero bytes. */
static const char *make_file(const char *dir, const char *name, uint64_t header_len,
                             const char *header, size_t n_data)
{
    static char path[4096];
    snprintf(path, sizeof path, "%s/%s.safetensors", dir, name);
    size_t hl = strlen(header), size = 8 + hl + n_data;
    unsigned char *buf = calloc(1, size);
    for (int i = 0; i < 8; i++)
        buf[i] = (unsigned char)(header_len >> (8 * i));
    memcpy(buf + 8, header, hl);
    cr_assert(write_bytes(path, buf, size));
    free(buf);
    return path;
}

typedef struct bad_case {
    const char *name, *header;
    size_t n_data;
    uint64_t claimed_len; /* 0: the header's real length */
    const char *needle;   /* part of the expected message */
} bad_case;

#define T1(dtype, shape, b, e) "\"a\":{\"dtype\":\"" dtype "\",\"shape\":" shape \
                               ",\"data_offsets\":[" #b "," #e "]}"

static const bad_case bad_cases[] = {
    {"bad_json", "{\"a\":{\"dtype\":\"F32\",", 0, 0, "not valid JSON"},
    {"not_object", "[1,2]", 0, 0, "not a JSON object"},
    {"past_end", "{}", 0, 1000, "past the end"},
    {"huge_claim", "{}", 0, 200000000ull, "limit"},
    {"shape_mismatch", "{" T1("F32", "[2,3]", 0, 20) "}", 24, 0, "needs 24 bytes"},
    {"outside_data", "{" T1("F32", "[2]", 0, 8) "}", 4, 0, "outside the data area"},
    {"unknown_dtype", "{" T1("F64", "[1]", 0, 8) "}", 8, 0, "unsupported dtype"},
    {"negative_dim", "{" T1("F32", "[-1]", 0, 0) "}", 0, 0, "shape[0]"},
    {"reversed_offsets", "{" T1("U8", "[0]", 4, 2) "}", 4, 0, "data_offsets"},
    {"overlap", "{" T1("F32", "[2]", 0, 8) ",\"b\":{\"dtype\":\"I32\",\"shape\":[1],"
                "\"data_offsets\":[4,8]}}", 8, 0, "overlap"},
    {"duplicate_key", "{" T1("U8", "[1]", 0, 1) "," T1("U8", "[1]", 1, 2) "}", 2, 0,
     "not valid JSON"},
    {"metadata_not_strings", "{\"__metadata__\":{\"format\":1}}", 0, 0, "__metadata__"},
    {"too_many_dims", "{" T1("U8", "[1,1,1,1,1,1,1,1,1]", 0, 1) "}", 1, 0, "dimensions"},
    {"huge_shape", "{" T1("U8", "[4294967296,4294967296,4294967296]", 0, 1) "}", 1, 0,
     "too large"},
};

#define N_BAD_CASES (sizeof bad_cases / sizeof bad_cases[0])

/* One test per corrupt header, so the first failure hides none of the
 * others; the parameter is an index into bad_cases. */
ParameterizedTestParameters(safetensors, corrupt_header_is_a_format_error_naming_the_file)
{
    return case_indices(N_BAD_CASES);
}

ParameterizedTest(size_t *i, safetensors, corrupt_header_is_a_format_error_naming_the_file)
{
    const bad_case *c = &bad_cases[*i];
    const char *dir = scratch_dir("st-corrupt");
    uint64_t len = c->claimed_len ? c->claimed_len : strlen(c->header);
    const char *path = make_file(dir, c->name, len, c->header, c->n_data);
    nlp__st_file *f = NULL;
    cr_assert_eq(nlp__st_open(path, &f), NLP_ERR_FORMAT, "%s: %s", c->name, nlp_last_error());
    cr_assert_null(f);
    cr_assert(strstr(nlp_last_error(), path) != NULL, "%s: %s", c->name, nlp_last_error());
    cr_assert(strstr(nlp_last_error(), c->needle) != NULL, "%s: %s", c->name,
              nlp_last_error());
}

Test(safetensors, empty_short_truncated_missing_and_directory_are_refused)
{
    const char *dir = scratch_dir("st-files");
    char path[4096];
    nlp__st_file *f = NULL;

    snprintf(path, sizeof path, "%s/empty.safetensors", dir);
    cr_assert(write_bytes(path, "", 0));
    cr_assert_eq(nlp__st_open(path, &f), NLP_ERR_FORMAT);
    cr_assert(strstr(nlp_last_error(), path) != NULL, "%s", nlp_last_error());

    snprintf(path, sizeof path, "%s/short.safetensors", dir);
    cr_assert(write_bytes(path, "\x02\0\0", 3));
    cr_assert_eq(nlp__st_open(path, &f), NLP_ERR_FORMAT);
    cr_assert(strstr(nlp_last_error(), "too short") != NULL, "%s", nlp_last_error());

    /* A real file cut in its data area: the last tensor's offsets now point
     * past the end. */
    char *data;
    size_t size;
    cr_assert_eq(nlp__read_file(shared_path("fixtures/bert-tiny-ner/model.safetensors"),
                                &data, &size), NLP_OK);
    snprintf(path, sizeof path, "%s/truncated.safetensors", dir);
    cr_assert(write_bytes(path, data, size - 100));
    cr_assert_eq(nlp__st_open(path, &f), NLP_ERR_FORMAT);
    cr_assert(strstr(nlp_last_error(), "outside the data area") != NULL, "%s",
              nlp_last_error());
    /* ... and cut inside its header. */
    cr_assert(write_bytes(path, data, 1000));
    cr_assert_eq(nlp__st_open(path, &f), NLP_ERR_FORMAT);
    cr_assert(strstr(nlp_last_error(), "past the end") != NULL, "%s", nlp_last_error());
    free(data);

    snprintf(path, sizeof path, "%s/missing.safetensors", dir);
    cr_assert_eq(nlp__st_open(path, &f), NLP_ERR_IO);
    cr_assert(strstr(nlp_last_error(), path) != NULL, "%s", nlp_last_error());

    cr_assert_eq(nlp__st_open(dir, &f), NLP_ERR_IO);
    cr_assert(strstr(nlp_last_error(), "is a directory") != NULL, "%s", nlp_last_error());
    cr_assert(strstr(nlp_last_error(), dir) != NULL, "%s", nlp_last_error());
    cr_assert_null(f);
}

/* ---- writing -------------------------------------------------------------- */

static uint8_t pattern[64 * 8];

/* One tensor of each dtype, odd sizes so packing must realign, plus a
 * scalar and an empty tensor. */
static const int64_t shape_3[] = {3}, shape_2x3[] = {2, 3}, shape_0x4[] = {0, 4},
                     shape_5[] = {5}, shape_1x1x7[] = {1, 1, 7};
static const nlp__st_write_tensor all_dtypes[] = {
    {"u8", NLP__U8, 1, shape_5, pattern},
    {"f16", NLP__F16, 1, shape_3, pattern + 1},
    {"f32", NLP__F32, 2, shape_2x3, pattern + 2},
    {"bool", NLP__BOOL, 1, shape_3, pattern + 3},
    {"bf16", NLP__BF16, 3, shape_1x1x7, pattern + 4},
    {"i64", NLP__I64, 1, shape_3, pattern + 5},
    {"i32", NLP__I32, 0, NULL, pattern + 6},
    {"i8", NLP__I8, 1, shape_5, pattern + 7},
    {"empty", NLP__F32, 2, shape_0x4, NULL},
};
#define N_ALL (sizeof all_dtypes / sizeof all_dtypes[0])

static void fill_pattern(void)
{
    for (size_t i = 0; i < sizeof pattern; i++)
        pattern[i] = (uint8_t)(i * 37 + 11);
}

static void assert_matches(const char *path, const nlp__st_write_tensor *want, size_t n)
{
    nlp__st_file *f = NULL;
    cr_assert_eq(nlp__st_open(path, &f), NLP_OK, "%s", nlp_last_error());
    cr_assert_eq(nlp__st_count(f), n);
    cr_assert_str_eq(nlp__st_metadata(f, "format"), "pt");
    for (size_t i = 0; i < n; i++) {
        const nlp__st_tensor *t = nlp__st_find(f, want[i].name);
        cr_assert_not_null(t, "%s missing", want[i].name);
        cr_assert_eq(t->dtype, want[i].dtype, "%s", want[i].name);
        cr_assert_eq(t->ndim, want[i].ndim, "%s", want[i].name);
        size_t bytes = nlp__dtype_size(t->dtype);
        for (int d = 0; d < t->ndim; d++) {
            cr_assert_eq(t->shape[d], want[i].shape[d]);
            bytes *= (size_t)want[i].shape[d];
        }
        cr_assert_eq(t->nbytes, bytes, "%s", want[i].name);
        cr_assert(bytes == 0 || memcmp(t->data, want[i].data, bytes) == 0, "%s", want[i].name);
        cr_assert_eq((uintptr_t)t->data % nlp__dtype_size(t->dtype), 0, "%s misaligned",
                     want[i].name);
    }
    nlp__st_release(f);
}

Test(safetensors, every_dtype_round_trips_aligned)
{
    fill_pattern();
    const char *dir = scratch_dir("st-roundtrip");
    char path[4096];
    snprintf(path, sizeof path, "%s/all.safetensors", dir);
    unsigned long synced = nlp__atomic_writes_synced();
    cr_assert_eq(nlp__st_write(path, all_dtypes, N_ALL), NLP_OK, "%s", nlp_last_error());
    cr_expect_eq(nlp__atomic_writes_synced(), synced + 1, "written by the one atomic writer");
    assert_matches(path, all_dtypes, N_ALL);

    /* The data area starts at a multiple of 8 and the header is JSON padded
     * with spaces, as Python's safetensors writes it. */
    char *data;
    size_t size;
    cr_assert_eq(nlp__read_file(path, &data, &size), NLP_OK);
    uint64_t n = 0;
    for (int i = 7; i >= 0; i--)
        n = (n << 8) | (uint8_t)data[i];
    cr_assert_eq((8 + n) % 8, 0);
    cr_assert_eq(data[8], '{');
    cr_assert(strstr(data + 8, "\"__metadata__\":{\"format\":\"pt\"}") != NULL);
    free(data);

    /* No tensors at all is a valid file too. */
    cr_assert_eq(nlp__st_write(path, NULL, 0), NLP_OK, "%s", nlp_last_error());
    assert_matches(path, NULL, 0);
}

Test(safetensors, failed_writes_leave_the_old_file_and_no_temp_files)
{
    fill_pattern();
    const char *dir = scratch_dir("st-atomic");
    char path[4096];
    snprintf(path, sizeof path, "%s/model.safetensors", dir);
    cr_assert_eq(nlp__st_write(path, all_dtypes, 3), NLP_OK, "%s", nlp_last_error());

    /* A bad tensor is refused before anything touches the disk. */
    const int64_t negative[] = {-2};
    nlp__st_write_tensor bad[] = {all_dtypes[0], {"neg", NLP__F32, 1, negative, pattern}};
    cr_assert_eq(nlp__st_write(path, bad, 2), NLP_ERR_INVALID_ARG);
    cr_assert(strstr(nlp_last_error(), "neg") != NULL, "%s", nlp_last_error());
    nlp__st_write_tensor badname[] = {{"bad\xff", NLP__U8, 1, shape_5, pattern}};
    cr_assert_eq(nlp__st_write(path, badname, 1), NLP_ERR_INVALID_ARG);
    cr_assert(strstr(nlp_last_error(), "UTF-8") != NULL, "%s", nlp_last_error());
    nlp__st_write_tensor dup[] = {all_dtypes[0], all_dtypes[0]};
    cr_assert_eq(nlp__st_write(path, dup, 2), NLP_ERR_INVALID_ARG);
    cr_assert(strstr(nlp_last_error(), "twice") != NULL, "%s", nlp_last_error());

    /* A write that fails half way (file size limit: EFBIG) keeps the old
     * file; this test runs in its own process, so the limit stays here. */
    signal(SIGXFSZ, SIG_IGN);
    struct rlimit lim = {.rlim_cur = 100, .rlim_max = RLIM_INFINITY};
    cr_assert_eq(setrlimit(RLIMIT_FSIZE, &lim), 0);
    cr_assert_eq(nlp__st_write(path, all_dtypes, N_ALL), NLP_ERR_IO);
    cr_assert(strstr(nlp_last_error(), path) != NULL, "%s", nlp_last_error());
    lim.rlim_cur = RLIM_INFINITY;
    cr_assert_eq(setrlimit(RLIMIT_FSIZE, &lim), 0);

    /* A target folder that does not exist. */
    char nowhere[4096];
    snprintf(nowhere, sizeof nowhere, "%s/no/such/dir/x.safetensors", dir);
    cr_assert_eq(nlp__st_write(nowhere, all_dtypes, 1), NLP_ERR_IO);
    cr_assert(strstr(nlp_last_error(), nowhere) != NULL, "%s", nlp_last_error());

    /* A folder we may not write to (root may write anywhere: skipped). */
    if (geteuid() != 0) {
        cr_assert_eq(chmod(dir, 0555), 0);
        cr_assert_eq(nlp__st_write(path, all_dtypes, N_ALL), NLP_ERR_IO);
        cr_assert(strstr(nlp_last_error(), "temporary file") != NULL, "%s", nlp_last_error());
        cr_assert_eq(chmod(dir, 0755), 0);
    }

    assert_matches(path, all_dtypes, 3);
    cr_assert_eq(dir_entry_count(dir), 1, "temporary files left behind");
}

/* Every single-byte change to a small valid file's header either still
 * parses or is refused with FORMAT: never a crash, never another status. */
Test(safetensors, mutated_headers_never_crash)
{
    fill_pattern();
    const char *dir = scratch_dir("st-mutate");
    char path[4096];
    snprintf(path, sizeof path, "%s/m.safetensors", dir);
    cr_assert_eq(nlp__st_write(path, all_dtypes, N_ALL), NLP_OK);
    char *good;
    size_t size;
    cr_assert_eq(nlp__read_file(path, &good, &size), NLP_OK);
    static const char subst[] = {'0', '9', '"', ',', ']', '}', '[', '-', 'x', '\0', '\xff'};
    size_t header_end = 8 + (size_t)(uint8_t)good[0] + 256 * (size_t)(uint8_t)good[1];
    size_t tried = 0, refused = 0;
    for (size_t at = 0; at < header_end; at++)
        for (size_t k = 0; k < sizeof subst; k++) {
            char orig = good[at];
            if (orig == subst[k])
                continue;
            good[at] = subst[k];
            cr_assert(write_bytes(path, good, size));
            nlp__st_file *f = NULL;
            nlp_status st = nlp__st_open(path, &f);
            cr_assert(st == NLP_OK || st == NLP_ERR_FORMAT, "byte %zu -> %d: %d %s", at,
                      subst[k], st, nlp_last_error());
            refused += st != NLP_OK;
            nlp__st_release(f);
            tried++;
            good[at] = orig;
        }
    cr_assert_gt(refused, tried / 2, "most changes must be caught (%zu of %zu)", refused,
                 tried);
    free(good);
}
