/* entities_api.c - the exported nlp_entities accessors over lib/task's
 * result type (task/ner_entities.h). */
#include "task/ner_entities.h"

size_t nlp_entities_count(const nlp_entities *entities)
{
    return entities ? entities->count : 0;
}

const nlp_entity *nlp_entities_get(const nlp_entities *entities, size_t i)
{
    return entities && i < entities->count ? &entities->items[i] : NULL;
}

void nlp_entities_free(nlp_entities *entities)
{
    nlp__entities_free(entities);
}
