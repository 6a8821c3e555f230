/* bench/train.c - training throughput and peak memory of nlp_ner_train and
 * nlp_toxic_train: input tokens per second over optimizer steps (forward,
 * backward, clipping, AdamW) at batch x seq_len tokens, and the process's
 * peak resident memory. Each shape runs in its own child process so peak
 * memory is its own.
 *
 *   build/bench/train [--steps N] [--only NAME] [--nproc N] [--after-backward]
 *                     [--bucket-mb X]
 *
 * --nproc N: each shape runs once in one process, then as N local
 * data-parallel ranks (Gloo on 127.0.0.1) of the same per-rank batch; the
 * lines give samples/s over all ranks, the scaling efficiency
 * (samples/s of N ranks / (N x samples/s of one)), the gradient
 * all-reduce seconds per step, the part of them not hidden behind
 * backward ("exposed") and the overlap (1 - exposed / all-reduce).
 * --after-backward sums after backward (dist_reduce_after_backward, the
 * reference path) instead of during it; --bucket-mb sets
 * dist_bucket_cap_mb (default 25).
 *
 * BERT shapes: "tiny" = the bert-tiny-ner fixture (hidden 32, 2 layers),
 * "small" = hidden 128, 2 layers (docs/training.md's from-scratch model),
 * "base" = bert-base-cased (hidden 768, 12 layers, 108M parameters); every
 * batch is full: sentences of seq_len - 2 single-token words. T5 shapes:
 * "t5-tiny" = the t5-tiny fixture (d_model 32, 2 + 2 layers), "t5-small" =
 * t5-small (d_model 512, 6 + 6 layers, 60M parameters); every input is cut
 * to exactly seq_len tokens, the target is a label word + </s>. No padding
 * anywhere; the first two steps are warm-up and not timed. Random weights
 * (nlp_bert_init / nlp_t5_init) and the bert-base-cased vocabulary
 * or t5-small spiece.model from ../shared. Threads follow OMP_NUM_THREADS. */
#include "bench_help.h"
#include "bench_progress.h"
#include "nlp/nlp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SHARED NLP_SOURCE_DIR "/../shared"

typedef struct shape {
    const char *name;
    int t5;                     /* 0: BERT token classifier, 1: T5 toxicity */
    int hidden, layers, heads, inter;
    size_t batch, seq;
} shape;

static const shape SHAPES[] = {
    {"tiny", 0, 32, 2, 4, 64, 8, 128},
    {"small", 0, 128, 2, 2, 512, 32, 32},
    {"base", 0, 768, 12, 12, 3072, 8, 128},
    {"t5-tiny", 1, 32, 2, 4, 64, 8, 128},
    {"t5-small", 1, 512, 6, 8, 2048, 8, 128},
};

static bench_progress progress; /* rank 0 draws it */

/* --after-backward, --bucket-mb */
static int after_backward = 0;
static double bucket_mb = 0;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void die(const char *what)
{
    fprintf(stderr, "bench/train: %s: %s\n", what, nlp_last_error());
    exit(1);
}

typedef struct timing {
    const char *label; /* "tiny, 2 ranks: step" */
    long long warm_step, last_step;
    double t_warm, t_last, cpu_warm, cpu_last;
} timing;

/* CPU time of the process: on a machine shared with other jobs, wall time
 * says more about the neighbours than about libnlp. */
static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int on_progress(const nlp_train_progress *p, void *user)
{
    timing *t = user;
    if (p->evaluated)
        return 0;
    if (p->step == t->warm_step) {
        t->t_warm = now();
        t->cpu_warm = cpu_now();
    }
    t->last_step = p->step;
    t->t_last = now();
    t->cpu_last = cpu_now();
    bench_progress_show(&progress, t->label, (size_t)p->step, (size_t)p->total_steps);
    return 0;
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
        fprintf(stderr, "bench/train: cannot write %s\n", path);
        exit(1);
    }
}

/* rows sentences of `words` copies of a one-token word, tagged O / B-PER. */
static void write_data(const char *path, size_t rows, size_t words)
{
    FILE *f = fopen(path, "w");
    if (!f)
        die(path);
    for (size_t r = 0; r < rows; r++) {
        for (size_t w = 0; w < words; w++)
            fprintf(f, "%s %s\n", w % 7 ? "the" : "Paris", w % 7 ? "O" : "B-LOC");
        fputc('\n', f);
    }
    fclose(f);
}

