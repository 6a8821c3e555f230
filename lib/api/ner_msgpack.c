/* ner_msgpack.c - entities as msgpack, the shape the bindings decode. */
#include "api/ner_model.h"

#include <msgpack.h>

#include <stdlib.h>
#include <string.h>

/* The msgpack_pack_* calls return non-zero when the buffer cannot grow;
 * the results are OR-ed so one check at the end catches any failure. */
static int pack_str(msgpack_packer *pk, const char *s, size_t n)
{
    return msgpack_pack_str(pk, n) | msgpack_pack_str_body(pk, s, n);
}

static int pack_key(msgpack_packer *pk, const char *key)
{
    return pack_str(pk, key, strlen(key));
}

static int pack_entity(msgpack_packer *pk, const nlp_entity *e)
{
    return msgpack_pack_map(pk, 7) |
           pack_key(pk, "class") | pack_key(pk, e->label) |
           pack_key(pk, "text") | pack_str(pk, e->text, e->byte_end - e->byte_start) |
           pack_key(pk, "start") | msgpack_pack_uint64(pk, e->char_start) |
           pack_key(pk, "end") | msgpack_pack_uint64(pk, e->char_end) |
           pack_key(pk, "byte_start") | msgpack_pack_uint64(pk, e->byte_start) |
           pack_key(pk, "byte_end") | msgpack_pack_uint64(pk, e->byte_end) |
           pack_key(pk, "score") | msgpack_pack_float(pk, e->score);
}

nlp_status nlp_ner_run_msgpack(const nlp_ner_model *model, const char *text, size_t len,
                               nlp_buffer *buffer)
{
    if (!buffer)
        return nlp__null_arg("nlp_ner_run_msgpack", "buffer");
    nlp_entities *ents = NULL;
    nlp_status st = nlp_ner_run(model, text, len, &ents);
    if (st != NLP_OK)
        return st;
    /* msgpack's sbuffer grows with realloc, so its bytes can be handed to
     * the caller and released with nlp_buffer_free's free(). */
    msgpack_sbuffer sb;
    msgpack_sbuffer_init(&sb);
    msgpack_packer pk;
    msgpack_packer_init(&pk, &sb, msgpack_sbuffer_write);
    int failed = msgpack_pack_map(&pk, 2) | pack_key(&pk, "text") |
                 pack_str(&pk, text ? text : "", len) | pack_key(&pk, "entities") |
                 msgpack_pack_array(&pk, ents->count);
    for (size_t i = 0; i < ents->count; i++)
        failed |= pack_entity(&pk, &ents->items[i]);
    nlp_entities_free(ents);
    if (failed || !sb.data) {
        msgpack_sbuffer_destroy(&sb);
        return nlp__fail(NLP_ERR_NOMEM, "nlp_ner_run_msgpack: out of memory");
    }
    buffer->data = (uint8_t *)sb.data;
    buffer->size = sb.size;
    return NLP_OK;
}
