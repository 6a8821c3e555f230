/* The toxicity verdict rule: the generated word when it is a label word,
 * else the most probable label word; the score renormalised over the
 * label words. */
#include "task/toxic.h"

#include <criterion/criterion.h>

#include <math.h>

static const nlp__toxic_label yes_no[] = {{"yes", true}, {"no", false}};

Test(toxic_verdict, score_is_toxic_probability_renormalised_over_label_words)
{
    /* P(yes) = 0.3, P(no) = 0.1 of the whole vocabulary -> 0.75. */
    double lp[] = {log(0.3), log(0.1)};
    nlp_toxic_result r = {0};
    nlp__toxic_verdict(yes_no, 2, lp, "yes", &r);
    cr_expect_float_eq(r.score, 0.75, 1e-12);
    cr_expect_eq(r.is_toxic, 1);
    cr_expect_eq(r.matched, 1);
    cr_expect_eq(r.label, 0);
}

Test(toxic_verdict, generated_label_word_decides_even_against_probabilities)
{
    /* Possible with multi-piece label words: greedy decoding chooses step
     * by step, the score weighs whole sequences. */
    double lp[] = {log(0.6), log(0.2)};
    nlp_toxic_result r = {0};
    nlp__toxic_verdict(yes_no, 2, lp, "  no\n", &r);
    cr_expect_eq(r.matched, 1);
    cr_expect_eq(r.label, 1);
    cr_expect_eq(r.is_toxic, 0);
    cr_expect_float_eq(r.score, 0.75, 1e-12);
}

Test(toxic_verdict, unmatched_generation_follows_the_most_probable_label)
{
    double lp[] = {log(0.01), log(0.02)};
    nlp_toxic_result r = {0};
    nlp__toxic_verdict(yes_no, 2, lp, "maybe", &r);
    cr_expect_eq(r.matched, 0);
    cr_expect_eq(r.label, 1);
    cr_expect_eq(r.is_toxic, 0);
    cr_expect_float_eq(r.score, 1.0 / 3.0, 1e-12);

    nlp__toxic_verdict(yes_no, 2, lp, "Yes", &r); /* case matters */
    cr_expect_eq(r.matched, 0);
    nlp__toxic_verdict(yes_no, 2, lp, "", &r);
    cr_expect_eq(r.matched, 0);
}

Test(toxic_verdict, several_toxic_words_add_up)
{
    static const nlp__toxic_label three[] = {
        {"toxic", true}, {"harmful", true}, {"fine", false}};
    double lp[] = {log(0.2), log(0.2), log(0.1)};
    nlp_toxic_result r = {0};
    nlp__toxic_verdict(three, 3, lp, "other", &r);
    cr_expect_float_eq(r.score, 0.8, 1e-12);
    cr_expect_eq(r.is_toxic, 1);
}

Test(toxic_verdict, tiny_probabilities_do_not_underflow)
{
    /* log-probs far below exp()'s range still renormalise. */
    double lp[] = {-2000.0, -2000.0 - log(3.0)};
    nlp_toxic_result r = {0};
    nlp__toxic_verdict(yes_no, 2, lp, "", &r);
    cr_expect_float_eq(r.score, 0.75, 1e-12);
}