/* A BERT checkpoint and CoNLL data for shape s; returns nlp_ner_train's status. */
static nlp_status train_bert(const shape *s, const char *dir, int steps, nlp_train_options *o,
                             nlp_train_report *r)
{
    char cfg[1024], path[4096], model[4096], data[4096];
    snprintf(cfg, sizeof cfg,
             "{\"model_type\": \"bert\", \"vocab_size\": 28996, \"hidden_size\": %d,"
             " \"num_hidden_layers\": %d, \"num_attention_heads\": %d,"
             " \"intermediate_size\": %d, \"hidden_act\": \"gelu\","
             " \"max_position_embeddings\": 512, \"type_vocab_size\": 2,"
             " \"initializer_range\": 0.02, \"layer_norm_eps\": 1e-12, \"pad_token_id\": 0}",
             s->hidden, s->layers, s->heads, s->inter);
    snprintf(path, sizeof path, "%s/%s.json", dir, s->name);
    snprintf(model, sizeof model, "%s/%s-model", dir, s->name);
    snprintf(data, sizeof data, "%s/%s.conll", dir, s->name);
    write_file(path, cfg);
    if (nlp_bert_init(path, SHARED "/data/bert-base-cased/vocab.txt", 1, model) !=
        NLP_OK)
        die("init");
    write_data(data, s->batch * (size_t)o->dist_world_size * (size_t)(steps + 2), s->seq - 2);
    return nlp_ner_train(model, data, NULL, o, r);
}

/* rows JSON Lines texts long enough to be cut at any seq_len <= 512,
 * labels alternating. */
static void write_texts(const char *path, size_t rows)
{
    FILE *f = fopen(path, "w");
    if (!f)
        die(path);
    for (size_t r = 0; r < rows; r++) {
        fputs("{\"user_input\": \"", f);
        for (int w = 0; w < 600; w++)
            fputs(w ? " hello" : "hello", f);
        fprintf(f, "\", \"toxicity\": %zu}\n", r % 2);
    }
    fclose(f);
}

/* A T5 checkpoint (t5-small's spiece.model) and texts for shape s. */
static nlp_status train_t5(const shape *s, const char *dir, int steps, nlp_train_options *o,
                           nlp_train_report *r)
{
    char cfg[1024], cfg_dir[4096], path[4096], spm[4096], model[4096], data[4096];
    snprintf(cfg, sizeof cfg,
             "{\"model_type\": \"t5\", \"vocab_size\": 32128, \"d_model\": %d,"
             " \"d_kv\": %d, \"d_ff\": %d, \"num_layers\": %d, \"num_heads\": %d,"
             " \"feed_forward_proj\": \"relu\", \"dropout_rate\": 0.1,"
             " \"decoder_start_token_id\": 0, \"pad_token_id\": 0, \"eos_token_id\": 1}",
             s->hidden, s->hidden / s->heads, s->inter, s->layers, s->heads);
    snprintf(cfg_dir, sizeof cfg_dir, "%s/%s-config", dir, s->name);
    snprintf(path, sizeof path, "%s/config.json", cfg_dir);
    snprintf(spm, sizeof spm, "%s/spiece.model", cfg_dir);
    snprintf(model, sizeof model, "%s/%s-model", dir, s->name);
    snprintf(data, sizeof data, "%s/%s.jsonl", dir, s->name);
    if (mkdir(cfg_dir, 0755) != 0 || symlink(SHARED "/data/t5-small/spiece.model", spm) != 0)
        die(cfg_dir);
    write_file(path, cfg);
    if (nlp_t5_init(path, 1, model) != NLP_OK)
        die("init");
    write_texts(data, s->batch * (size_t)o->dist_world_size * (size_t)(steps + 2));
    return nlp_toxic_train(model, data, NULL, NULL, o, r);
}

/* One rank of world (world 1: a plain process), in its own folder under
 * dir; rank 0 prints the figures and writes samples/s to dir/<name>-<world>. */
static void run_shape(const shape *s, const char *top, int steps, int world, int rank, int port)
{
    char out[4096], dir[4096];
    snprintf(dir, sizeof dir, "%s/%s-%d-%d", top, s->name, world, rank);
    if (mkdir(dir, 0755) != 0)
        die(dir);
    snprintf(out, sizeof out, "%s/%s-out", dir, s->name);
    nlp_train_options o = nlp_train_options_default();
    o.dist_world_size = world;
    o.dist_rank = rank;
    o.dist_master_port = port;
    o.dist_reduce_after_backward = after_backward;
    o.dist_bucket_cap_mb = bucket_mb;
    o.output_dir = out;
    o.batch_size = s->batch;
    o.max_steps = steps + 2;
    o.logging_steps = 1;
    o.max_length = s->seq;
    o.use_cache = 0;
    o.learning_rate = 1e-4;
    char label[64];
    snprintf(label, sizeof label, "%s, %d rank%s: step", s->name, world, world > 1 ? "s" : "");
    timing t = {label, 2, 0, 0, 0, 0, 0};
    if (rank != 0)
        progress.on = 0;
    o.callback = on_progress;
    o.callback_data = &t;
    nlp_train_report r = {sizeof r};
    if ((s->t5 ? train_t5 : train_bert)(s, dir, steps, &o, &r) != NLP_OK)
        die("train");
    bench_progress_end(&progress);
    if (rank != 0)
        return;
    double secs = t.t_last - t.t_warm, cpu = t.cpu_last - t.cpu_warm;
    double n = (double)(t.last_step - t.warm_step);
    double tokens = n * (double)(s->batch * s->seq) * world;
    double samples = n * (double)s->batch * world / secs;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("%-8s hidden %4d layers %2d  ranks %d x batch %2zu x %3zu  wall %8.1f tokens/s "
           "%7.2f samples/s (%6.3f s/step)  rank 0: cpu %8.1f tokens/cpu-s (%6.3f cpu-s/step)"
           "  all-reduce %6.3f s/step (exposed %6.3f, overlap %5.1f%%)  peak RSS %7.1f MiB\n",
           s->name, s->hidden, s->layers, world, s->batch, s->seq, tokens / secs, samples,
           secs / n, tokens / world / cpu, cpu / n, r.allreduce_seconds / (double)r.steps,
           r.allreduce_exposed_seconds / (double)r.steps,
           r.allreduce_seconds > 0 ? 100.0 * (1 - r.allreduce_exposed_seconds /
                                                      r.allreduce_seconds) : 0.0,
           (double)ru.ru_maxrss / 1024.0);
    fflush(stdout);
    char path[4096], line[64];
    snprintf(path, sizeof path, "%s/%s-%d", top, s->name, world);
    snprintf(line, sizeof line, "%.17g\n", samples);
    write_file(path, line);
}

