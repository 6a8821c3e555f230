/* Data-parallel training with 2 local Gloo ranks on 127.0.0.1 (free ports):
 * 2 ranks x batch B give the parameters of 1 process x batch 2B over the
 * same order; a rank that dies makes the other fail soon with an error
 * naming it, the last checkpoint stays loadable and a resume finishes. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* symlink, posix_spawn, nanosleep */
#endif
#include "io/safetensors.h"
#include "test_support.h"
#include "train_files.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <math.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define WORKER NLP_BINARY_DIR "/tests/test_dist_worker"

/* A TCP port nobody listens on now (the kernel's pick for port 0). */
static int free_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    cr_assert(fd >= 0);
    struct sockaddr_in a = {0};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    cr_assert_eq(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
    cr_assert_eq(getsockname(fd, (struct sockaddr *)&a, &len), 0);
    close(fd);
    return ntohs(a.sin_port);
}

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

typedef struct run {
    const char *task, *base, *train, *eval, *out, *resume;
    int batch, max_steps, eval_steps, die_rank, die_step;
} run;

typedef struct outcome {
    int status;
    long long steps;
    double train_loss, best_metric;
    char error[2048];
    double allreduce, exposed; /* nlp_train_report's all-reduce seconds */
    double seconds; /* until this rank exited */
} outcome;

static void read_outcome(const char *path, outcome *o)
{
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f, "no result file %s: the worker crashed", path);
    cr_assert_eq(fscanf(f, "status %d\nsteps %lld\ntrain_loss %lf\nbest_metric %lf\n"
                           "allreduce %lf %lf\nerror ", &o->status, &o->steps, &o->train_loss,
                        &o->best_metric, &o->allreduce, &o->exposed), 6);
    if (!fgets(o->error, sizeof o->error, f))
        o->error[0] = 0;
    fclose(f);
}

/* Start n ranks (n = 1: one plain process), wait for all (at most
 * limit_s; then kill them and fail). */
static void run_ranks(const run *r, int n_ranks, outcome out[], double limit_s)
{
    char port[16], args[6][32], result[2][4096], world[32];
    cr_assert(n_ranks >= 1 && n_ranks <= 2);
    snprintf(world, sizeof world, "WORLD_SIZE=%d", n_ranks);
    snprintf(port, sizeof port, "%d", free_port());
    snprintf(args[0], 32, "%d", r->batch);
    snprintf(args[1], 32, "%d", r->max_steps);
    snprintf(args[2], 32, "%d", r->eval_steps);
    snprintf(args[3], 32, "%d", r->die_rank);
    snprintf(args[4], 32, "%d", r->die_step);
    pid_t pid[2];
    double t0 = now_s();
    for (int rank = 0; rank < n_ranks; rank++) {
        snprintf(result[rank], sizeof result[rank], "%s.rank%d", r->out, rank);
        unlink(result[rank]);
        char *argv[] = {WORKER, (char *)r->task, (char *)r->base, (char *)r->train,
                        (char *)(r->eval ? r->eval : "-"), (char *)r->out, args[0], args[1],
                        args[2], args[3], args[4], (char *)(r->resume ? r->resume : "-"),
                        result[rank], NULL};
        size_t n = 0;
        while (environ[n])
            n++;
        char **env = calloc(n + 5, sizeof *env);
        char rank_var[32];
        char port_var[32];
        snprintf(rank_var, sizeof rank_var, "RANK=%d", rank);
        snprintf(port_var, sizeof port_var, "MASTER_PORT=%s", port);
        size_t k = 0;
        for (size_t i = 0; i < n; i++)
            if (strncmp(environ[i], "RANK=", 5) && strncmp(environ[i], "WORLD_SIZE=", 11) &&
                strncmp(environ[i], "MASTER_", 7))
                env[k++] = environ[i];
        env[k++] = rank_var;
        env[k++] = world;
        env[k++] = "MASTER_ADDR=127.0.0.1";
        env[k++] = port_var;
        cr_assert_eq(posix_spawn(&pid[rank], WORKER, NULL, NULL, argv, env), 0);
        free(env);
    }
    int done = 0;
    while (done < n_ranks) {
        for (int rank = 0; rank < n_ranks; rank++) {
            if (pid[rank] == 0)
                continue;
            int ws;
            if (waitpid(pid[rank], &ws, WNOHANG) == pid[rank]) {
                pid[rank] = 0;
                out[rank].seconds = now_s() - t0;
                done++;
            }
        }
        /* a rank told to hang is stopped once the others are done */
        bool hung = r->die_rank >= 0 && r->die_rank < n_ranks && pid[r->die_rank];
        if (hung && done == n_ranks - 1) {
            kill(pid[r->die_rank], SIGKILL);
            waitpid(pid[r->die_rank], NULL, 0);
            pid[r->die_rank] = 0;
            done++;
        }
        if (now_s() - t0 > limit_s) {
            for (int rank = 0; rank < n_ranks; rank++)
                if (pid[rank]) {
                    kill(pid[rank], SIGKILL);
                    waitpid(pid[rank], NULL, 0);
                }
            cr_assert_fail("the ranks did not finish within %.0f s: a hang", limit_s);
        }
        nanosleep(&(struct timespec){0, 50000000}, NULL);
    }
    for (int rank = 0; rank < n_ranks; rank++) {
        if (rank == r->die_rank)
            continue;
        read_outcome(result[rank], &out[rank]);
    }
}

