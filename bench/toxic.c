/* bench/toxic - toxicity classification throughput with random T5 weights.
 *
 *   build/bench/toxic [--texts N] [--no-large] [--dir SCRATCH]
 *
 * A t5-small-shaped model (d_model 512, 6+6 layers, 8 heads, d_kv 64,
 * d_ff 2048, vocab 32128) classifies the first N toxic-chat test texts
 * (default 256): texts/s at batch 1 and 16, label scoring only and with
 * greedy generation of the label word. Then the single-text latency of a
 * t5-large shape (24+24 layers, d_model 1024, d_ff 4096, 16 heads), the size
 * of lmsys/toxicchat-t5-large-v1.0. Random weights cost what trained ones
 * cost: the work does not depend on the values. Checkpoints are written
 * once under SCRATCH (default /tmp/nlp-bench-toxic) and reused. Set
 * OMP_NUM_THREADS / OPENBLAS_NUM_THREADS to choose the threads. */
#include "bench_help.h"
#include "bench_progress.h"
#include "core/core.h"

#include <jansson.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define SHARED NLP_SOURCE_DIR "/../shared"

static const char *const small_config =
    "{\"model_type\": \"t5\", \"architectures\": [\"T5ForConditionalGeneration\"],\n"
    " \"vocab_size\": 32128, \"d_model\": 512, \"d_kv\": 64, \"d_ff\": 2048,\n"
    " \"num_layers\": 6, \"num_decoder_layers\": 6, \"num_heads\": 8,\n"
    " \"relative_attention_num_buckets\": 32, \"relative_attention_max_distance\": 128,\n"
    " \"feed_forward_proj\": \"relu\", \"layer_norm_epsilon\": 1e-6, \"dropout_rate\": 0.1,\n"
    " \"initializer_factor\": 1.0, \"pad_token_id\": 0, \"eos_token_id\": 1,\n"
    " \"decoder_start_token_id\": 0}\n";

static const char *const large_config =
    "{\"model_type\": \"t5\", \"architectures\": [\"T5ForConditionalGeneration\"],\n"
    " \"vocab_size\": 32128, \"d_model\": 1024, \"d_kv\": 64, \"d_ff\": 4096,\n"
    " \"num_layers\": 24, \"num_decoder_layers\": 24, \"num_heads\": 16,\n"
    " \"relative_attention_num_buckets\": 32, \"relative_attention_max_distance\": 128,\n"
    " \"feed_forward_proj\": \"relu\", \"layer_norm_epsilon\": 1e-6, \"dropout_rate\": 0.1,\n"
    " \"initializer_factor\": 1.0, \"pad_token_id\": 0, \"eos_token_id\": 1,\n"
    " \"decoder_start_token_id\": 0}\n";

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void die(nlp_status st, const char *what)
{
    fprintf(stderr, "bench/toxic: %s: %s (%s)\n", what, nlp_last_error(), nlp_status_str(st));
    exit(1);
}

static void write_text(const char *path, const char *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0) {
        fprintf(stderr, "bench/toxic: cannot write %s\n", path);
        exit(1);
    }
}

/* scratch/name holding a random checkpoint with the t5-small tokenizer. */
static char *make_model(const char *scratch, const char *name, const char *config)
{
    char *dir = nlp__path_join(scratch, name);
    char *weights = nlp__path_join(dir, "model.safetensors");
    if (!nlp__file_exists(weights)) {
        char src[4096], path[4096], *spiece = NULL;
        size_t size = 0;
        snprintf(src, sizeof src, "%s/%s-src", scratch, name);
        mkdir(src, 0777);
        snprintf(path, sizeof path, "%s/config.json", src);
        write_text(path, config, strlen(config));
        nlp_status st = nlp__read_file(SHARED "/data/t5-small/spiece.model", &spiece, &size);
        if (st != NLP_OK)
            die(st, "reading spiece.model");
        snprintf(path, sizeof path, "%s/spiece.model", src);
        write_text(path, spiece, size);
        free(spiece);
        fprintf(stderr, "writing random checkpoint %s ...\n", dir);
        snprintf(path, sizeof path, "%s/config.json", src);
        if ((st = nlp_t5_init(path, 1, dir)) != NLP_OK)
            die(st, "nlp_t5_init");
    }
    free(weights);
    return dir;
}

typedef struct texts {
    char **text;
    size_t *len, count;
} texts;

static texts read_texts(size_t limit)
{
    texts t = {0};
    t.text = calloc(limit, sizeof *t.text);
    t.len = calloc(limit, sizeof *t.len);
    FILE *f = fopen(SHARED "/data/toxic-chat/toxicchat0124-human/test.jsonl", "r");
    char *line = NULL;
    size_t cap = 0;
    while (f && t.count < limit && getline(&line, &cap, f) > 0) {
        json_t *row = json_loads(line, 0, NULL);
        json_t *s = row ? json_object_get(row, "user_input") : NULL;
        if (json_is_string(s)) {
            t.len[t.count] = json_string_length(s);
            t.text[t.count] = malloc(t.len[t.count] + 1);
            memcpy(t.text[t.count], json_string_value(s), t.len[t.count] + 1);
            t.count++;
        }
        json_decref(row);
    }
    free(line);
    if (f)
        fclose(f);
    if (t.count == 0) {
        fprintf(stderr, "bench/toxic: no texts in toxic-chat test.jsonl\n");
        exit(1);
    }
    return t;
}

