/* rng.c - PCG32 seeded by splitmix64 (see rng.h for why not libtorch's). */
#include "train/rng.h"

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

void nlp__rng_seed(nlp__rng *rng, uint64_t seed)
{
    uint64_t sm = seed;
    uint64_t initstate = splitmix64(&sm);
    rng->inc = (splitmix64(&sm) << 1u) | 1u;
    rng->state = 0;
    nlp__rng_next(rng);
    rng->state += initstate;
    nlp__rng_next(rng);
}

uint32_t nlp__rng_next(nlp__rng *rng)
{
    uint64_t old = rng->state;
    rng->state = old * 6364136223846793005ull + rng->inc;
    uint32_t xorshifted = (uint32_t)(((old >> 18u) ^ old) >> 27u);
    uint32_t rot = (uint32_t)(old >> 59u);
    return (xorshifted >> rot) | (xorshifted << ((-rot) & 31u));
}

uint32_t nlp__rng_below(nlp__rng *rng, uint32_t bound)
{
    if (bound == 0)
        return 0;
    uint64_t m = (uint64_t)nlp__rng_next(rng) * bound;
    uint32_t low = (uint32_t)m;
    if (low < bound) {
        uint32_t threshold = (uint32_t)(-bound) % bound;
        while (low < threshold) {
            m = (uint64_t)nlp__rng_next(rng) * bound;
            low = (uint32_t)m;
        }
    }
    return (uint32_t)(m >> 32);
}

double nlp__rng_uniform(nlp__rng *rng)
{
    uint64_t hi = nlp__rng_next(rng) >> 5; /* 27 bits */
    uint64_t lo = nlp__rng_next(rng) >> 6; /* 26 bits */
    return (double)((hi << 26) | lo) * (1.0 / 9007199254740992.0);
}

void nlp__rng_shuffle(nlp__rng *rng, size_t *items, size_t n)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = nlp__rng_below(rng, (uint32_t)i);
        size_t t = items[i - 1];
        items[i - 1] = items[j];
        items[j] = t;
    }
}
