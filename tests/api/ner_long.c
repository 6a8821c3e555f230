/* Long texts (windows) and many threads on one model. */
#include "io/safetensors.h"
#include "ner_support.h"
#include "test_support.h"

#include <criterion/criterion.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The fixture with every value projection and position embedding zeroed:
 * attention then adds the same vector whatever the context, so a token's
 * logits depend on the token alone. Windows of a long text must then give
 * exactly what the sentences give alone: any difference is a seam bug. */
static const char *context_free_checkpoint(void)
{
    const char *dir = scratch_dir("ner-context-free");
    char cmd[8192];
    snprintf(cmd, sizeof cmd, "cp '%s'/config.json '%s'/vocab.txt '%s'/tokenizer_config.json '%s/'",
             shared_path(NER_FIXTURE), shared_path(NER_FIXTURE), shared_path(NER_FIXTURE), dir);
    cr_assert_eq(system(cmd), 0);
    nlp__st_file *f = NULL;
    cr_assert_eq(nlp__st_open(shared_path(NER_FIXTURE "/model.safetensors"), &f), NLP_OK);
    size_t n = nlp__st_count(f);
    nlp__st_write_tensor *w = calloc(n, sizeof *w);
    void **zeros = calloc(n, sizeof *zeros);
    for (size_t i = 0; i < n; i++) {
        const nlp__st_tensor *t = nlp__st_at(f, i);
        w[i] = (nlp__st_write_tensor){t->name, t->dtype, t->ndim, t->shape, t->data};
        if (strstr(t->name, "attention.self.value.weight") ||
            strstr(t->name, "position_embeddings")) {
            zeros[i] = calloc(1, t->nbytes);
            w[i].data = zeros[i];
        }
    }
    static char path[4200];
    snprintf(path, sizeof path, "%s/model.safetensors", dir);
    cr_assert_eq(nlp__st_write(path, w, n), NLP_OK, "%s", nlp_last_error());
    for (size_t i = 0; i < n; i++)
        free(zeros[i]);
    free(zeros);
    free(w);
    nlp__st_release(f);
    return dir;
}

static size_t count_chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

/* A separator word the model tags O, so no entity runs across sentences. */
static const char *o_separator(const nlp_ner_model *m)
{
    static const char *const candidates[] = {"|", ".", ";", "#", "the", "and", "~", "of", "@"};
    for (size_t i = 0; i < sizeof candidates / sizeof *candidates; i++) {
        nlp_entities *e = NULL;
        cr_assert_eq(nlp_ner_run(m, candidates[i], strlen(candidates[i]), &e), NLP_OK);
        size_t n = nlp_entities_count(e);
        nlp_entities_free(e);
        if (n == 0)
            return candidates[i];
    }
    cr_assert_fail("no separator is tagged O");
    return NULL;
}

static void check_long_text(size_t max_length, size_t stride)
{
    nlp_ner_options o = nlp_ner_options_default();
    o.max_length = max_length;
    o.stride = stride;
    nlp_ner_model *m = ner_load_dir(context_free_checkpoint(), &o);
    const char *sep = o_separator(m);
    size_t n = 0;
    char **texts = conll_texts(3453, &n);
    /* Sentences until 10,000 words, joined by " sep ". */
    size_t words = 0, k = 0, cap = 1 << 20, used = 0;
    char *text = malloc(cap);
    size_t *offset = malloc(n * sizeof *offset);
    for (; k < n && words < 10000; k++) {
        for (const char *p = texts[k]; *p; p++)
            words += *p == ' ';
        words++;
        offset[k] = used;
        used += (size_t)snprintf(text + used, cap - used, "%s %s ", texts[k], sep);
    }
    cr_assert_lt(used, cap);
    size_t *lens = malloc(k * sizeof *lens);
    for (size_t i = 0; i < k; i++)
        lens[i] = strlen(texts[i]);
    nlp_entities **alone = calloc(k, sizeof *alone), *whole = NULL;
    cr_assert_eq(nlp_ner_run_batch(m, (const char *const *)texts, lens, k, alone), NLP_OK);
    cr_assert_eq(nlp_ner_run(m, text, used, &whole), NLP_OK, "%s", nlp_last_error());
    size_t j = 0;
    for (size_t i = 0; i < k; i++) {
        size_t chars = count_chars(text, offset[i]);
        for (size_t a = 0; a < nlp_entities_count(alone[i]); a++, j++) {
            const nlp_entity *x = nlp_entities_get(alone[i], a), *y = nlp_entities_get(whole, j);
            cr_assert_not_null(y, "entity '%s' of sentence %zu is lost", x->text, i);
            cr_assert(strcmp(x->label, y->label) == 0 && strcmp(x->text, y->text) == 0 &&
                      x->byte_start + offset[i] == y->byte_start &&
                      x->byte_end + offset[i] == y->byte_end &&
                      x->char_start + chars == y->char_start,
                      "sentence %zu: %s '%s' @%zu alone vs %s '%s' @%zu in the long text", i,
                      x->label, x->text, x->byte_start + offset[i], y->label, y->text,
                      y->byte_start);
            cr_assert_float_eq(x->score, y->score, 1e-5);
        }
        nlp_entities_free(alone[i]);
    }
    cr_assert_eq(j, nlp_entities_count(whole), "the long text has extra entities");
    cr_assert_gt(j, 1000);
    nlp_entities_free(whole);
    free(alone);
    free(lens);
    free(offset);
    free(text);
    free_texts(texts, n);
    nlp_ner_free(m);
}

Test(ner_long, ten_thousand_words_equal_the_sentences_alone)
{
    check_long_text(0, 128);  /* the model's 512 tokens, default stride */
    check_long_text(40, 10);  /* many seams */
}

typedef struct worker {
    const nlp_ner_model *model;
    char **texts;
    size_t n;
    nlp_entities **const *serial;
    int ok;
    char why[512];
} worker;

static void *work(void *arg)
{
    worker *w = arg;
    w->ok = 1;
    for (size_t i = 0; i < w->n && w->ok; i++) {
        nlp_entities *e = NULL;
        if (nlp_ner_run(w->model, w->texts[i], strlen(w->texts[i]), &e) != NLP_OK) {
            snprintf(w->why, sizeof w->why, "run %zu failed: %s", i, nlp_last_error());
            w->ok = 0;
        } else if (!same_entities(e, (*w->serial)[i], 0.0f, w->why, sizeof w->why)) {
            w->ok = 0;
        }
        nlp_entities_free(e);
    }
    return NULL;
}

Test(ner_threads, eight_threads_give_the_serial_results)
{
    nlp_ner_model *m = ner_fixture(NULL);
    size_t n = 0;
    char **texts = conll_texts(200, &n);
    nlp_entities **serial = calloc(n, sizeof *serial);
    for (size_t i = 0; i < n; i++)
        cr_assert_eq(nlp_ner_run(m, texts[i], strlen(texts[i]), &serial[i]), NLP_OK);
    worker w[8];
    pthread_t th[8];
    for (int t = 0; t < 8; t++) {
        w[t] = (worker){m, texts, n, &serial, 0, ""};
        cr_assert_eq(pthread_create(&th[t], NULL, work, &w[t]), 0);
    }
    for (int t = 0; t < 8; t++) {
        pthread_join(th[t], NULL);
        cr_assert(w[t].ok, "thread %d: %s", t, w[t].why);
    }
    for (size_t i = 0; i < n; i++)
        nlp_entities_free(serial[i]);
    free(serial);
    free_texts(texts, n);
    nlp_ner_free(m);
}
