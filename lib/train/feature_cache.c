/* feature_cache.c - msgpack feature cache (see feature_cache.h). Ids are
 * stored as raw int32 in host order, which is little-endian on every
 * platform libtorch supports; the magic guards against anything else. */
#include "train/feature_cache.h"
#include "train/files.h"

#include <msgpack.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char MAGIC[] = "nlp-features";
enum { CACHE_VERSION = 1 };

char *nlp__feature_cache_path(const char *dir, uint64_t key)
{
    char name[48];
    snprintf(name, sizeof name, "features-%016llx.msgpack", (unsigned long long)key);
    return nlp__path_join(dir, name);
}

static void pack_ids(msgpack_packer *pk, const int32_t *ids, uint32_t n)
{
    msgpack_pack_bin(pk, (size_t)n * 4);
    msgpack_pack_bin_body(pk, ids, (size_t)n * 4);
}

nlp_status nlp__feature_cache_save(const char *path, uint64_t key, const nlp__feature_set *set)
{
    msgpack_sbuffer buf;
    msgpack_sbuffer_init(&buf);
    msgpack_packer pk;
    msgpack_packer_init(&pk, &buf, msgpack_sbuffer_write);
    msgpack_pack_array(&pk, 5);
    msgpack_pack_str(&pk, sizeof MAGIC - 1);
    msgpack_pack_str_body(&pk, MAGIC, sizeof MAGIC - 1);
    msgpack_pack_int(&pk, CACHE_VERSION);
    msgpack_pack_uint64(&pk, key);
    msgpack_pack_uint64(&pk, set->truncated);
    msgpack_pack_array(&pk, set->count);
    for (size_t i = 0; i < set->count; i++) {
        msgpack_pack_array(&pk, 2);
        pack_ids(&pk, set->items[i].input_ids, set->items[i].n_input);
        pack_ids(&pk, set->items[i].labels, set->items[i].n_labels);
    }
    nlp_status st = buf.data ? nlp__write_atomic(path, buf.data, buf.size)
                             : nlp__fail(NLP_ERR_NOMEM, "packing the feature cache");
    msgpack_sbuffer_destroy(&buf);
    return st;
}

static bool header_matches(const msgpack_object *root, uint64_t key)
{
    if (root->type != MSGPACK_OBJECT_ARRAY || root->via.array.size != 5)
        return false;
    const msgpack_object *o = root->via.array.ptr;
    return o[0].type == MSGPACK_OBJECT_STR && o[0].via.str.size == sizeof MAGIC - 1 &&
           memcmp(o[0].via.str.ptr, MAGIC, sizeof MAGIC - 1) == 0 &&
           o[1].type == MSGPACK_OBJECT_POSITIVE_INTEGER && o[1].via.u64 == CACHE_VERSION &&
           o[2].type == MSGPACK_OBJECT_POSITIVE_INTEGER && o[2].via.u64 == key;
}

static nlp_status unpack_items(const char *path, const msgpack_object *items,
                               nlp__feature_set *set)
{
    for (uint32_t i = 0; i < items->via.array.size; i++) {
        const msgpack_object *pair = &items->via.array.ptr[i];
        if (pair->type != MSGPACK_OBJECT_ARRAY || pair->via.array.size != 2 ||
            pair->via.array.ptr[0].type != MSGPACK_OBJECT_BIN ||
            pair->via.array.ptr[1].type != MSGPACK_OBJECT_BIN ||
            pair->via.array.ptr[0].via.bin.size % 4 || pair->via.array.ptr[1].via.bin.size % 4)
            return nlp__fail(NLP_ERR_FORMAT, "%s: feature %u is malformed", path, i);
        const msgpack_object_bin *a = &pair->via.array.ptr[0].via.bin;
        const msgpack_object_bin *b = &pair->via.array.ptr[1].via.bin;
        nlp_status st = nlp__feature_set_push(set, (const int32_t *)(const void *)a->ptr,
                                              a->size / 4, (const int32_t *)(const void *)b->ptr,
                                              b->size / 4);
        if (st != NLP_OK)
            return st;
    }
    return NLP_OK;
}

nlp_status nlp__feature_cache_load(const char *path, uint64_t key, nlp__feature_set *set)
{
    if (!nlp__file_exists(path))
        return NLP_ERR_NOT_FOUND;
    char *data = NULL;
    size_t size = 0;
    nlp_status st = nlp__read_file(path, &data, &size);
    if (st != NLP_OK)
        return st;
    msgpack_unpacked msg;
    msgpack_unpacked_init(&msg);
    size_t off = 0;
    if (msgpack_unpack_next(&msg, data, size, &off) != MSGPACK_UNPACK_SUCCESS) {
        st = nlp__fail(NLP_ERR_FORMAT, "%s: not a msgpack feature cache", path);
    } else if (!header_matches(&msg.data, key)) {
        st = NLP_ERR_NOT_FOUND;
    } else {
        const msgpack_object *o = msg.data.via.array.ptr;
        if (o[3].type != MSGPACK_OBJECT_POSITIVE_INTEGER || o[4].type != MSGPACK_OBJECT_ARRAY)
            st = nlp__fail(NLP_ERR_FORMAT, "%s: malformed feature cache", path);
        else
            st = unpack_items(path, &o[4], set);
        set->truncated = o[3].via.u64;
    }
    if (st != NLP_OK)
        nlp__feature_set_clear(set);
    msgpack_unpacked_destroy(&msg);
    free(data);
    return st;
}
