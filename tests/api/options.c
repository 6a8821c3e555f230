/* The options contract (nlp.h, section 5): *_options_init fills exactly the
 * caller's size, every entry point reads options by their size with one
 * rule, and the 0.1 exported *_options_default functions still work. */
#include "test_support.h"

#include <nlp/nlp.h>

#include <criterion/criterion.h>

#include <stddef.h>
#include <string.h>

/* The 0.1 exported functions, reached by their symbol names: the 0.2
 * header replaces them with inline wrappers, as a 0.1 binary never sees. */
nlp_ner_options legacy_ner_default(void) __asm__("nlp_ner_options_default");
nlp_seqeval_options legacy_seqeval_default(void) __asm__("nlp_seqeval_options_default");
nlp_train_options legacy_train_default(void) __asm__("nlp_train_options_default");

static const char *gold[] = {"B-PER", "I-PER", "O", "I-LOC"};
static const char *pred[] = {"B-PER", "I-PER", "O", "I-LOC"};
static const size_t lengths[] = {4};

Test(options, init_writes_exactly_the_callers_size)
{
    unsigned char buf[64];
    memset(buf, 0xAB, sizeof buf);
    size_t size = offsetof(nlp_ner_options, num_threads);
    cr_assert_eq(nlp_ner_options_init((nlp_ner_options *)(void *)buf, size), NLP_OK, "%s",
                 nlp_last_error());
    size_t got;
    memcpy(&got, buf, sizeof got);
    cr_assert_eq(got, size);
    for (size_t i = size; i < sizeof buf; i++)
        cr_assert_eq(buf[i], 0xAB, "byte %zu written past the caller's size", i);
}

Test(options, init_zeroes_bytes_past_what_the_library_knows)
{
    unsigned char buf[sizeof(nlp_conll_options) + 16];
    memset(buf, 0xAB, sizeof buf);
    cr_assert_eq(nlp_conll_options_init((nlp_conll_options *)(void *)buf, sizeof buf), NLP_OK);
    for (size_t i = sizeof(nlp_conll_options); i < sizeof buf; i++)
        cr_assert_eq(buf[i], 0, "byte %zu", i);
    nlp_conll_options o;
    memcpy(&o, buf, sizeof o);
    cr_assert_eq(o.tag_column, -1);
    cr_assert_eq(o.convert_iob1, 1);
}

Test(options, init_refuses_null_and_impossible_sizes_naming_the_struct)
{
    nlp_seqeval_options o;
    cr_assert_eq(nlp_seqeval_options_init(NULL, sizeof o), NLP_ERR_INVALID_ARG);
    cr_assert(strstr(nlp_last_error(), "nlp_seqeval_options_init: options is NULL"), "%s",
              nlp_last_error());
    cr_assert_eq(nlp_seqeval_options_init(&o, 3), NLP_ERR_INVALID_ARG);
    cr_assert(strstr(nlp_last_error(), "nlp_seqeval_options.size is 3"), "%s",
              nlp_last_error());
}

Test(options, inline_default_matches_the_documented_defaults)
{
    nlp_ner_options n = nlp_ner_options_default();
    cr_assert_eq(n.size, sizeof n);
    cr_assert_str_eq(n.device, "auto");
    cr_assert_eq(n.batch_size, 32);
    cr_assert_eq(n.stride, 128);
    cr_assert_eq(n.sort_by_length, 1);
    nlp_eval_options e = nlp_eval_options_default();
    cr_assert_eq(e.size, sizeof e);
    cr_assert_eq(e.batch_size, 32);
    cr_assert_null(e.progress);
    nlp_train_options t = nlp_train_options_default();
    cr_assert_eq(t.seed, 42);
    cr_assert_eq(t.batch_size, 16);
}

Test(options, legacy_default_symbols_return_the_same_defaults)
{
    /* The 0.1 layout ends where the input limits (added after 0.2) begin. */
    nlp_ner_options a = legacy_ner_default(), b = nlp_ner_options_default();
    cr_assert_eq(a.size, offsetof(nlp_ner_options, max_text_bytes));
    cr_assert_eq(b.size, sizeof b);
    cr_assert_str_eq(a.device, b.device);
    cr_assert_eq(a.stride, b.stride);
    nlp_seqeval_options s = legacy_seqeval_default();
    cr_assert_eq(s.size, sizeof s);
    cr_assert_eq(s.mode, NLP_SEQEVAL_DEFAULT);
    /* The 0.1 symbol fills the 0.1 layout only: it ends where the
     * data-parallel fields (added in 0.2) begin. */
    nlp_train_options t = legacy_train_default();
    cr_assert_eq(t.size, offsetof(nlp_train_options, dist_world_size));
    cr_assert_eq(t.seed, 42);
}

/* 0.1 accepted this and silently scored in default mode. */
Test(options, zeroed_seqeval_options_with_strict_mode_are_refused)
{
    nlp_seqeval_options o;
    memset(&o, 0, sizeof o);
    o.mode = NLP_SEQEVAL_STRICT;
    nlp_seqeval_report *r = NULL;
    cr_assert_eq(nlp_seqeval_evaluate(gold, pred, lengths, 1, &o, &r), NLP_ERR_INVALID_ARG);
    cr_assert_null(r);
    cr_assert(strstr(nlp_last_error(), "nlp_seqeval_options.size is 0"), "%s",
              nlp_last_error());
}

Test(options, seqeval_strict_mode_is_read_when_the_size_is_set)
{
    nlp_seqeval_options o = nlp_seqeval_options_default();
    o.mode = NLP_SEQEVAL_STRICT;
    nlp_seqeval_report *r = NULL;
    cr_assert_eq(nlp_seqeval_evaluate(gold, pred, lengths, 1, &o, &r), NLP_OK, "%s",
                 nlp_last_error());
    /* Strict IOB2: a lone I-LOC is no entity, so only PER is counted. */
    cr_assert_eq(nlp_seqeval_type_count(r), 1);
    nlp_seqeval_report_free(r);
    cr_assert_eq(nlp_seqeval_evaluate(gold, pred, lengths, 1, NULL, &r), NLP_OK);
    cr_assert_eq(nlp_seqeval_type_count(r), 2);
    nlp_seqeval_report_free(r);
}

Test(options, a_newer_callers_unknown_fields_must_be_zero)
{
    struct {
        nlp_seqeval_options o;
        int future_field;
    } newer;
    cr_assert_eq(nlp_seqeval_options_init(&newer.o, sizeof newer), NLP_OK);
    nlp_seqeval_report *r = NULL;
    cr_assert_eq(nlp_seqeval_evaluate(gold, pred, lengths, 1, &newer.o, &r), NLP_OK, "%s",
                 nlp_last_error());
    nlp_seqeval_report_free(r);
    r = NULL;
    newer.future_field = 1;
    cr_assert_eq(nlp_seqeval_evaluate(gold, pred, lengths, 1, &newer.o, &r),
                 NLP_ERR_UNSUPPORTED);
    cr_assert(strstr(nlp_last_error(), "nlp_seqeval_options"), "%s", nlp_last_error());
    cr_assert_null(r);
}
