/* cli_train.c - shared training options and progress output (see
 * cli_train.h). */
#include "cli_train.h"
#include "cli.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

void cli_train_args_init(cli_train_args *a, const char *default_metric)
{
    memset(a, 0, sizeof *a);
    a->opts = nlp_train_options_default();
    a->opts.metric_for_best = default_metric;
}

const char *cli_train_options_help(void)
{
    return "options:\n"
           "  --epochs N            (3)             --lr X               (5e-5)\n"
           "  --batch-size N        (16)            --eval-batch-size N  (32)\n"
           "  --warmup-ratio X      (0)             --warmup-steps N     (0)\n"
           "  --weight-decay X      (0.01)          --max-grad-norm X    (1.0)\n"
           "  --grad-accum N        (1)             --seed N             (42)\n"
           "  --eval-steps N        (0: per epoch)  --logging-steps N    (50)\n"
           "  --metric NAME         overall_f1 | accuracy | f1 | loss | auprc\n"
           "  --save-total-limit N  (0: keep all)   --patience N         (0: off)\n"
           "  --max-steps N         --max-train-examples N   --max-eval-examples N\n"
           "  --max-length N        (128)           --group-by-length\n"
           "  --resume DIR          continue from a checkpoint-N folder\n"
           "  --no-cache            do not cache tokenized features\n"
           "  --quiet               no progress output\n";
}

static int number(const char *flag, const char *v, double *out)
{
    char *end;
    *out = strtod(v, &end);
    if (*end || end == v)
        return cli_usage_error("%s wants a number, not '%s'", flag, v);
    return 0;
}

int cli_train_option(int argc, char **argv, int *i, cli_train_args *a)
{
    const char *f = argv[*i];
    nlp_train_options *o = &a->opts;
    if (strcmp(f, "--group-by-length") == 0)
        return o->group_by_length = 1, 0;
    if (strcmp(f, "--no-cache") == 0)
        return o->use_cache = 0, 0;
    if (strcmp(f, "--quiet") == 0)
        return a->quiet = 1, 0;
    if (*i + 1 >= argc)
        return -1;
    const char *v = argv[*i + 1];
    const char **str = strcmp(f, "--model") == 0 ? &a->model
                     : strcmp(f, "--train") == 0 ? &a->train
                     : strcmp(f, "--eval") == 0 ? &a->eval
                     : strcmp(f, "--out") == 0 ? &o->output_dir
                     : strcmp(f, "--metric") == 0 ? &o->metric_for_best
                     : strcmp(f, "--resume") == 0 ? &o->resume_from
                     : strcmp(f, "--text-column") == 0 ? &o->text_column
                     : strcmp(f, "--label-column") == 0 ? &o->label_column : NULL;
    if (str) {
        *str = v;
        (*i)++;
        return 0;
    }
    double x;
    static const char *flags[] = {"--epochs", "--lr", "--batch-size", "--eval-batch-size",
                                  "--warmup-ratio", "--warmup-steps", "--weight-decay",
                                  "--max-grad-norm", "--grad-accum", "--seed", "--eval-steps",
                                  "--logging-steps", "--save-total-limit", "--patience",
                                  "--max-steps", "--max-train-examples", "--max-eval-examples",
                                  "--max-length"};
    size_t k = 0, nflags = sizeof flags / sizeof *flags;
    while (k < nflags && strcmp(f, flags[k]) != 0)
        k++;
    if (k == nflags)
        return -1;
    if (number(f, v, &x))
        return 2;
    if (k > 4 && k != 6 && k != 7 && (x < 0 || x != floor(x)))
        return cli_usage_error("%s wants a whole number >= 0, not '%s'", f, v);
    (*i)++;
    switch (k) {
    case 0: o->epochs = x; break;
    case 1: o->learning_rate = x; break;
    case 2: o->batch_size = (size_t)x; break;
    case 3: o->eval_batch_size = (size_t)x; break;
    case 4: o->warmup_ratio = x; break;
    case 5: o->warmup_steps = (long long)x; break;
    case 6: o->weight_decay = x; break;
    case 7: o->max_grad_norm = x; break;
    case 8: o->gradient_accumulation_steps = (int)x; break;
    case 9: o->seed = (unsigned long long)x; break;
    case 10: o->eval_steps = (long long)x; break;
    case 11: o->logging_steps = (long long)x; break;
    case 12: o->save_total_limit = (int)x; break;
    case 13: o->early_stopping_patience = (int)x; break;
    case 14: o->max_steps = (long long)x; break;
    case 15: o->max_train_examples = (size_t)x; break;
    case 16: o->max_eval_examples = (size_t)x; break;
    default: o->max_length = (size_t)x; break;
    }
    return 0;
}

/* One redrawn line on a terminal: [#####.....] step/total epoch loss ETA;
 * a plain line per report otherwise (logs, pipes). */
static int progress(const nlp_train_progress *p, void *user)
{
    cli_train_args *a = user;
    double elapsed = now() - a->started;
    double eta = p->step > 0 ? elapsed / (double)p->step * (double)(p->total_steps - p->step) : 0;
    if (a->tty && !p->evaluated) {
        int width = 30, done = p->total_steps ? (int)(width * p->step / p->total_steps) : 0;
        char bar[32];
        for (int k = 0; k < width; k++)
            bar[k] = k < done ? '#' : '.';
        bar[width] = '\0';
        fprintf(stderr, "\r[%s] %lld/%lld epoch %.2f loss %.4f lr %.2e ETA %.0fs ", bar,
                p->step, p->total_steps, p->epoch, p->loss, p->learning_rate, eta);
    } else if (!p->evaluated) {
        fprintf(stderr, "step %lld/%lld epoch %.2f loss %.6f lr %.3e elapsed %.0fs\n", p->step,
                p->total_steps, p->epoch, p->loss, p->learning_rate, elapsed);
    } else {
        fprintf(stderr, "%seval step %lld epoch %.2f eval_loss %.6f %s %.6f%s%s\n",
                a->tty ? "\n" : "", p->step, p->epoch, p->eval_loss, p->metric_name, p->metric,
                p->checkpoint ? " saved " : "", p->checkpoint ? p->checkpoint : "");
    }
    fflush(stderr);
    return 0;
}

void cli_train_progress_start(cli_train_args *a)
{
    a->started = now();
    a->tty = isatty(2);
    if (!a->quiet) {
        a->opts.callback = progress;
        a->opts.callback_data = a;
    }
}

void cli_train_progress_end(cli_train_args *a)
{
    if (a->tty && !a->quiet)
        fputc('\n', stderr);
}

void cli_train_print_report(const cli_train_args *a, const nlp_train_report *r)
{
    printf("{\"output_dir\": \"%s\", \"steps\": %lld, \"epochs\": %.4f, \"train_loss\": %.6f, "
           "\"best_metric\": ", a->opts.output_dir, r->steps, r->epochs, r->train_loss);
    if (isnan(r->best_metric))
        printf("null");
    else
        printf("%.6f", r->best_metric);
    printf(", \"metric\": \"%s\", \"best_step\": %lld, \"train_examples\": %zu, "
           "\"eval_examples\": %zu, \"truncated\": %zu, \"seconds\": %.1f, "
           "\"tokens_per_second\": %.1f}\n",
           a->opts.metric_for_best, r->best_step, r->train_examples, r->eval_examples,
           r->truncated, r->seconds, r->tokens_per_second);
}
