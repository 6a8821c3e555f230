/* bench/ner.c - NER throughput of a bert-base-cased-shaped random model
 * over the CoNLL-2003 test sentences: sentences/s and tokens/s at several
 * batch sizes with and without length sorting, single-sentence latency,
 * and achieved GFLOP/s next to this machine's at::mm rate.
 *
 *   build/bench/ner [--sentences N] [--model DIR] [--keep DIR]
 *
 * --sentences N takes N sentences spread evenly over the test set (the
 * first ones are short sports results, not representative); default all.
 * Every figure is given twice: per wall-clock second and per CPU second of
 * the process. With one thread (OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1)
 * the CPU figures are the single-core speed even on a loaded machine.
 *
 * Without --model a random checkpoint (nlp_bert_init, seed 1) is
 * written to a temporary folder. Thread counts follow OMP_NUM_THREADS /
 * OPENBLAS_NUM_THREADS. */
#include "bench_help.h"
#include "bench_progress.h"
#include "model/gemm_probe.h"
#include "nlp/nlp.h"
#include "text/tokenizer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define SHARED NLP_SOURCE_DIR "/../shared"

static const char base_config[] =
    "{\"model_type\": \"bert\", \"vocab_size\": 28996, \"hidden_size\": 768,"
    " \"num_hidden_layers\": 12, \"num_attention_heads\": 12, \"intermediate_size\": 3072,"
    " \"hidden_act\": \"gelu\", \"max_position_embeddings\": 512, \"type_vocab_size\": 2,"
    " \"initializer_range\": 0.02, \"layer_norm_eps\": 1e-12, \"pad_token_id\": 0}";

/* Shape numbers for the FLOP count (bert-base; --model must match). */
enum { H = 768, I = 3072, LAYERS = 12, LABELS = 9 };

