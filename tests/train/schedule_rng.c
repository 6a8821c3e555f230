/* The learning-rate schedule and the trainer's PRNG. */
#include "train/rng.h"
#include "train/schedule.h"

#include <criterion/criterion.h>

Test(schedule, warms_up_from_zero_then_decays_to_zero)
{
    /* transformers: lr_lambda(0) = 0 with warm-up, so the first update is
     * made at lr 0. */
    cr_assert_eq(nlp__linear_schedule_lr(1.0, 0, 4, 10), 0.0);
    cr_assert_float_eq(nlp__linear_schedule_lr(1.0, 2, 4, 10), 0.5, 1e-15);
    cr_assert_float_eq(nlp__linear_schedule_lr(1.0, 4, 4, 10), 1.0, 1e-15);
    cr_assert_float_eq(nlp__linear_schedule_lr(2.0, 7, 4, 10), 1.0, 1e-15);
    cr_assert_eq(nlp__linear_schedule_lr(1.0, 10, 4, 10), 0.0);
    cr_assert_eq(nlp__linear_schedule_lr(1.0, 12, 4, 10), 0.0);
    /* No warm-up: the first step has the full rate. */
    cr_assert_eq(nlp__linear_schedule_lr(3e-5, 0, 0, 100), 3e-5);
    cr_assert_eq(nlp__warmup_steps_for_ratio(100, 0.1), 10);
    cr_assert_eq(nlp__warmup_steps_for_ratio(101, 0.1), 11);
    cr_assert_eq(nlp__warmup_steps_for_ratio(101, 0), 0);
}

Test(rng, same_seed_same_sequence_and_shuffles_are_permutations)
{
    nlp__rng a, b, c;
    nlp__rng_seed(&a, 42);
    nlp__rng_seed(&b, 42);
    nlp__rng_seed(&c, 43);
    int differ = 0;
    for (int i = 0; i < 100; i++) {
        uint32_t x = nlp__rng_next(&a);
        cr_assert_eq(x, nlp__rng_next(&b));
        differ += x != nlp__rng_next(&c);
    }
    cr_assert_gt(differ, 90);
    size_t items[50];
    int seen[50] = {0};
    for (size_t i = 0; i < 50; i++)
        items[i] = i;
    nlp__rng_shuffle(&a, items, 50);
    size_t fixed = 0;
    for (size_t i = 0; i < 50; i++) {
        seen[items[i]]++;
        fixed += items[i] == i;
    }
    for (size_t i = 0; i < 50; i++)
        cr_assert_eq(seen[i], 1);
    cr_assert_lt(fixed, 10);
    /* Saving the two state words is enough to resume the stream. */
    nlp__rng saved = a;
    uint32_t next = nlp__rng_next(&a);
    cr_assert_eq(nlp__rng_next(&saved), next);
}

Test(rng, below_and_uniform_stay_in_range_and_spread)
{
    nlp__rng r;
    nlp__rng_seed(&r, 7);
    int counts[6] = {0};
    double sum = 0;
    for (int i = 0; i < 6000; i++) {
        uint32_t k = nlp__rng_below(&r, 6);
        cr_assert_lt(k, 6u);
        counts[k]++;
        double u = nlp__rng_uniform(&r);
        cr_assert(u >= 0.0 && u < 1.0);
        sum += u;
    }
    for (int k = 0; k < 6; k++)
        cr_assert(counts[k] > 850 && counts[k] < 1150, "bucket %d: %d", k, counts[k]);
    cr_assert_float_eq(sum / 6000, 0.5, 0.02);
    cr_assert_eq(nlp__rng_below(&r, 0), 0u);
}