/* The fixture BERT with dropout 0 (rank batches then differ from one
 * large batch only in the order of additions), in a scratch folder: links
 * to the fixture's files and an edited config.json. */
static char *dropout_free_bert(void)
{
    char *src = nlp__strdup(shared_path("fixtures/bert-tiny-ner"));
    char *dir = nlp__strdup(scratch_dir("dist_bert"));
    const char *links[] = {"model.safetensors", "vocab.txt", "tokenizer_config.json",
                           "special_tokens_map.json"};
    for (size_t i = 0; i < 4; i++) {
        char *from = path2(src, links[i]), *to = path2(dir, links[i]);
        cr_assert_eq(symlink(from, to), 0);
        free(from);
        free(to);
    }
    char *cfg_in = path2(src, "config.json"), *cfg_out = path2(dir, "config.json");
    json_error_t err;
    json_t *cfg = json_load_file(cfg_in, 0, &err);
    cr_assert_not_null(cfg, "%s", err.text);
    json_object_set_new(cfg, "hidden_dropout_prob", json_real(0));
    json_object_set_new(cfg, "attention_probs_dropout_prob", json_real(0));
    cr_assert_eq(json_dump_file(cfg, cfg_out, JSON_INDENT(2)), 0);
    json_decref(cfg);
    free(cfg_in);
    free(cfg_out);
    free(src);
    return dir;
}

/* Attention key biases have an exactly zero gradient (softmax ignores a
 * constant added to every key of a query), so what they get is rounding
 * noise that AdamW scales to full-size steps: 1e-5 cannot hold for them
 * between any two summation orders. The test checks they barely move. */
static bool is_key_bias(const char *name)
{
    const char *tail = "attention.self.key.bias";
    size_t n = strlen(name), k = strlen(tail);
    return n >= k && strcmp(name + n - k, tail) == 0;
}

/* Largest |a - b| over the tensors of two safetensors files: the key
 * biases alone (key_biases) or all others. */
