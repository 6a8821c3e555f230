/* seqeval.h - seqeval-compatible entity metrics (seqeval 1.2.2), internal
 * interface. The training code calls nlp__seqeval_evaluate_ids() on label
 * ids; the exported nlp_seqeval_* functions wrap the string version. */
#ifndef NLP_METRICS_SEQEVAL_H
#define NLP_METRICS_SEQEVAL_H

#include "core/core.h"

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Prefix letters as bits, so scheme patterns can name sets of them. */
enum {
    NLP__P_I = 1, NLP__P_O = 2, NLP__P_B = 4, NLP__P_E = 8, NLP__P_S = 16,
    NLP__P_ANY = 31
};

/* A tag split the way the chosen mode splits it. prefix is the tag's first
 * byte (default mode) or its NLP__P_* bit (strict mode); type indexes the
 * type table. */
typedef struct nlp__tag {
    unsigned char prefix;
    int32_t type;
} nlp__tag;

/* Interned entity type names: ids are dense, in first-seen order. */
typedef struct nlp__type_table {
    char **names;
    size_t count, cap;
    int32_t *slots;     /* open addressing, -1 = empty; size is a power of 2 */
    size_t slot_count;
} nlp__type_table;

void nlp__type_table_free(nlp__type_table *t);
/* The id of name[0..len); adds it when new. -1 on NOMEM. */
int32_t nlp__type_table_intern(nlp__type_table *t, const char *name, size_t len);

/* An entity: type id and span [start, end) in token positions that are
 * unique across the whole input (only equality matters). */
typedef struct nlp__entity {
    int32_t type;
    size_t start, end;
} nlp__entity;

typedef struct nlp__entity_list {
    nlp__entity *items;
    size_t count, cap;
} nlp__entity_list;

nlp_status nlp__entity_push(nlp__entity_list *l, int32_t type, size_t start, size_t end);

/* Split a tag string. Default mode: prefix = first byte, type = the text
 * after the first '-' of the rest (the whole rest without one), "_" when
 * empty. Strict mode: prefix must be one of I O B E S and allowed by the
 * scheme; type = the rest with '-' stripped from both ends, "_" when empty.
 * Returns NLP_ERR_INVALID_ARG (message set by the caller's context) for an
 * empty tag or, in strict mode, a prefix not allowed. */
nlp_status nlp__tag_parse(const char *tag, nlp_seqeval_mode mode, nlp_tag_scheme scheme,
                          nlp__type_table *types, nlp__tag *out);

/* Entities of flattened sentences, seqeval's get_entities (default mode). */
nlp_status nlp__entities_default(const nlp__tag *tags, const size_t *lengths, size_t n_sentences,
                                 int32_t o_type, nlp__entity_list *out);

/* Entities under a scheme, seqeval.scheme.Entities (strict mode). */
nlp_status nlp__entities_strict(const nlp__tag *tags, const size_t *lengths, size_t n_sentences,
                                nlp_tag_scheme scheme, int32_t o_type, nlp__entity_list *out);

/* numpy's float64 sum (np.sum / np.add.reduce): pairwise summation with an
 * 8-way unrolled base case, so averages round as seqeval's do. */
double nlp__np_sum(const double *a, size_t n);

struct nlp_seqeval_report {
    size_t type_count;
    nlp_entity_score *types;   /* sorted by name; type strings owned here */
    nlp_entity_score avg[3];   /* micro, macro, weighted */
    size_t tokens, tokens_correct;
    double accuracy;
};

/* Build the report from both entity lists (consumed: sorted in place). */
nlp_status nlp__seqeval_report_build(nlp__entity_list *gold, nlp__entity_list *pred,
                                     const nlp__type_table *types, size_t tokens,
                                     size_t tokens_correct, nlp_seqeval_report **out);

/* The defaults of nlp_seqeval_options (nlp.h), size set. */
nlp_seqeval_options nlp__seqeval_defaults(void);

/* Tags as strings: see nlp_seqeval_evaluate(). opts is a complete struct
 * (the api room has read the caller's) or NULL for the defaults. */
nlp_status nlp__seqeval_evaluate(const char *const *gold, const char *const *pred,
                                 const size_t *lengths, size_t n_sentences,
                                 const nlp_seqeval_options *opts, nlp_seqeval_report **out);

/* Tags as ids into labels[0..n_labels) (distinct names), as the training
 * code holds them. An id outside the range is NLP_ERR_INVALID_ARG. */
nlp_status nlp__seqeval_evaluate_ids(const int32_t *gold, const int32_t *pred,
                                     const size_t *lengths, size_t n_sentences,
                                     const char *const *labels, size_t n_labels,
                                     const nlp_seqeval_options *opts,
                                     nlp_seqeval_report **out);

void nlp__seqeval_report_free(nlp_seqeval_report *r);

/* Text and JSON renderings (see nlp_seqeval_report_text / _json). */
nlp_status nlp__seqeval_report_text(const nlp_seqeval_report *r, int digits, char **out);
nlp_status nlp__seqeval_report_json(const nlp_seqeval_report *r, char **out);

#ifdef __cplusplus
}
#endif

#endif
