/* dist_worker.c - one rank of a data-parallel training run, for the tests in
 * tests/train/distributed.c. Rank, world size and rendezvous come from
 * torchrun's environment variables (RANK, WORLD_SIZE, MASTER_ADDR,
 * MASTER_PORT), as a user's program would get them. The outcome goes to
 * result_file as "key value" lines.
 *
 * usage: dist_worker ner|toxic BASE TRAIN EVAL|- OUT BATCH MAX_STEPS EVAL_STEPS
 *                    DIE_RANK DIE_STEP RESUME|- RESULT_FILE
 * DIE_RANK/DIE_STEP: that rank kills itself (SIGKILL, no clean-up) in the
 * progress callback after step DIE_STEP; -1 for none. With DIST_WORKER_HANG=1
 * in the environment it hangs there instead (the test kills it later).
 * DIST_WORKER_TIMEOUT_MS sets dist_timeout_ms (default 20000),
 * DIST_WORKER_BUCKET_MB dist_bucket_cap_mb, DIST_WORKER_AFTER_BACKWARD=1
 * dist_reduce_after_backward, DIST_WORKER_ACCUMULATE
 * gradient_accumulation_steps. The result file has the report's
 * all-reduce seconds (total, exposed) before the error line. */
#define _POSIX_C_SOURCE 200809L /* nanosleep */
#include <nlp/nlp.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int die_step = -1;

static int progress(const nlp_train_progress *p, void *user)
{
    (void)user;
    if (die_step >= 0 && p->step >= die_step) {
        const char *hang = getenv("DIST_WORKER_HANG");
        while (hang && strcmp(hang, "1") == 0)
            nanosleep(&(struct timespec){1, 0}, NULL);
        raise(SIGKILL);
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 13) {
        fprintf(stderr, "usage: %s ner|toxic BASE TRAIN EVAL OUT BATCH MAX_STEPS EVAL_STEPS "
                        "DIE_RANK DIE_STEP RESUME RESULT_FILE\n", argv[0]);
        return 2;
    }
    const char *rank = getenv("RANK");
    nlp_train_options o = nlp_train_options_default();
    o.output_dir = argv[5];
    o.batch_size = (size_t)atol(argv[6]);
    o.max_steps = atol(argv[7]);
    o.eval_steps = atol(argv[8]);
    if (rank && atoi(argv[9]) == atoi(rank))
        die_step = atoi(argv[10]);
    o.resume_from = strcmp(argv[11], "-") ? argv[11] : NULL;
    o.learning_rate = 1e-3;
    o.warmup_steps = 2;
    o.max_train_examples = 32;
    o.max_eval_examples = 16;
    o.eval_batch_size = 8;
    o.logging_steps = 1;
    o.seed = 7;
    const char *timeout = getenv("DIST_WORKER_TIMEOUT_MS");
    o.dist_timeout_ms = timeout ? atoll(timeout) : 20000;
    const char *bucket = getenv("DIST_WORKER_BUCKET_MB");
    o.dist_bucket_cap_mb = bucket ? atof(bucket) : 0;
    const char *after = getenv("DIST_WORKER_AFTER_BACKWARD");
    o.dist_reduce_after_backward = after && strcmp(after, "1") == 0;
    const char *accumulate = getenv("DIST_WORKER_ACCUMULATE");
    o.gradient_accumulation_steps = accumulate ? atoi(accumulate) : 1;
    o.callback = progress;
    const char *eval = strcmp(argv[4], "-") ? argv[4] : NULL;
    nlp_train_report r = {sizeof r};
    nlp_status st = strcmp(argv[1], "ner") == 0
                        ? nlp_ner_train(argv[2], argv[3], eval, &o, &r)
                        : nlp_toxic_train(argv[2], argv[3], eval, NULL, &o, &r);
    FILE *f = fopen(argv[12], "w");
    if (!f)
        return 3;
    fprintf(f, "status %d\nsteps %lld\ntrain_loss %.17g\nbest_metric %.17g\nallreduce %.9g %.9g\n"
               "error %s\n", (int)st, r.steps, r.train_loss, r.best_metric, r.allreduce_seconds,
            r.allreduce_exposed_seconds, st == NLP_OK ? "" : nlp_last_error());
    fclose(f);
    return st == NLP_OK ? 0 : 1;
}