static nlp_toxic_model *load(const char *dir, int score_only)
{
    nlp_toxic_options o = nlp_toxic_options_default();
    o.device = "cpu";
    o.score_only = score_only;
    nlp_toxic_model *m = NULL;
    nlp_status st = nlp_toxic_load(dir, &o, &m);
    if (st != NLP_OK)
        die(st, "nlp_toxic_load");
    return m;
}

typedef struct timing {
    double wall, cpu; /* seconds; cpu is this process's CPU time, which the
                         other programs sharing the machine do not inflate */
} timing;

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static bench_progress progress;

/* Classify texts[0..n): one call per text (batch 1), or one call for all
 * of them (the library sorts by length and runs padded batches of up to 16). */
static timing run(const nlp_toxic_model *m, const texts *t, size_t n, int batched)
{
    size_t per_call = batched ? n : 1;
    nlp_toxic_result **results = calloc(per_call, sizeof *results);
    timing start = {now(), cpu_now()};
    for (size_t i = 0; i < n; i += per_call) {
        nlp_status st = nlp_toxic_classify_batch(m, (const char *const *)t->text + i,
                                                 t->len + i, per_call, results);
        if (st != NLP_OK)
            die(st, "classify");
        for (size_t j = 0; j < per_call; j++)
            nlp_toxic_result_free(results[j]);
        bench_progress_show(&progress, "classified", i + per_call, n);
    }
    timing took = {now() - start.wall, cpu_now() - start.cpu};
    bench_progress_end(&progress);
    free(results);
    return took;
}

static void throughput(const char *dir, const texts *t)
{
    printf("t5-small shape, %zu toxic-chat test texts (prefix \"toxic: \", max 512 tokens)\n",
           t->count);
    printf("%-22s %6s %14s %14s\n", "mode", "batch", "texts/s wall", "texts/s cpu");
    for (int score_only = 1; score_only >= 0; score_only--) {
        nlp_toxic_model *m = load(dir, score_only);
        run(m, t, t->count < 4 ? t->count : 4, 0); /* warm-up */
        for (int batched = 0; batched <= 1; batched++) {
            timing s = run(m, t, t->count, batched);
            printf("%-22s %6s %14.2f %14.2f\n",
                   score_only ? "label scoring only" : "scoring + generation",
                   batched ? "16" : "1", (double)t->count / s.wall, (double)t->count / s.cpu);
        }
        nlp_toxic_free(m);
    }
}

/* Texts 0..runs-1 one by one; the toxic-chat prompts are mostly short, as
 * chat prompts are. */
static void latency(const char *dir, const texts *t)
{
    const size_t runs = t->count < 8 ? t->count : 8;
    printf("\nt5-large shape (24+24 layers, d_model 1024, d_ff 4096, 16 heads), batch 1\n");
    for (int score_only = 1; score_only >= 0; score_only--) {
        nlp_toxic_model *m = load(dir, score_only);
        run(m, t, 1, 0); /* warm-up */
        timing s = run(m, t, runs, 0);
        printf("%-22s mean %.0f ms/text wall, %.0f ms/text cpu (texts 1..%zu)\n",
               score_only ? "label scoring only" : "scoring + generation",
               1e3 * s.wall / (double)runs, 1e3 * s.cpu / (double)runs, runs);
        nlp_toxic_free(m);
    }
}

int main(int argc, char **argv)
{
    if (bench_help(argc, argv,
                   "usage: bench/toxic [--texts N] [--no-large] [--dir DIR] [--quiet]\n"
                   "  toxicity classification latency on toxic-chat texts (N = 256), t5-small and,\n"
                   "  unless --no-large, a t5-large-sized model written to DIR. Progress on\n"
                   "  stderr when it is a terminal, unless --quiet.\n"))
        return 0;
    bench_progress_start(&progress, "bench/toxic", bench_take_quiet(&argc, argv));
    size_t limit = 256;
    int large = 1;
    const char *scratch = "/tmp/nlp-bench-toxic";
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--texts") == 0 && i + 1 < argc)
            limit = (size_t)strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--no-large") == 0)
            large = 0;
        else if (strcmp(argv[i], "--dir") == 0 && i + 1 < argc)
            scratch = argv[++i];
        else {
            fprintf(stderr, "usage: toxic [--texts N] [--no-large] [--dir SCRATCH]\n");
            return 2;
        }
    }
    mkdir(scratch, 0777);
    texts t = read_texts(limit ? limit : 1);
    char *small = make_model(scratch, "t5-small-random", small_config);
    throughput(small, &t);
    free(small);
    if (large) {
        char *big = make_model(scratch, "t5-large-random", large_config);
        latency(big, &t);
        free(big);
    }
    for (size_t i = 0; i < t.count; i++)
        free(t.text[i]);
    free(t.text);
    free(t.len);
    return 0;
}
