/* Faults during training (tests/robust/worker/train_worker.c runs it):
 * SIGKILL at random moments, a full disk during a save, and a reader
 * loading the output folder while a trainer rewrites it. */
#define _GNU_SOURCE
#include "io/safetensors.h"
#include "robust_support.h"
#include "test_support.h"

#include <criterion/criterion.h>

#include <dirent.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define WORKER NLP_BINARY_DIR "/tests/test_train_worker"
#define MAX_STEPS "24"
#define EVAL_STEPS "3"

typedef struct job {
    pid_t pid;
    FILE *steps; /* the worker's stdout: one line per progress report */
    char result[4200];
} job;

/* Start a worker; its progress lines arrive on job->steps. */
static void start(job *j, const char *out, const char *max_steps, const char *eval_steps,
                  const char *resume, const char *fsize, const char *runs)
{
    static char base[4096], train[4096], eval[4096];
    snprintf(base, sizeof base, "%s", shared_path(NER_FIXTURE));
    snprintf(train, sizeof train, "%s", shared_path("data/conll2003/train.txt"));
    snprintf(eval, sizeof eval, "%s", shared_path("data/conll2003/valid.txt"));
    snprintf(j->result, sizeof j->result, "%s.result", out);
    unlink(j->result);
    int fd[2];
    cr_assert_eq(pipe(fd), 0);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fd[1], 1);
    posix_spawn_file_actions_addclose(&fa, fd[0]);
    char *argv[] = {WORKER, base, train, eval, (char *)out, (char *)max_steps,
                    (char *)eval_steps, (char *)resume, (char *)fsize, (char *)runs,
                    j->result, NULL};
    cr_assert_eq(posix_spawn(&j->pid, WORKER, &fa, NULL, argv, environ), 0, "%s", WORKER);
    posix_spawn_file_actions_destroy(&fa);
    close(fd[1]);
    j->steps = fdopen(fd[0], "r");
}

/* Wait for the worker; its exit status, or -signal when killed. */
static int finish(job *j)
{
    int status = 0;
    cr_assert_eq(waitpid(j->pid, &status, 0), j->pid);
    fclose(j->steps);
    return WIFSIGNALED(status) ? -WTERMSIG(status) : WEXITSTATUS(status);
}

/* The "error" line of the result file. */
static const char *result_error(const job *j)
{
    static char line[4096];
    FILE *f = fopen(j->result, "r");
    cr_assert_not_null(f, "no result file %s", j->result);
    line[0] = '\0';
    char buf[4096];
    while (fgets(buf, sizeof buf, f))
        if (strncmp(buf, "error ", 6) == 0)
            snprintf(line, sizeof line, "%s", buf + 6);
    fclose(f);
    return line;
}

/* Step of out's newest complete checkpoint-N folder, or -1. */
static long newest_checkpoint(const char *out)
{
    DIR *d = opendir(out);
    long best = -1;
    for (struct dirent *e; d && (e = readdir(d));) {
        char *end;
        if (strncmp(e->d_name, "checkpoint-", 11) != 0)
            continue;
        long step = strtol(e->d_name + 11, &end, 10);
        if (*end == '\0' && step > best)
            best = step;
    }
    if (d)
        closedir(d);
    return best;
}

static bool same_bytes(const char *a, const char *b)
{
    char cmd[9000];
    snprintf(cmd, sizeof cmd, "cmp -s '%s' '%s'", a, b);
    return system(cmd) == 0;
}

/* The checkpoint loads as a model, and its optimizer state opens. */
static void assert_checkpoint_loads(const char *dir)
{
    nlp_ner_model *m = NULL;
    cr_assert_eq(nlp_ner_load(dir, NULL, &m), NLP_OK, "%s: %s", dir, nlp_last_error());
    nlp_ner_free(m);
    nlp__st_file *f = NULL;
    cr_assert_eq(nlp__st_open(robust_join(dir, "optimizer.safetensors"), &f), NLP_OK, "%s",
                 nlp_last_error());
    nlp__st_release(f);
}

static uint64_t next_random(uint64_t *s)
{
    *s ^= *s << 13, *s ^= *s >> 7, *s ^= *s << 17;
    return *s;
}

static void sleep_ms(long ms)
{
    nanosleep(&(struct timespec){ms / 1000, (ms % 1000) * 1000000L}, NULL);
}