static double max_abs_diff(const char *a, const char *b, bool key_biases)
{
    nlp__st_file *fa = NULL, *fb = NULL;
    cr_assert_eq(nlp__st_open(a, &fa), NLP_OK, "%s", nlp_last_error());
    cr_assert_eq(nlp__st_open(b, &fb), NLP_OK, "%s", nlp_last_error());
    cr_assert_eq(nlp__st_count(fa), nlp__st_count(fb));
    double worst = 0;
    for (size_t i = 0; i < nlp__st_count(fa); i++) {
        const nlp__st_tensor *t = nlp__st_at(fa, i), *u = nlp__st_find(fb, t->name);
        if (is_key_bias(t->name) != key_biases)
            continue;
        cr_assert_not_null(u, "%s missing from %s", t->name, b);
        cr_assert_eq(t->dtype, NLP__F32, "%s", t->name);
        cr_assert_eq(t->nbytes, u->nbytes, "%s", t->name);
        const float *x = t->data, *y = u->data;
        for (size_t k = 0; k < t->nbytes / sizeof(float); k++)
            worst = fmax(worst, fabs((double)x[k] - (double)y[k]));
    }
    nlp__st_release(fa);
    nlp__st_release(fb);
    return worst;
}


/* r on 2 ranks with the summing settings of the environment variables
 * (name=value pairs, NULL-ended) into out_dir; its parameters' largest
 * difference from model_1 (a 1-process run's model.safetensors). */
static double two_ranks_against(run r, const char *out_dir, const char *const *env,
                                const outcome *one, const char *model_1, outcome out[2])
{
    for (size_t i = 0; env[i]; i += 2)
        cr_assert_eq(setenv(env[i], env[i + 1], 1), 0);
    r.out = out_dir;
    run_ranks(&r, 2, out, 240);
    for (size_t i = 0; env[i]; i += 2)
        unsetenv(env[i]);
    for (int k = 0; k < 2; k++) {
        cr_assert_eq(out[k].status, NLP_OK, "%s rank %d: %s", out_dir, k, out[k].error);
        cr_assert_eq(out[k].steps, r.max_steps);
        cr_assert_float_eq(out[k].train_loss, one->train_loss, 1e-5, "%s rank %d loss %.9g vs "
                           "%.9g", out_dir, k, out[k].train_loss, one->train_loss);
        /* evaluation is sharded over the ranks, then gathered: the same F1 */
        if (r.eval)
            cr_assert_float_eq(out[k].best_metric, one->best_metric, 1e-9, "rank %d F1", k);
        cr_assert(out[k].allreduce > 0, "%s rank %d: no all-reduce time", out_dir, k);
        cr_assert(out[k].exposed >= 0 && out[k].exposed <= out[k].allreduce * 1.000001 + 1e-6,
                  "%s rank %d: exposed %.6g of %.6g s", out_dir, k, out[k].exposed,
                  out[k].allreduce);
    }
    char *m2 = path2(out_dir, "model.safetensors");
    double diff = max_abs_diff(model_1, m2, false);
    cr_log_info("%s: max |param(2 ranks) - param(1 process)| = %.3g; all-reduce %.4f s, "
                "exposed %.4f s", out_dir, diff, out[0].allreduce, out[0].exposed);
    free(m2);
    return diff;
}

/* Sums during backward (c10d's Reducer: one bucket, then 4 KB buckets,
 * about one per tensor) and after it (the reference path) give the
 * parameters of one process with the global batch. */
