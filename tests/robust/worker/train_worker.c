/* train_worker.c - a small NER training run in its own process, for the
 * fault tests in tests/robust/faults.c: killed with SIGKILL at a random
 * moment, run under a file size limit (a full disk), or run again and
 * again into one output folder while another process loads it.
 *
 * usage: train_worker BASE TRAIN EVAL OUT MAX_STEPS EVAL_STEPS RESUME|- FSIZE RUNS RESULT
 * FSIZE: 0, or RLIMIT_FSIZE in bytes with SIGXFSZ ignored, so a write past
 * it fails with EFBIG as on a full disk. RUNS: train this many times into
 * OUT (seeds 7, 8, ...), rewriting its final model each time. RESULT gets
 * "status N" and "error TEXT" lines for the last run. */
#include <nlp/nlp.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

/* One line per progress report: the step, for the test to time its kill. */
static int progress(const nlp_train_progress *p, void *user)
{
    (void)user;
    printf("%lld\n", p->step);
    fflush(stdout);
    return 0;
}

static nlp_train_options small_run(char **argv, int run)
{
    nlp_train_options o = nlp_train_options_default();
    o.output_dir = argv[4];
    o.max_steps = atol(argv[5]);
    o.eval_steps = atol(argv[6]);
    o.resume_from = strcmp(argv[7], "-") ? argv[7] : NULL;
    o.batch_size = 4;
    o.learning_rate = 1e-3;
    o.warmup_steps = 2;
    o.max_train_examples = 64;
    o.max_eval_examples = 8;
    o.eval_batch_size = 8;
    o.logging_steps = 1;
    o.use_cache = 0;
    o.seed = 7 + (uint64_t)run;
    o.callback = progress;
    return o;
}

int main(int argc, char **argv)
{
    if (argc != 11) {
        fprintf(stderr, "usage: %s BASE TRAIN EVAL OUT MAX_STEPS EVAL_STEPS RESUME|- FSIZE "
                        "RUNS RESULT\n", argv[0]);
        return 2;
    }
    long long fsize = atoll(argv[8]);
    if (fsize > 0) {
        signal(SIGXFSZ, SIG_IGN);
        struct rlimit rl = {(rlim_t)fsize, (rlim_t)fsize};
        if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
            return 4;
    }
    nlp_status st = NLP_OK;
    for (int run = 0; run < atoi(argv[9]) && st == NLP_OK; run++) {
        nlp_train_options o = small_run(argv, run);
        st = nlp_ner_train(argv[1], argv[2], argv[3], &o, NULL);
    }
    FILE *f = fopen(argv[10], "w");
    if (!f)
        return 3;
    fprintf(f, "status %d\nerror %s\n", (int)st, st == NLP_OK ? "" : nlp_last_error());
    fclose(f);
    return st == NLP_OK ? 0 : 1;
}
