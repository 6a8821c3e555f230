/* rng.h - the trainer's own random numbers. A PCG32 generator (O'Neill's
 * pcg32_random_r, XSH-RR output) seeded through splitmix64: small, fast,
 * and the same sequence on every platform, so a seed fixes the data order
 * bit for bit and the state (two integers) can be saved with a checkpoint
 * for resuming. libtorch's generator is not used for data order. */
#ifndef NLP_TRAIN_RNG_H
#define NLP_TRAIN_RNG_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct nlp__rng {
    uint64_t state; /* PCG32 state */
    uint64_t inc;   /* stream selector, always odd */
} nlp__rng;

/* Seed: equal seeds give equal sequences. */
void nlp__rng_seed(nlp__rng *rng, uint64_t seed);
uint32_t nlp__rng_next(nlp__rng *rng);
/* Uniform integer in [0, bound) without modulo bias (Lemire's method with
 * rejection); bound 0 returns 0. */
uint32_t nlp__rng_below(nlp__rng *rng, uint32_t bound);
/* Uniform double in [0, 1) with 53 random bits. */
double nlp__rng_uniform(nlp__rng *rng);
/* Fisher-Yates shuffle of n indices in place. */
void nlp__rng_shuffle(nlp__rng *rng, size_t *items, size_t n);

#ifdef __cplusplus
}
#endif

#endif
