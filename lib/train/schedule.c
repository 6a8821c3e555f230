/* schedule.c - linear warm-up then linear decay to 0. */
#include "train/schedule.h"

#include <math.h>

static int64_t at_least_one(int64_t x) { return x < 1 ? 1 : x; }

double nlp__linear_schedule_lr(double base_lr, int64_t done, int64_t warmup,
                               int64_t total)
{
    /* Python evaluates these quotients as float(a) / float(b) in double. */
    if (done < warmup)
        return base_lr * ((double)done / (double)at_least_one(warmup));
    double f = (double)(total - done) / (double)at_least_one(total - warmup);
    return base_lr * (f > 0.0 ? f : 0.0);
}

int64_t nlp__warmup_steps_for_ratio(int64_t total, double ratio)
{
    return ratio > 0 ? (int64_t)ceil((double)total * ratio) : 0;
}