static double read_samples(const char *top, const shape *s, int world)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s-%d", top, s->name, world);
    FILE *f = fopen(path, "r");
    double x = 0;
    if (!f || fscanf(f, "%lf", &x) != 1)
        x = 0;
    if (f)
        fclose(f);
    return x;
}

/* world ranks of shape s, each a child process; false when one failed. */
static int run_ranks(const shape *s, const char *dir, int steps, int world)
{
    static int port = 0;
    port = port ? port + 1 : 29600 + (int)(getpid() % 2000) * 8;
    pid_t pid[64];
    for (int rank = 0; rank < world; rank++) {
        fflush(stdout);
        pid[rank] = fork();
        if (pid[rank] == 0) {
            run_shape(s, dir, steps, world, rank, port);
            _exit(0);
        }
    }
    int ok = 1;
    for (int rank = 0; rank < world; rank++) {
        int status = 0;
        waitpid(pid[rank], &status, 0);
        ok = ok && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    }
    return ok;
}

int main(int argc, char **argv)
{
    if (bench_help(argc, argv,
                   "usage: bench/train [--steps N] [--only tiny|small|base|t5-tiny|t5-small] [--nproc N]\n"
                   "                   [--after-backward] [--bucket-mb X] [--quiet]\n"
                   "  training step time per model shape (N = 5 steps each); --nproc N also\n"
                   "  runs N local data-parallel ranks and reports scaling efficiency and the\n"
                   "  gradient all-reduce time and its overlap with backward; --after-backward\n"
                   "  sums after backward instead (the reference path); --bucket-mb X sets the\n"
                   "  gradient bucket size (default 25 MiB). Progress on stderr when it is a\n"
                   "  terminal, unless --quiet.\n"))
        return 0;
    bench_progress_start(&progress, "bench/train", bench_take_quiet(&argc, argv));
    int steps = 5, nproc = 1;
    const char *only = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--steps") == 0 && i + 1 < argc)
            steps = atoi(argv[++i]);
        else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc)
            only = argv[++i];
        else if (strcmp(argv[i], "--nproc") == 0 && i + 1 < argc && atoi(argv[i + 1]) >= 1 &&
                 atoi(argv[i + 1]) <= 64)
            nproc = atoi(argv[++i]);
        else if (strcmp(argv[i], "--after-backward") == 0)
            after_backward = 1;
        else if (strcmp(argv[i], "--bucket-mb") == 0 && i + 1 < argc && atof(argv[i + 1]) > 0)
            bucket_mb = atof(argv[++i]);
        else {
            fprintf(stderr, "usage: bench/train [--steps N] "
                            "[--only tiny|small|base|t5-tiny|t5-small] [--nproc 1..64] "
                            "[--after-backward] [--bucket-mb X > 0]\n");
            return 2;
        }
    }
    char dir[] = "/tmp/nlp-bench-train-XXXXXX";
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    printf("bench/train: %d timed optimizer steps per shape (after 2 warm-up steps), "
           "OMP_NUM_THREADS=%s\n", steps, getenv("OMP_NUM_THREADS") ? getenv("OMP_NUM_THREADS")
                                                                    : "(unset)");
    for (size_t k = 0; k < sizeof SHAPES / sizeof *SHAPES; k++) {
        if (only && strcmp(only, SHAPES[k].name) != 0)
            continue;
        if (!run_ranks(&SHAPES[k], dir, steps, 1)) {
            fprintf(stderr, "bench/train: shape %s failed\n", SHAPES[k].name);
            continue;
        }
        if (nproc == 1)
            continue;
        if (!run_ranks(&SHAPES[k], dir, steps, nproc)) {
            fprintf(stderr, "bench/train: shape %s with %d ranks failed\n", SHAPES[k].name,
                    nproc);
            continue;
        }
        double one = read_samples(dir, &SHAPES[k], 1), many = read_samples(dir, &SHAPES[k], nproc);
        printf("%-8s scaling efficiency with %d ranks: %.1f%% (%.2f vs %.2f samples/s)\n",
               SHAPES[k].name, nproc, one > 0 ? 100.0 * many / (nproc * one) : 0.0, many, one);
    }
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : 1;
}
