/* ner_data.h - NER data sets in memory: sentences of (word, tag), read from
 * CoNLL column files (conll.c) or Hugging Face JSON Lines (jsonl_ner.c).
 * The exported nlp_conll handle is this struct. */
#ifndef NLP_IO_NER_DATA_H
#define NLP_IO_NER_DATA_H

#include "core/core.h"
#include "core/arena.h"

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct nlp__ner_read_options {
    int tag_column;          /* CoNLL: 0-based tag column, -1 = last */
    bool convert_iob1;       /* rewrite IOB1 as IOB2 while reading */
    /* A fixed label set (a checkpoint's id2label, in id order): tags must be
     * among these names and tag ids index them. NULL: collect the labels
     * from the data, sorted by byte order (as run_ner.py's get_label_list). */
    const char *const *labels;
    size_t label_count;
    const char *tokens_field; /* JSON Lines; NULL = "tokens" */
    const char *tags_field;   /* JSON Lines; NULL = "ner_tags" */
    /* JSON Lines without a fixed label set: the names integer tags index
     * (e.g. nlp__conll2003_labels); NULL: integer tags are an error. */
    const char *const *id_labels;
    size_t id_label_count;
} nlp__ner_read_options;

/* tag_column -1, convert_iob1 true, everything else unset. */
nlp__ner_read_options nlp__ner_read_options_default(void);
/* What nlp_conll_read does by default: the above, and JSON Lines integer
 * tags name nlp__conll2003_labels. */
nlp__ner_read_options nlp__ner_read_options_conll2003(void);

/* Hugging Face conll2003's ClassLabel names, in id order. */
extern const char *const nlp__conll2003_labels[9];

/* Invariants: tokens of sentence s are [starts[s], starts[s] + lengths[s]);
 * sentences are never empty; tags[i] == labels[tag_ids[i]]. */
struct nlp_conll {
    char *path;
    char *text;              /* CoNLL: the file, words point into it */
    nlp__arena strings;      /* JSON Lines: words live here */
    const char **words, **tags;
    int32_t *tag_ids;
    size_t token_count, token_cap;
    size_t *starts, *lengths;
    long *lines;             /* 1-based line of each sentence's first token */
    size_t sentence_count, sentence_cap;
    char **labels;
    size_t label_count, label_cap;
    bool labels_fixed;
    size_t converted;        /* tags rewritten from IOB1 to IOB2 */
    /* reading state */
    bool convert_iob1, open;
    int32_t prev_id;         /* previous tag of the open sentence, -1 none */
};
typedef struct nlp_conll nlp__ner_data;

nlp_status nlp__conll_read(const char *path, const nlp__ner_read_options *opts, nlp__ner_data **out);
nlp_status nlp__ner_jsonl_read(const char *path, const nlp__ner_read_options *opts,
                               nlp__ner_data **out);
/* Either of the two, as nlp__data_format_detect says (CSV is
 * NLP_ERR_FORMAT). */
nlp_status nlp__ner_read(const char *path, const nlp__ner_read_options *opts,
                         nlp__ner_data **out);
void nlp__ner_data_free(nlp__ner_data *d);

/* Building, for the readers. */
nlp_status nlp__ner_data_create(const char *path, const nlp__ner_read_options *opts,
                                nlp__ner_data **out);
/* Append a token to the open sentence (opening one at `line`). word must
 * outlive d. The tag is checked, converted from IOB1 when asked, and
 * interned; errors name path:line. */
nlp_status nlp__ner_data_add(nlp__ner_data *d, const char *word, const char *tag, long line);
/* Close the open sentence, if any. */
void nlp__ner_data_end_sentence(nlp__ner_data *d);
/* Sort a collected label set and fill tags[]. */
nlp_status nlp__ner_data_finish(nlp__ner_data *d);

#ifdef __cplusplus
}
#endif

#endif
