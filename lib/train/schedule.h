/* schedule.h - the learning-rate schedule of Hugging Face's
 * get_linear_schedule_with_warmup, as a pure function of the step. */
#ifndef NLP_TRAIN_SCHEDULE_H
#define NLP_TRAIN_SCHEDULE_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Learning rate for the optimizer step that follows `done` completed steps
 * (LambdaLR semantics: the first update uses done = 0, so with warm-up it
 * has lr 0, exactly as transformers' Trainer does):
 *   done < warmup:  base * done / max(1, warmup)
 *   otherwise:      base * max(0, (total - done) / max(1, total - warmup)) */
double nlp__linear_schedule_lr(double base_lr, int64_t done, int64_t warmup,
                               int64_t total);

/* Warm-up steps for a ratio of the total, as TrainingArguments does
 * (ceil(total * ratio)). */
int64_t nlp__warmup_steps_for_ratio(int64_t total, double ratio);

#ifdef __cplusplus
}
#endif

#endif