static double clock_of(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static double now(void)
{
    return clock_of(CLOCK_MONOTONIC);
}

static double cpu_now(void)
{
    return clock_of(CLOCK_PROCESS_CPUTIME_ID);
}

/* Wall and CPU seconds of one run. */
typedef struct span {
    double wall, cpu;
} span;

static span span_start(void)
{
    return (span){now(), cpu_now()};
}

static span span_end(span s)
{
    return (span){now() - s.wall, cpu_now() - s.cpu};
}

static void die(const char *what)
{
    fprintf(stderr, "bench/ner: %s: %s\n", what, nlp_last_error());
    exit(1);
}

/* FLOPs of one forward pass over a [batch, T] padded batch. */
static double forward_flops(double batch, double T)
{
    double per_layer = batch * T * (8.0 * H * H + 4.0 * H * I) + 4.0 * batch * T * T * H;
    return LAYERS * per_layer + 2.0 * batch * T * H * LABELS;
}

static char **read_sentences(size_t max, size_t *count)
{
    FILE *f = fopen(SHARED "/data/conll2003/test.txt", "r");
    if (!f) {
        fprintf(stderr, "bench/ner: cannot open " SHARED "/data/conll2003/test.txt\n");
        exit(1);
    }
    char **texts = malloc(max * sizeof *texts), *line = NULL, buf[16384];
    size_t cap = 0, used = 0;
    *count = 0;
    for (ssize_t n = 0; *count < max && n >= 0;) {
        n = getline(&line, &cap, f);
        size_t w = n > 0 ? strcspn(line, " \t\r\n") : 0;
        if (w == 0 && used) {
            texts[(*count)++] = strndup(buf, used);
            used = 0;
        }
        if (w && strncmp(line, "-DOCSTART-", 10) != 0)
            used += (size_t)snprintf(buf + used, sizeof buf - used, "%s%.*s",
                                     used ? " " : "", (int)w, line);
    }
    free(line);
    fclose(f);
    return texts;
}

static int by_length_desc(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? 1 : x > y ? -1 : 0;
}

/* FLOPs executed (padding included) when lens are cut into batches. */
static double executed_flops(const size_t *lens, size_t n, size_t batch, int sorted)
{
    size_t *l = malloc(n * sizeof *l);
    memcpy(l, lens, n * sizeof *l);
    if (sorted)
        qsort(l, n, sizeof *l, by_length_desc);
    double flops = 0;
    for (size_t i = 0; i < n; i += batch) {
        size_t b = n - i < batch ? n - i : batch, T = 0;
        for (size_t j = i; j < i + b; j++)
            T = l[j] > T ? l[j] : T;
        flops += forward_flops((double)b, (double)T);
    }
    free(l);
    return flops;
}

static int by_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static nlp_ner_model *load(const char *dir, size_t batch, int sorted)
{
    nlp_ner_options o = nlp_ner_options_default();
    o.device = "cpu";
    o.batch_size = batch;
    o.sort_by_length = sorted;
    nlp_ner_model *m = NULL;
    if (nlp_ner_load(dir, &o, &m) != NLP_OK)
        die(dir);
    return m;
}

typedef struct corpus {
    char **texts;
    size_t *bytes, *tokens, n, total_tokens;
    double useful_flops;
} corpus;

static bench_progress progress;

/* sgemm is measured again next to each run: on a shared machine the rate
 * a run competes with changes. The target compares CPU-time rates. */
static void report(const char *name, const corpus *c, span t, double flops)
{
    bench_progress_end(&progress);
    double wall_sgemm = nlp__sgemm_gflops(1024, 5, 0), cpu_sgemm = nlp__sgemm_gflops(1024, 5, 1);
    printf("%-18s %7.1f %8.0f %8.1f %8.1f %8.1f %5.0f%% | %7.1f %8.0f %8.1f %8.1f %6.0f%%\n",
           name, (double)c->n / t.cpu, (double)c->total_tokens / t.cpu,
           c->useful_flops / t.cpu / 1e9, flops / t.cpu / 1e9, cpu_sgemm,
           100.0 * flops / t.cpu / 1e9 / cpu_sgemm, (double)c->n / t.wall,
           (double)c->total_tokens / t.wall, flops / t.wall / 1e9, wall_sgemm,
           100.0 * flops / t.wall / 1e9 / wall_sgemm);
    fflush(stdout);
}

static void batch_one(const char *dir, const corpus *c)
{
    nlp_ner_model *m = load(dir, 1, 0);
    double *lat = malloc(c->n * sizeof *lat), *cpu = malloc(c->n * sizeof *cpu);
    span t0 = span_start();
    for (size_t i = 0; i < c->n; i++) {
        span s = span_start();
        nlp_entities *e = NULL;
        if (nlp_ner_run(m, c->texts[i], c->bytes[i], &e) != NLP_OK)
            die("run");
        nlp_entities_free(e);
        s = span_end(s);
        lat[i] = s.wall;
        cpu[i] = s.cpu;
        bench_progress_show(&progress, "batch 1, sentence", i + 1, c->n);
    }
    report("batch 1", c, span_end(t0), c->useful_flops);
    qsort(lat, c->n, sizeof *lat, by_double);
    qsort(cpu, c->n, sizeof *cpu, by_double);
    size_t p99 = (size_t)(0.99 * (double)(c->n - 1));
    printf("  one-sentence latency: CPU p50 %.2f ms, p99 %.2f ms | wall p50 %.2f ms, "
           "p99 %.2f ms\n", 1e3 * cpu[c->n / 2], 1e3 * cpu[p99], 1e3 * lat[c->n / 2],
           1e3 * lat[p99]);
    free(lat);
    free(cpu);
    nlp_ner_free(m);
}

static void batched(const char *dir, const corpus *c, size_t batch, int sorted)
{
    nlp_ner_model *m = load(dir, batch, sorted);
    nlp_entities **out = calloc(c->n, sizeof *out);
    char name[64];
    snprintf(name, sizeof name, "batch %zu %s", batch, sorted ? "sorted" : "unsorted");
    bench_progress_show(&progress, name, 0, 0);
    span t = span_start();
    if (nlp_ner_run_batch(m, (const char *const *)c->texts, c->bytes, c->n, out) != NLP_OK)
        die("run_batch");
    t = span_end(t);
    report(name, c, t, executed_flops(c->tokens, c->n, batch, sorted));
    for (size_t i = 0; i < c->n; i++)
        nlp_entities_free(out[i]);
    free(out);
    nlp_ner_free(m);
}

static void count_tokens(const char *dir, corpus *c)
{
    nlp__tokenizer *tok = NULL;
    if (nlp_tokenizer_load(dir, &tok) != NLP_OK)
        die("tokenizer");
    c->total_tokens = 0;
    c->useful_flops = 0;
    for (size_t i = 0; i < c->n; i++) {
        nlp__encoding *enc = NULL;
        if (nlp__tokenizer_encode(tok, c->texts[i], c->bytes[i], true, 0, &enc) != NLP_OK)
            die("tokenize");
        c->tokens[i] = enc->count;
        c->total_tokens += enc->count;
        c->useful_flops += forward_flops(1, (double)enc->count);
        nlp__encoding_free(enc);
    }
    nlp__tokenizer_free(tok);
}

static const char *make_model(const char *keep)
{
    static char dir[256], config[300];
    if (keep)
        snprintf(dir, sizeof dir, "%s", keep);
    else
        snprintf(dir, sizeof dir, "/tmp/nlp-bench-ner-%ld", (long)getpid());
    snprintf(config, sizeof config, "%s.config.json", dir);
    FILE *f = fopen(config, "w");
    if (!f || fputs(base_config, f) < 0 || fclose(f) != 0) {
        fprintf(stderr, "bench/ner: cannot write %s\n", config);
        exit(1);
    }
    if (nlp_bert_init(config, SHARED "/data/bert-base-cased/vocab.txt", 1, dir) != NLP_OK)
        die("init");
    remove(config);
    return dir;
}

int main(int argc, char **argv)
{
    if (bench_help(argc, argv,
                   "usage: bench/ner [--sentences N] [--model DIR] [--keep DIR] [--quiet]\n"
                   "  NER throughput on CoNLL-2003 test sentences (default 3453) with a random\n"
                   "  bert-base-sized model (or --model DIR); --keep DIR keeps the model made.\n"
                   "  Progress on stderr when it is a terminal, unless --quiet.\n"))
        return 0;
    bench_progress_start(&progress, "bench/ner", bench_take_quiet(&argc, argv));
    size_t max = 3453;
    const char *model = NULL, *keep = NULL;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--sentences") == 0)
            max = (size_t)atol(argv[i + 1]);
        else if (strcmp(argv[i], "--model") == 0)
            model = argv[i + 1];
        else if (strcmp(argv[i], "--keep") == 0)
            keep = argv[i + 1];
    }
    const char *dir = model ? model : make_model(keep);
    corpus c = {0};
    c.texts = read_sentences(3453, &c.n);
    if (max < c.n) { /* every (n/max)-th sentence */
        size_t n = c.n;
        char **pick = malloc(max * sizeof *pick);
        for (size_t i = 0, j = 0; i < n; i++)
            if (j < max && i == j * n / max)
                pick[j++] = c.texts[i];
            else
                free(c.texts[i]);
        free(c.texts);
        c.texts = pick;
        c.n = max;
    }
    c.bytes = malloc(c.n * sizeof *c.bytes);
    c.tokens = malloc(c.n * sizeof *c.tokens);
    for (size_t i = 0; i < c.n; i++)
        c.bytes[i] = strlen(c.texts[i]);
    count_tokens(dir, &c);
    double sgemm = nlp__sgemm_gflops(1024, 10, 1);
    printf("bert-base-cased shape (12 x 768, 12 heads, 3072), %zu CoNLL-2003 test sentences, "
           "%zu tokens\nOMP_NUM_THREADS=%s OPENBLAS_NUM_THREADS=%s\n"
           "sgemm (at::mm 1024^3, per CPU second): %.1f GFLOP/s\n\n", c.n, c.total_tokens,
           getenv("OMP_NUM_THREADS") ? getenv("OMP_NUM_THREADS") : "(unset)",
           getenv("OPENBLAS_NUM_THREADS") ? getenv("OPENBLAS_NUM_THREADS") : "(unset)", sgemm);
    printf("%-18s %-52s | %s\n%-18s %7s %8s %8s %8s %8s %6s | %7s %8s %8s %8s %7s\n", "",
           "per CPU second", "per wall-clock second", "run", "sent/s", "tok/s", "useful",
           "exec", "sgemm", "ratio", "sent/s", "tok/s", "exec", "sgemm", "ratio");
    double t0 = now();
    batch_one(dir, &c);
    for (size_t b = 8; b <= 32; b *= 4) {
        batched(dir, &c, b, 0);
        batched(dir, &c, b, 1);
    }
    printf("\nGFLOP/s: useful = unpadded tokens, exec = padded batches as run; ratio = exec /"
           " sgemm.\nsgemm after the runs: %.1f GFLOP/s per CPU second; runs took %.0f s wall\n",
           nlp__sgemm_gflops(1024, 10, 1), now() - t0);
    if (!model && !keep) {
        char cmd[512];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
        if (system(cmd) != 0)
            fprintf(stderr, "bench/ner: could not remove %s\n", dir);
    }
    for (size_t i = 0; i < c.n; i++)
        free(c.texts[i]);
    free(c.texts);
    free(c.bytes);
    free(c.tokens);
    return 0;
}
