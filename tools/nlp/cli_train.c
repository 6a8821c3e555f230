/* cli_train.c - shared training arguments and progress output (see
 * cli_train.h). */
#include "cli_train.h"

#include <math.h>
#include <string.h>
#include <unistd.h>

void cli_train_args_init(cli_train_args *a, const char *const *metrics)
{
    memset(a, 0, sizeof *a);
    a->opts = nlp_train_options_default();
    a->metrics = metrics;
}

void cli_train_args_finish(cli_train_args *a)
{
    a->opts.metric_for_best = a->metrics[a->metric];
    if (a->no_cache)
        a->opts.use_cache = 0;
    if (a->no_label_all_tokens)
        a->opts.label_all_tokens = 0;
}

/* One redrawn line on a terminal: [#####.....] step/total epoch loss ETA;
 * a plain line per report otherwise (logs, pipes). */
static int progress(const nlp_train_progress *p, void *user)
{
    cli_train_args *a = user;
    double elapsed = cli_now() - a->started;
    double eta = p->step > 0 ? elapsed / (double)p->step * (double)(p->total_steps - p->step) : 0;
    if (a->opts.resume_from && !a->resume_said) {
        /* Hugging Face Trainer's rule: a resumed run goes on to the limit
         * given now (--max-steps, else --epochs), not the checkpoint's. */
        fprintf(stderr, "resumed from %s: training to step %lld (%s)\n", a->opts.resume_from,
                p->total_steps, a->opts.max_steps > 0 ? "--max-steps" : "--epochs");
        a->resume_said = 1;
    }
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
                a->tty && !a->line_cleared ? "\n" : "", p->step, p->epoch, p->eval_loss,
                p->metric_name, p->metric, p->checkpoint ? " saved " : "",
                p->checkpoint ? p->checkpoint : "");
        a->line_cleared = 0;
    }
    fflush(stderr);
    return 0;
}

/* A bar per evaluation inside training, in place of the training line
 * (which comes back at the next report). */
static int eval_progress(size_t done, size_t total, void *user)
{
    cli_train_args *a = user;
    if (!a->eval_running) {
        cli_progress_start(&a->eval_bar, "eval", total, a->quiet);
        a->eval_running = 1;
        if (a->eval_bar.on)
            fputs("\r\033[K", stderr);
    }
    cli_progress_update(&a->eval_bar, done, total);
    if (done >= total) {
        a->line_cleared = a->eval_bar.on;
        cli_progress_end(&a->eval_bar);
        a->eval_running = 0;
    }
    return 0;
}

void cli_train_progress_start(cli_train_args *a)
{
    a->started = cli_now();
    a->tty = isatty(2);
    if (!a->quiet) {
        a->opts.callback = progress;
        a->opts.callback_data = a;
        if (a->tty) {
            a->opts.eval_progress = eval_progress;
            a->opts.eval_progress_data = a;
        }
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
