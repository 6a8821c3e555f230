/* Readers on randomly damaged files: any status is fine, a crash or a
 * success without rows' invariants is not. Seeded, so failures repeat. */
#include "io/ner_data.h"
#include "io/text_data.h"
#include "test_support.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

static unsigned long next_random(unsigned long *state)
{
    *state = *state * 6364136223846793005ul + 1442695040888963407ul;
    return *state >> 33;
}

/* Overwrite, insert or delete a few bytes, with a bias to the characters
 * the formats care about. */
static size_t mutate(const char *src, char *dst, size_t cap, unsigned long *rng)
{
    static const char special[] = "\"\n,\r -{}[]:\\\xff\xc3";
    size_t n = strlen(src);
    memcpy(dst, src, n);
    for (int k = 0, edits = 1 + (int)(next_random(rng) % 4); k < edits && n + 1 < cap; k++) {
        size_t at = next_random(rng) % (n + 1);
        char c = special[next_random(rng) % (sizeof special - 1)];
        switch (next_random(rng) % 3) {
        case 0: if (at < n) dst[at] = c; break;
        case 1: memmove(dst + at + 1, dst + at, n - at); dst[at] = c; n++; break;
        default: if (at < n) { memmove(dst + at, dst + at + 1, n - at - 1); n--; }
        }
    }
    return n;
}

static void check_ner(const nlp__ner_data *d)
{
    size_t sum = 0;
    for (size_t s = 0; s < d->sentence_count; s++) {
        cr_assert_gt(d->lengths[s], 0);
        cr_assert_eq(d->starts[s], sum);
        sum += d->lengths[s];
    }
    cr_assert_eq(sum, d->token_count);
    for (size_t i = 0; i < d->token_count; i++)
        cr_assert_lt((size_t)d->tag_ids[i], d->label_count);
}

Test(mutated, damaged_files_never_crash_the_readers)
{
    static const char *seeds[] = {
        "-DOCSTART- -X- O O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\nPeter NNP B-NP I-PER\n",
        "{\"tokens\": [\"EU\", \"rejects\"], \"ner_tags\": [\"B-ORG\", \"O\"]}\n"
        "{\"tokens\": [\"Peter\"], \"ner_tags\": [\"I-PER\"]}\n",
        "conv_id,user_input,toxicity\na,\"hello, \"\"you\"\"\nthere\",0\nb,plain,1\n",
        "{\"user_input\": \"hi\\nthere\", \"toxicity\": 1}\n{\"user_input\": \"x\", \"toxicity\": false}\n",
    };
    static const char *names[] = {"m.conll", "m.ner.jsonl", "m.csv", "m.jsonl"};
    const char *dir = scratch_dir("mutated");
    unsigned long rng = 20240601;
    char path[4096], buf[512];
    for (int round = 0; round < 300; round++) {
        for (int f = 0; f < 4; f++) {
            size_t n = mutate(seeds[f], buf, sizeof buf, &rng);
            snprintf(path, sizeof path, "%s/%s", dir, names[f]);
            cr_assert(write_bytes(path, buf, n));
            if (f < 2) {
                nlp__ner_data *d = NULL;
                nlp_status st = f == 0 ? nlp__conll_read(path, NULL, &d)
                                       : nlp__ner_jsonl_read(path, NULL, &d);
                if (st == NLP_OK)
                    check_ner(d);
                else
                    cr_assert(strstr(nlp_last_error(), names[f]) != NULL, "%s", nlp_last_error());
                nlp__ner_data_free(d);
            } else {
                nlp__text_data *d = NULL;
                nlp_status st = nlp__text_data_read(path, NULL, &d);
                if (st == NLP_OK)
                    for (size_t i = 0; i < d->count; i++)
                        cr_assert(d->rows[i].label == 0 || d->rows[i].label == 1);
                else
                    cr_assert(strstr(nlp_last_error(), names[f]) != NULL, "%s", nlp_last_error());
                nlp__text_data_free(d);
            }
        }
    }
}