Test(distributed, two_ranks_of_batch_4_equal_one_process_of_batch_8, .timeout = 600)
{
    char *base = dropout_free_bert();
    char *train = nlp__strdup(shared_path("data/conll2003/train.txt"));
    char *valid = nlp__strdup(shared_path("data/conll2003/valid.txt"));
    char *one = nlp__strdup(scratch_dir("dist_equiv_one"));

    /* the 32 examples once: 4 global batches of 8 */
    run r = {"ner", base, train, valid, one, NULL, 8, 4, 4, -1, -1};
    outcome r1;
    run_ranks(&r, 1, &r1, 120);
    cr_assert_eq(r1.status, NLP_OK, "one process: %s", r1.error);
    cr_assert_eq(r1.allreduce, 0);

    r.batch = 4;
    char *m1 = path2(one, "model.safetensors"), *m0 = path2(base, "model.safetensors");
    const char *overlap[] = {NULL}, *buckets[] = {"DIST_WORKER_BUCKET_MB", "0.004", NULL},
               *after[] = {"DIST_WORKER_AFTER_BACKWARD", "1", NULL};
    const char *const *modes[] = {overlap, buckets, after};
    const char *names[] = {"dist_equiv_two", "dist_equiv_buckets", "dist_equiv_after"};
    char *dirs[3];
    outcome out[2];
    for (int m = 0; m < 3; m++) {
        dirs[m] = nlp__strdup(scratch_dir(names[m]));
        double diff = two_ranks_against(r, dirs[m], modes[m], &r1, m1, out);
        cr_assert(diff <= 1e-5, "%s: parameters differ by %.3g", names[m], diff);
        if (modes[m] == after)
            cr_assert_eq(out[0].exposed, out[0].allreduce, "after backward nothing is hidden");
        /* many buckets: the first ones are summed while backward goes on */
        if (modes[m] == buckets)
            cr_assert(out[0].exposed < out[0].allreduce, "exposed %.6g of %.6g s",
                      out[0].exposed, out[0].allreduce);
    }
    /* both summing paths agree with each other as well */
    char *ma = path2(dirs[1], "model.safetensors"), *mb = path2(dirs[2], "model.safetensors");
    double paths = max_abs_diff(ma, mb, false);
    cr_log_info("max |param(during backward) - param(after backward)| = %.3g", paths);
    cr_assert(paths <= 1e-5, "the two summing paths differ by %.3g", paths);
    cr_assert(max_abs_diff(m1, m0, false) > 1e-3, "training moved the parameters");
    double noise = max_abs_diff(m1, m0, true);
    cr_assert(noise < 1e-4, "key biases moved %.3g: more than rounding noise", noise);
    char *ck = path2(dirs[0], "checkpoint-4");
    cr_assert(is_dir(ck), "rank 0 wrote the checkpoint");
    free(ck); free(ma); free(mb); free(m0); free(m1);
    for (int m = 0; m < 3; m++)
        free(dirs[m]);
    free(base); free(train); free(valid); free(one);
}

/* Gradient accumulation: the micro-steps before the last add up locally;
 * the sums run once, in the last one's backward (summing each micro-step
 * would count the earlier ones twice). */
Test(distributed, accumulating_two_ranks_sum_once_per_optimizer_step, .timeout = 600)
{
    char *base = dropout_free_bert();
    char *train = nlp__strdup(shared_path("data/conll2003/train.txt"));
    char *one = nlp__strdup(scratch_dir("dist_accum_one"));
    char *two = nlp__strdup(scratch_dir("dist_accum_two"));
    cr_assert_eq(setenv("DIST_WORKER_ACCUMULATE", "2", 1), 0);
    run r = {"ner", base, train, NULL, one, NULL, 4, 4, 4, -1, -1};
    outcome r1, out[2];
    run_ranks(&r, 1, &r1, 120);
    cr_assert_eq(r1.status, NLP_OK, "one process: %s", r1.error);
    r.batch = 2;
    const char *buckets[] = {"DIST_WORKER_BUCKET_MB", "0.004", NULL};
    char *m1 = path2(one, "model.safetensors");
    double diff = two_ranks_against(r, two, buckets, &r1, m1, out);
    unsetenv("DIST_WORKER_ACCUMULATE");
    cr_assert(diff <= 1e-5, "parameters differ by %.3g", diff);
    free(m1); free(base); free(train); free(one); free(two);
}