Test(faults, sigkill_at_ten_random_moments_then_resume_gives_identical_weights, .timeout = 1500)
{
    char ref[4096], out[4096], resume[4200];
    snprintf(ref, sizeof ref, "%s", scratch_dir("kill-reference"));
    snprintf(out, sizeof out, "%s", scratch_dir("kill-chain"));
    job j;
    start(&j, ref, MAX_STEPS, EVAL_STEPS, "-", "0", "1");
    cr_assert_eq(finish(&j), 0, "%s", result_error(&j));

    uint64_t rng = 0x5eed2026;
    int killed = 0;
    for (int k = 0; k < 10; k++) {
        long newest = newest_checkpoint(out);
        snprintf(resume, sizeof resume, "%s/checkpoint-%ld", out, newest);
        /* A step after the newest checkpoint, then 0-80 ms more: the kill
         * lands in a step, an evaluation or a save. */
        long target = newest + 1 + (long)(next_random(&rng) % (uint64_t)(23 - (newest < 0 ? 0 : newest)));
        long extra = (long)(next_random(&rng) % 80);
        start(&j, out, MAX_STEPS, EVAL_STEPS, newest < 0 ? "-" : resume, "0", "1");
        char line[64];
        while (fgets(line, sizeof line, j.steps) && atol(line) < target)
            ;
        sleep_ms(extra);
        kill(j.pid, SIGKILL);
        int rc = finish(&j);
        killed += rc == -SIGKILL;
        long now = newest_checkpoint(out);
        cr_log_info("kill %d: after step %s +%ld ms (target %ld); newest checkpoint %ld", k,
                    strtok(line, "\n"), extra, target, now);
        cr_assert_geq(now, newest, "kill %d: checkpoint %ld vanished", k, newest);
        if (now >= 0) {
            snprintf(resume, sizeof resume, "%s/checkpoint-%ld", out, now);
            assert_checkpoint_loads(resume);
        }
    }
    cr_assert_eq(killed, 10, "every kill must land while the worker runs");

    long newest = newest_checkpoint(out);
    snprintf(resume, sizeof resume, "%s/checkpoint-%ld", out, newest);
    start(&j, out, MAX_STEPS, EVAL_STEPS, newest < 0 ? "-" : resume, "0", "1");
    cr_assert_eq(finish(&j), 0, "%s", result_error(&j));
    const char *files[] = {"model.safetensors", "checkpoint-" MAX_STEPS "/model.safetensors",
                           "checkpoint-" MAX_STEPS "/optimizer.safetensors"};
    for (size_t i = 0; i < 3; i++) {
        char a[4200], b[4200];
        snprintf(a, sizeof a, "%s/%s", ref, files[i]);
        snprintf(b, sizeof b, "%s/%s", out, files[i]);
        cr_assert(same_bytes(a, b), "%s differs from the uninterrupted run's", files[i]);
    }
}

/* Files under dir (recursively) whose name holds a temporary suffix. */
static size_t temp_files(const char *dir)
{
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "find '%s' -name '*.tmp.*' | wc -l", dir);
    FILE *p = popen(cmd, "r");
    size_t n = 0;
    cr_assert_eq(fscanf(p, "%zu", &n), 1);
    pclose(p);
    return n;
}

Test(faults, full_disk_during_a_save_is_an_io_error_and_the_previous_checkpoint_stays,
     .timeout = 600)
{
    char out[4096], keep[4200], ck3[4200], cmd[9000];
    snprintf(out, sizeof out, "%s", scratch_dir("full-disk"));
    snprintf(keep, sizeof keep, "%s.keep", out);
    snprintf(ck3, sizeof ck3, "%s/checkpoint-3", out);
    job j;
    start(&j, out, "3", "3", "-", "0", "1");
    cr_assert_eq(finish(&j), 0, "%s", result_error(&j));
    snprintf(cmd, sizeof cmd, "rm -rf '%s' && cp -r '%s' '%s'", keep, ck3, keep);
    cr_assert_eq(system(cmd), 0);

    /* 1 MiB per file: the 3.7 MB model.safetensors of checkpoint-6 cannot
     * be written, as on a disk that fills up. */
    start(&j, out, "6", "3", ck3, "1048576", "1");
    cr_assert_eq(finish(&j), 1, "the run should fail");
    const char *err = result_error(&j);
    FILE *f = fopen(j.result, "r");
    int status = -1;
    cr_assert_eq(fscanf(f, "status %d", &status), 1);
    fclose(f);
    cr_assert_eq(status, NLP_ERR_IO, "status %d: %s", status, err);
    cr_assert(strstr(err, "checkpoint-6") && strstr(err, ".safetensors"),
              "the message names the file: %s", err);
    cr_assert(strstr(err, "File too large"), "%s", err);

    snprintf(cmd, sizeof cmd, "diff -r '%s' '%s' >/dev/null", keep, ck3);
    cr_assert_eq(system(cmd), 0, "checkpoint-3 changed");
    assert_checkpoint_loads(ck3);
    cr_assert_eq(newest_checkpoint(out), 3, "a checkpoint-6 folder exists");
    cr_assert_eq(temp_files(out), 0, "temporary files are left behind");
}

Test(faults, a_reader_never_sees_a_half_written_model_while_a_trainer_rewrites_it,
     .timeout = 900)
{
    char out[4096];
    snprintf(out, sizeof out, "%s", scratch_dir("rewrite"));
    job j;
    start(&j, out, "2", "2", "-", "0", "1");
    cr_assert_eq(finish(&j), 0, "%s", result_error(&j));

    start(&j, out, "2", "2", "-", "0", "6");
    size_t loads = 0, versions = 1;
    struct stat last = {0};
    stat(robust_join(out, "model.safetensors"), &last);
    int status = 0;
    while (waitpid(j.pid, &status, WNOHANG) == 0) {
        nlp_ner_model *m = NULL;
        cr_assert_eq(nlp_ner_load(out, NULL, &m), NLP_OK, "load %zu: %s", loads,
                     nlp_last_error());
        nlp_entities *e = NULL;
        cr_assert_eq(nlp_ner_run(m, "Peter lives in Paris", 20, &e), NLP_OK);
        nlp_entities_free(e);
        nlp_ner_free(m);
        loads++;
        struct stat now;
        if (stat(robust_join(out, "model.safetensors"), &now) == 0 && now.st_ino != last.st_ino)
            versions++, last = now;
    }
    fclose(j.steps);
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s", result_error(&j));
    cr_log_info("%zu loads while the model was rewritten %zu times", loads, versions - 1);
    cr_assert_geq(loads, 10);
    cr_assert_geq(versions, 3, "the loads did not overlap the rewrites");
}
