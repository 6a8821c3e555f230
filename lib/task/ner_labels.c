/* ner_labels.c - parse id2label into tag kinds and entity types. */
#include "task/ner_labels.h"

#include <stdlib.h>
#include <string.h>

static nlp_status parse_one(const char *name, nlp__tag_kind *kind, char **type)
{
    *type = NULL;
    if (strcmp(name, "O") == 0) {
        *kind = NLP__TAG_O;
        return NLP_OK;
    }
    const char *rest = name;
    *kind = NLP__TAG_I;
    if ((name[0] == 'B' || name[0] == 'I') && (name[1] == '-' || name[1] == '_')) {
        *kind = name[0] == 'B' ? NLP__TAG_B : NLP__TAG_I;
        rest = name + 2;
    }
    *type = nlp__strdup(rest);
    return *type ? NLP_OK : NLP_ERR_NOMEM;
}

nlp_status nlp__ner_labels_init(nlp__ner_labels *l, char *const *names, size_t count)
{
    memset(l, 0, sizeof *l);
    if (count == 0)
        return nlp__fail(NLP_ERR_FORMAT, "the model has no labels (id2label)");
    l->names = nlp__calloc(count, sizeof *l->names);
    l->types = nlp__calloc(count, sizeof *l->types);
    l->kinds = nlp__calloc(count, sizeof *l->kinds);
    if (!l->names || !l->types || !l->kinds) {
        nlp__ner_labels_clear(l);
        return NLP_ERR_NOMEM;
    }
    l->count = count;
    for (size_t i = 0; i < count; i++) {
        const char *name = names[i] ? names[i] : "O";
        l->names[i] = nlp__strdup(name);
        if (!l->names[i] || parse_one(name, &l->kinds[i], &l->types[i]) != NLP_OK) {
            nlp__ner_labels_clear(l);
            return NLP_ERR_NOMEM;
        }
    }
    return NLP_OK;
}

void nlp__ner_labels_clear(nlp__ner_labels *l)
{
    for (size_t i = 0; l->names && i < l->count; i++) {
        free(l->names[i]);
        free(l->types[i]);
    }
    free(l->names);
    free(l->types);
    free(l->kinds);
    memset(l, 0, sizeof *l);
}

bool nlp__ner_same_type(const nlp__ner_labels *l, size_t a, size_t b)
{
    return l->types[a] && l->types[b] && strcmp(l->types[a], l->types[b]) == 0;
}