Test(distributed, a_killed_rank_is_named_the_checkpoint_loads_and_resume_finishes,
     .timeout = 300)
{
    char *base = nlp__strdup(shared_path("fixtures/bert-tiny-ner"));
    char *train = nlp__strdup(shared_path("data/conll2003/train.txt"));
    char *out_dir = nlp__strdup(scratch_dir("dist_fault"));

    /* rank 1 dies after step 3; the checkpoint of step 2 is the last */
    run r = {"ner", base, train, NULL, out_dir, NULL, 4, 6, 2, 1, 3};
    outcome out[2];
    run_ranks(&r, 2, out, 120);
    cr_assert_eq(out[0].status, NLP_ERR_IO, "rank 0: %d %s", out[0].status, out[0].error);
    cr_assert(strstr(out[0].error, "lost rank 1"), "the error names rank 1: %s", out[0].error);
    cr_assert(out[0].seconds < 60, "rank 0 gave up after %.1f s", out[0].seconds);
    cr_log_info("rank 0 stopped after %.1f s: %s", out[0].seconds, out[0].error);

    char *ck2 = path2(out_dir, "checkpoint-2");
    nlp_ner_model *m = NULL;
    cr_assert_eq(nlp_ner_load(ck2, NULL, &m), NLP_OK, "%s", nlp_last_error());
    nlp_ner_free(m);

    /* one process cannot take over a 2-rank checkpoint */
    run again = {"ner", base, train, NULL, out_dir, ck2, 4, 6, 2, -1, -1};
    run_ranks(&again, 1, out, 120);
    cr_assert_eq(out[0].status, NLP_ERR_INVALID_ARG);
    cr_assert(strstr(out[0].error, "written by 2 ranks, this run has 1"), "%s", out[0].error);

    run_ranks(&again, 2, out, 120);
    for (int k = 0; k < 2; k++) {
        cr_assert_eq(out[k].status, NLP_OK, "rank %d: %s", k, out[k].error);
        cr_assert_eq(out[k].steps, 6);
    }
    char *ck6 = path2(out_dir, "checkpoint-6");
    cr_assert(is_dir(ck6));
    free(ck6); free(ck2); free(base); free(train); free(out_dir);
}

Test(distributed, toxic_two_ranks_of_batch_2_equal_one_process_of_batch_4, .timeout = 300)
{
    char *base = nlp__strdup(shared_path("fixtures/t5-tiny")); /* dropout_rate 0 */
    char *train = nlp__strdup(shared_path("data/toxic-chat/toxicchat0124-human/train.csv"));
    char *test = nlp__strdup(shared_path("data/toxic-chat/toxicchat0124-human/test.jsonl"));
    char *one = nlp__strdup(scratch_dir("dist_toxic_one"));
    char *two = nlp__strdup(scratch_dir("dist_toxic_two"));

    run r = {"toxic", base, train, test, one, NULL, 4, 3, 3, -1, -1};
    outcome r1, out[2];
    run_ranks(&r, 1, &r1, 120);
    cr_assert_eq(r1.status, NLP_OK, "one process: %s", r1.error);
    r.out = two;
    r.batch = 2;
    run_ranks(&r, 2, out, 240);
    for (int k = 0; k < 2; k++) {
        cr_assert_eq(out[k].status, NLP_OK, "rank %d: %s", k, out[k].error);
        cr_assert_float_eq(out[k].train_loss, r1.train_loss, 1e-5, "rank %d loss", k);
        cr_assert_float_eq(out[k].best_metric, r1.best_metric, 1e-9, "rank %d F1", k);
    }
    char *m1 = path2(one, "model.safetensors"), *m2 = path2(two, "model.safetensors");
    char *m0 = path2(base, "model.safetensors");
    double diff = max_abs_diff(m1, m2, false);
    cr_log_info("T5: max |param(2 ranks) - param(1 process)| = %.3g", diff);
    cr_assert(diff <= 1e-5, "parameters differ by %.3g", diff);
    cr_assert(max_abs_diff(m1, m0, false) > 1e-4, "training moved the parameters");
    free(m0); free(m1); free(m2); free(base); free(train); free(test); free(one); free(two);
}

/* The store's host (rank 0) dies: rank 1 cannot reach the store either and
 * names rank 0. */
Test(distributed, a_killed_rank_0_is_named_by_rank_1, .timeout = 300)
{
    char *base = nlp__strdup(shared_path("fixtures/bert-tiny-ner"));
    char *train = nlp__strdup(shared_path("data/conll2003/train.txt"));
    char *out_dir = nlp__strdup(scratch_dir("dist_fault0"));
    run r = {"ner", base, train, NULL, out_dir, NULL, 4, 6, 2, 0, 3};
    outcome out[2];
    run_ranks(&r, 2, out, 120);
    cr_assert_eq(out[1].status, NLP_ERR_IO, "rank 1: %d %s", out[1].status, out[1].error);
    cr_assert(strstr(out[1].error, "lost rank 0"), "the error names rank 0: %s", out[1].error);
    cr_log_info("rank 1 stopped after %.1f s: %s", out[1].seconds, out[1].error);
    free(base); free(train); free(out_dir);
}

