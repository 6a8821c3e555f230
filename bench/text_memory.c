/* bench/text_memory.c - peak memory (ru_maxrss) of one nlp_ner_run and
 * one nlp_toxic_classify on texts of 1 KB, 100 KB, 1 MB and 10 MB, each
 * size in a fresh child process so the peaks do not mix.
 *
 *   build/bench/text_memory [--ner DIR] [--t5 DIR] [--sizes 1000,100000,...]
 *
 * Defaults: the tiny fixtures (../shared/fixtures/bert-tiny-ner, t5-tiny).
 * The texts repeat CoNLL-2003-like words ("Peter Blackburn flew from Paris
 * to Berlin ."); max_text_bytes is raised to 16 MiB so that the 10 MB text
 * is allowed. For each size the table gives the child's peak RSS after
 * loading the model and a 5-byte warm-up run, the peak after the run, the
 * difference, the wall time and the number of entities (NER) or the
 * verdict's score (toxic). */
#include "bench_help.h"
#include "nlp/nlp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SHARED NLP_SOURCE_DIR "/../shared"

static const char usage[] =
    "usage: bench/text_memory [--ner DIR] [--t5 DIR] [--sizes N,N,...]\n"
    "Peak RSS of nlp_ner_run and nlp_toxic_classify on one text of each size\n"
    "(bytes; default 1000,100000,1000000,10000000), each in a fresh process.\n";

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static double peak_mib(void)
{
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss / 1024.0; /* kilobytes on Linux */
}

static char *make_text(size_t size)
{
    static const char words[] = "Peter Blackburn flew from Paris to Berlin . ";
    char *t = malloc(size + 1);
    for (size_t i = 0; i < size; i++)
        t[i] = words[i % (sizeof words - 1)];
    t[size] = '\0';
    return t;
}

/* The child: load, warm up, measure, print one line. */
static int child(const char *task, const char *dir, size_t size)
{
    char *text = make_text(size);
    double base = 0, t0 = 0, t1 = 0;
    char what[64] = "";
    nlp_status st;
    if (strcmp(task, "ner") == 0) {
        nlp_ner_options o = nlp_ner_options_default();
        o.max_text_bytes = (size_t)16 << 20;
        nlp_ner_model *m = NULL;
        nlp_entities *e = NULL;
        st = nlp_ner_load(dir, &o, &m);
        if (st == NLP_OK && (st = nlp_ner_run(m, "Paris", 5, &e)) == NLP_OK) {
            nlp_entities_free(e);
            base = peak_mib();
            t0 = now();
            st = nlp_ner_run(m, text, size, &e);
            t1 = now();
            snprintf(what, sizeof what, "%zu entities", nlp_entities_count(e));
            nlp_entities_free(e);
        }
        nlp_ner_free(m);
    } else {
        nlp_toxic_options o = nlp_toxic_options_default();
        o.max_text_bytes = (size_t)16 << 20;
        nlp_toxic_model *m = NULL;
        nlp_toxic_result *r = NULL;
        st = nlp_toxic_load(dir, &o, &m);
        if (st == NLP_OK && (st = nlp_toxic_classify(m, "hello", 5, &r)) == NLP_OK) {
            nlp_toxic_result_free(r);
            base = peak_mib();
            t0 = now();
            st = nlp_toxic_classify(m, text, size, &r);
            t1 = now();
            if (st == NLP_OK)
                snprintf(what, sizeof what, "score %.3f", r->score);
            nlp_toxic_result_free(r);
        }
        nlp_toxic_free(m);
    }
    free(text);
    if (st != NLP_OK) {
        fprintf(stderr, "%s: %s\n", task, nlp_last_error());
        return 1;
    }
    double peak = peak_mib();
    printf("| %s | %zu | %.1f | %.1f | %.1f | %.2f | %s |\n", task, size, base, peak,
           peak - base, t1 - t0, what);
    return 0;
}

static int spawn(const char *self, const char *task, const char *dir, size_t size)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        char n[32];
        snprintf(n, sizeof n, "%zu", size);
        execl(self, self, "--child", task, dir, n, (char *)NULL);
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

int main(int argc, char **argv)
{
    if (bench_help(argc, argv, usage))
        return 0;
    if (argc == 5 && strcmp(argv[1], "--child") == 0)
        return child(argv[2], argv[3], (size_t)strtoull(argv[4], NULL, 10));
    const char *ner = SHARED "/fixtures/bert-tiny-ner", *t5 = SHARED "/fixtures/t5-tiny";
    char sizes[256] = "1000,100000,1000000,10000000";
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--ner") == 0)
            ner = argv[i + 1];
        else if (strcmp(argv[i], "--t5") == 0)
            t5 = argv[i + 1];
        else if (strcmp(argv[i], "--sizes") == 0)
            snprintf(sizes, sizeof sizes, "%s", argv[i + 1]);
        else {
            fputs(usage, stderr);
            return 2;
        }
    }
    printf("| task | text bytes | peak RSS after load (MiB) | peak RSS after the run (MiB) "
           "| growth (MiB) | run (s) | result |\n|---|---|---|---|---|---|---|\n");
    int failed = 0;
    const char *tasks[2][2] = {{"ner", ner}, {"toxic", t5}};
    for (int t = 0; t < 2; t++) {
        char list[256];
        snprintf(list, sizeof list, "%s", sizes);
        for (char *tok = strtok(list, ","); tok; tok = strtok(NULL, ","))
            failed |= spawn("/proc/self/exe", tasks[t][0], tasks[t][1],
                            (size_t)strtoull(tok, NULL, 10));
    }
    return failed;
}
