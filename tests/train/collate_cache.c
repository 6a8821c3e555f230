/* Dynamic padding, epoch order, the msgpack feature cache and file helpers. */
#include "train/collate.h"
#include "train/feature_cache.h"
#include "train/files.h"
#include "test_support.h"

#include <criterion/criterion.h>
#include <string.h>

static void three_features(nlp__feature_set *set)
{
    int32_t a[] = {101, 5, 102}, la[] = {-100, 1, -100};
    int32_t b[] = {101, 5, 6, 7, 102}, lb[] = {-100, 0, 3, 4, -100};
    int32_t c[] = {101, 102}, lc[] = {-100, -100};
    cr_assert_eq(nlp__feature_set_push(set, a, 3, la, 3), NLP_OK);
    cr_assert_eq(nlp__feature_set_push(set, b, 5, lb, 5), NLP_OK);
    cr_assert_eq(nlp__feature_set_push(set, c, 2, lc, 2), NLP_OK);
}

Test(collate, pads_ids_attention_and_labels_to_the_longest_row)
{
    nlp__feature_set set = {0};
    three_features(&set);
    size_t idx[] = {0, 1};
    nlp__batch b;
    cr_assert_eq(nlp__collate(&set, idx, 2, 0, &b), NLP_OK);
    cr_assert_eq(b.rows, 2);
    cr_assert_eq(b.cols, 5);
    int64_t ids[] = {101, 5, 102, 0, 0, 101, 5, 6, 7, 102};
    int64_t mask[] = {1, 1, 1, 0, 0, 1, 1, 1, 1, 1};
    int64_t labels[] = {-100, 1, -100, -100, -100, -100, 0, 3, 4, -100};
    cr_assert_arr_eq(b.input_ids, ids, sizeof ids);
    cr_assert_arr_eq(b.attention_mask, mask, sizeof mask);
    cr_assert_arr_eq(b.labels, labels, sizeof labels);
    cr_assert_eq(b.tokens, 8);
    nlp__batch_free(&b);
    nlp__batch_free(NULL);
    nlp__feature_set_clear(&set);
}

Test(collate, epoch_order_is_seeded_and_length_grouping_sorts_megabatches)
{
    nlp__feature_set set = {0};
    for (int i = 0; i < 40; i++) {
        int32_t ids[40] = {0};
        cr_assert_eq(nlp__feature_set_push(&set, ids, (uint32_t)(1 + (i * 7) % 40), ids, 1), NLP_OK);
    }
    size_t o1[40], o2[40], plain[40], grouped[40];
    nlp__rng r1, r2, r3;
    nlp__rng_seed(&r1, 5);
    nlp__rng_seed(&r2, 5);
    nlp__rng_seed(&r3, 5);
    nlp__epoch_order(&set, true, false, 4, &r1, o1);
    nlp__epoch_order(&set, true, false, 4, &r2, o2);
    cr_assert_arr_eq(o1, o2, sizeof o1);
    nlp__epoch_order(&set, false, false, 4, &r2, plain);
    for (size_t i = 0; i < 40; i++)
        cr_assert_eq(plain[i], i);
    /* 40 / (4 * 4) = 2 batches per megabatch: 8 items sorted, longest first. */
    nlp__epoch_order(&set, true, true, 4, &r3, grouped);
    for (size_t i = 0; i < 40; i++)
        if (i % 8 != 0)
            cr_assert_geq(set.items[grouped[i - 1]].n_input, set.items[grouped[i]].n_input);
    nlp__feature_set_clear(&set);
}

Test(feature_cache, round_trips_and_rejects_other_keys_and_garbage)
{
    nlp__feature_set set = {0}, back = {0};
    three_features(&set);
    set.truncated = 2;
    const char *dir = scratch_dir("feature_cache");
    char *path = nlp__feature_cache_path(dir, 0xabcdefull);
    cr_assert(strstr(path, "features-0000000000abcdef.msgpack"));
    cr_assert_eq(nlp__feature_cache_load(path, 0xabcdefull, &back), NLP_ERR_NOT_FOUND);
    cr_assert_eq(nlp__feature_cache_save(path, 0xabcdefull, &set), NLP_OK);
    cr_assert_eq(nlp__feature_cache_load(path, 0xabcdefull, &back), NLP_OK, "%s", nlp_last_error());
    cr_assert_eq(back.count, 3);
    cr_assert_eq(back.truncated, 2);
    for (size_t i = 0; i < 3; i++) {
        cr_assert_eq(back.items[i].n_input, set.items[i].n_input);
        cr_assert_arr_eq(back.items[i].input_ids, set.items[i].input_ids, set.items[i].n_input * 4);
        cr_assert_arr_eq(back.items[i].labels, set.items[i].labels, set.items[i].n_labels * 4);
    }
    nlp__feature_set_clear(&back);
    cr_assert_eq(nlp__feature_cache_load(path, 0x1234, &back), NLP_ERR_NOT_FOUND);
    cr_assert(write_bytes(path, "\xc1garbage", 8));
    cr_assert_eq(nlp__feature_cache_load(path, 0xabcdefull, &back), NLP_ERR_FORMAT);
    cr_assert_eq(back.count, 0);
    free(path);
    nlp__feature_set_clear(&set);
}

Test(files, hash_mkdirs_copy_and_remove)
{
    cr_assert_eq(nlp__fnv1a(NLP__FNV_OFFSET, "a", 1), 0xaf63dc4c8601ec8cull);
    const char *dir = scratch_dir("files");
    char *deep = nlp__path_join(dir, "a/b/c");
    cr_assert_eq(nlp__mkdirs(deep), NLP_OK);
    cr_assert_eq(nlp__mkdirs(deep), NLP_OK);
    char *f = nlp__path_join(deep, "x.txt"), *g = nlp__path_join(deep, "y.txt");
    cr_assert_eq(nlp__write_atomic(f, "hello", 5), NLP_OK);
    cr_assert_eq(nlp__copy_file(f, g), NLP_OK);
    uint64_t h1, h2;
    cr_assert_eq(nlp__hash_file(f, NLP__FNV_OFFSET, &h1), NLP_OK);
    cr_assert_eq(nlp__hash_file(g, NLP__FNV_OFFSET, &h2), NLP_OK);
    cr_assert_eq(h1, h2);
    cr_assert_eq(h1, nlp__fnv1a(NLP__FNV_OFFSET, "hello", 5));
    cr_assert_eq(nlp__remove_dir(deep), NLP_OK);
    cr_assert_not(nlp__file_exists(f));
    cr_assert_eq(nlp__hash_file(f, NLP__FNV_OFFSET, &h1), NLP_ERR_IO);
    free(deep); free(f); free(g);
}