/* A rank that hangs (alive, connections open) is caught by the timeout. */
Test(distributed, a_hung_rank_is_named_after_the_timeout, .timeout = 300)
{
    char *base = nlp__strdup(shared_path("fixtures/bert-tiny-ner"));
    char *train = nlp__strdup(shared_path("data/conll2003/train.txt"));
    char *out_dir = nlp__strdup(scratch_dir("dist_hang"));
    cr_assert_eq(setenv("DIST_WORKER_HANG", "1", 1), 0);
    cr_assert_eq(setenv("DIST_WORKER_TIMEOUT_MS", "3000", 1), 0);
    run r = {"ner", base, train, NULL, out_dir, NULL, 4, 6, 2, 1, 3};
    outcome out[2];
    run_ranks(&r, 2, out, 120);
    unsetenv("DIST_WORKER_HANG");
    unsetenv("DIST_WORKER_TIMEOUT_MS");
    cr_assert_eq(out[0].status, NLP_ERR_IO, "rank 0: %d %s", out[0].status, out[0].error);
    cr_assert(strstr(out[0].error, "lost rank 1"), "the error names rank 1: %s", out[0].error);
    cr_log_info("rank 0 stopped after %.1f s: %s", out[0].seconds, out[0].error);
    free(base); free(train); free(out_dir);
}

Test(distributed, several_ranks_without_a_rank_are_refused_by_name)
{
    char *base = nlp__strdup(shared_path("fixtures/bert-tiny-ner"));
    char *train = nlp__strdup(shared_path("data/conll2003/train.txt"));
    unsetenv("RANK");
    nlp_train_options o = nlp_train_options_default();
    o.output_dir = scratch_dir("dist_no_rank");
    o.max_train_examples = 8;
    o.max_steps = 1;
    o.dist_world_size = 2;
    cr_assert_eq(nlp_ner_train(base, train, NULL, &o, NULL), NLP_ERR_INVALID_ARG);
    cr_assert(strstr(nlp_last_error(), "set dist_rank or $RANK"), "%s", nlp_last_error());
    o.dist_rank = 2;
    cr_assert_eq(nlp_ner_train(base, train, NULL, &o, NULL), NLP_ERR_INVALID_ARG);
    cr_assert(strstr(nlp_last_error(), "dist_rank = 2 is out of range [0, 1]"), "%s",
              nlp_last_error());
    free(base); free(train);
}

Test(distributed, bad_bucket_options_are_refused_by_name)
{
    char *base = nlp__strdup(shared_path("fixtures/bert-tiny-ner"));
    char *train = nlp__strdup(shared_path("data/conll2003/train.txt"));
    nlp_train_options o = nlp_train_options_default();
    o.output_dir = scratch_dir("dist_bad_bucket");
    o.max_train_examples = 8;
    o.max_steps = 1;
    o.dist_bucket_cap_mb = -1;
    cr_assert_eq(nlp_ner_train(base, train, NULL, &o, NULL), NLP_ERR_INVALID_ARG);
    cr_assert(strstr(nlp_last_error(), "nlp_train_options.dist_bucket_cap_mb is out of range"),
              "%s", nlp_last_error());
    o.dist_bucket_cap_mb = 0;
    o.dist_reduce_after_backward = 2;
    cr_assert_eq(nlp_ner_train(base, train, NULL, &o, NULL), NLP_ERR_INVALID_ARG);
    cr_assert(strstr(nlp_last_error(), "dist_reduce_after_backward is out of range (allowed: "
                                       "0 or 1)"), "%s", nlp_last_error());
    free(base); free(train);
}
