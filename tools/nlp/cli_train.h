/* cli_train.h - what `nlp ner train` and `nlp toxic train` share: the
 * training option rows, the progress display, the final summary. */
#ifndef NLP_CLI_TRAIN_H
#define NLP_CLI_TRAIN_H

#include "cli.h"
#include "cli_progress.h"

typedef struct cli_train_args {
    const char *model, *train, *eval;
    nlp_train_options opts;
    int metric;                /* index into the command's metric choices */
    const char *const *metrics;
    int no_cache, no_label_all_tokens, quiet;
    int tty;                   /* stderr is a terminal: redraw one progress line */
    double started;            /* seconds, monotonic */
    int resume_said;           /* the "resumed" line was printed */
    cli_progress eval_bar;     /* the evaluation in progress (terminal only) */
    int eval_running;          /* eval_bar started for this evaluation */
    int line_cleared;          /* the eval bar took the training line away */
    const char *launch_flag;   /* data-parallel flags (cli_launch.c reads them), ignored here */
} cli_train_args;

/* Defaults; metrics[0] is the task's default metric. */
void cli_train_args_init(cli_train_args *a, const char *const *metrics);
/* After parsing: the metric name, cache flag into opts. */
void cli_train_args_finish(cli_train_args *a);
void cli_train_progress_start(cli_train_args *a);
void cli_train_progress_end(cli_train_args *a);
void cli_train_print_report(const cli_train_args *a, const nlp_train_report *r);

#define CLI_TRAIN_FIELD(Args, f) offsetof(Args, t.opts.f)

/* The rows both trainers take; Args has a cli_train_args t. */
#define CLI_TRAIN_OPTIONS(Args)                                                                \
    {.name = "--model", .value = "BASE_DIR", .kind = CLI_STRING, .offset = offsetof(Args, t.model), \
     .help = "checkpoint to start from", .flags = CLI_REQUIRED | CLI_DIR},                    \
    {.name = "--train", .value = "FILE", .kind = CLI_STRING, .offset = offsetof(Args, t.train),\
     .help = "training data", .flags = CLI_REQUIRED | CLI_FILE},                              \
    {.name = "--eval", .value = "FILE", .kind = CLI_STRING, .offset = offsetof(Args, t.eval),  \
     .help = "evaluation data (none: no evaluation, the last model is kept)",                 \
     .flags = CLI_FILE},                                                                       \
    {.name = "--out", .value = "DIR", .kind = CLI_STRING,                                     \
     .offset = CLI_TRAIN_FIELD(Args, output_dir), .help = "output directory",                 \
     .flags = CLI_REQUIRED | CLI_DIR},                                                         \
    {.name = "--epochs", .value = "X", .kind = CLI_DOUBLE, .offset = CLI_TRAIN_FIELD(Args, epochs), \
     .help = "passes over the training data (3)", .min = 0, .max = 1e6},                     \
    {.name = "--max-steps", .value = "N", .kind = CLI_LLONG,                                  \
     .offset = CLI_TRAIN_FIELD(Args, max_steps),                                               \
     .help = "optimizer steps; overrides --epochs (0: off)", .max = 1e15},                   \
    {.name = "--lr", .value = "X", .kind = CLI_DOUBLE,                                        \
     .offset = CLI_TRAIN_FIELD(Args, learning_rate), .help = "peak learning rate (5e-5)",     \
     .min = 0, .max = 10},                                                                     \
    {.name = "--batch-size", .value = "N", .kind = CLI_SIZE,                                  \
     .offset = CLI_TRAIN_FIELD(Args, batch_size), .help = "examples per batch (16)",          \
     .min = 1, .max = 1e6},                                                                    \
    {.name = "--eval-batch-size", .value = "N", .kind = CLI_SIZE,                             \
     .offset = CLI_TRAIN_FIELD(Args, eval_batch_size), .help = "examples per eval batch (32)",\
     .min = 1, .max = 1e6},                                                                    \
    {.name = "--grad-accum", .value = "N", .kind = CLI_INT,                                   \
     .offset = CLI_TRAIN_FIELD(Args, gradient_accumulation_steps),                             \
     .help = "batches per optimizer step (1)", .min = 1, .max = 1e6},                         \
    {.name = "--warmup-ratio", .value = "X", .kind = CLI_DOUBLE,                              \
     .offset = CLI_TRAIN_FIELD(Args, warmup_ratio), .help = "share of steps warming up (0)",  \
     .min = 0, .max = 1},                                                                      \
    {.name = "--warmup-steps", .value = "N", .kind = CLI_LLONG,                               \
     .offset = CLI_TRAIN_FIELD(Args, warmup_steps),                                            \
     .help = "warm-up steps; overrides --warmup-ratio (0)", .max = 1e15},                     \
    {.name = "--weight-decay", .value = "X", .kind = CLI_DOUBLE,                              \
     .offset = CLI_TRAIN_FIELD(Args, weight_decay), .help = "AdamW weight decay (0.01)",      \
     .min = 0, .max = 10},                                                                     \
    {.name = "--max-grad-norm", .value = "X", .kind = CLI_DOUBLE,                             \
     .offset = CLI_TRAIN_FIELD(Args, max_grad_norm),                                           \
     .help = "gradient clipping norm (1.0; 0: off)", .min = 0, .max = 1e6},                   \
    {.name = "--seed", .value = "N", .kind = CLI_U64, .offset = CLI_TRAIN_FIELD(Args, seed),  \
     .help = "data order, new weights and dropout (42)"},                                     \
    {.name = "--eval-steps", .value = "N", .kind = CLI_LLONG,                                 \
     .offset = CLI_TRAIN_FIELD(Args, eval_steps),                                              \
     .help = "evaluate every N steps (0: every epoch)", .max = 1e15},                         \
    {.name = "--logging-steps", .value = "N", .kind = CLI_LLONG,                              \
     .offset = CLI_TRAIN_FIELD(Args, logging_steps), .help = "log every N steps (50)",        \
     .max = 1e15},                                                                             \
    {.name = "--metric", .value = "NAME", .kind = CLI_CHOICE, .offset = offsetof(Args, t.metric), \
     .choices = Args##_metrics, .help = "metric that picks the best checkpoint (the first)"}, \
    {.name = "--save-total-limit", .value = "N", .kind = CLI_INT,                             \
     .offset = CLI_TRAIN_FIELD(Args, save_total_limit),                                        \
     .help = "keep the newest N checkpoints and the best (0: all)", .max = 1e6},              \
    {.name = "--patience", .value = "N", .kind = CLI_INT,                                     \
     .offset = CLI_TRAIN_FIELD(Args, early_stopping_patience),                                 \
     .help = "stop after N evaluations without improvement (0: off)", .max = 1e6},            \
    {.name = "--max-train-examples", .value = "N", .kind = CLI_SIZE,                          \
     .offset = CLI_TRAIN_FIELD(Args, max_train_examples),                                      \
     .help = "use the first N training examples (0: all)", .max = 1e12},                      \
    {.name = "--max-eval-examples", .value = "N", .kind = CLI_SIZE,                           \
     .offset = CLI_TRAIN_FIELD(Args, max_eval_examples),                                       \
     .help = "use the first N evaluation examples (0: all)", .max = 1e12},                    \
    {.name = "--max-length", .value = "N", .kind = CLI_SIZE,                                  \
     .offset = CLI_TRAIN_FIELD(Args, max_length),                                              \
     .help = "tokens per example, specials included (128)", .min = 3, .max = 1e6},            \
    {.name = "--group-by-length", .kind = CLI_FLAG,                                           \
     .offset = CLI_TRAIN_FIELD(Args, group_by_length),                                         \
     .help = "batches of examples of similar length"},                                        \
    {.name = "--device", .value = "D", .kind = CLI_STRING,                                    \
     .offset = CLI_TRAIN_FIELD(Args, device), .help = "cpu (default), cuda or auto"},         \
    {.name = "--resume", .value = "DIR", .kind = CLI_STRING,                                  \
     .offset = CLI_TRAIN_FIELD(Args, resume_from),                                             \
     .help = "continue from a checkpoint-N folder, to the new --max-steps or --epochs",       \
     .flags = CLI_DIR},                                                                        \
    {.name = "--no-cache", .kind = CLI_FLAG, .offset = offsetof(Args, t.no_cache),            \
     .help = "do not cache tokenized features"},                                              \
    {.name = "--quiet", .kind = CLI_FLAG, .offset = offsetof(Args, t.quiet),                  \
     .help = "no progress output"},                                                           \
    {.name = "--nproc", .value = "N", .kind = CLI_STRING, .offset = offsetof(Args, t.launch_flag), \
     .help = "data-parallel ranks on this machine (1; docs/distributed.md)"},                 \
    {.name = "--nproc-per-node", .value = "N", .kind = CLI_STRING,                            \
     .offset = offsetof(Args, t.launch_flag), .help = "same as --nproc (torchrun's name)"},    \
    {.name = "--nnodes", .value = "M", .kind = CLI_STRING, .offset = offsetof(Args, t.launch_flag), \
     .help = "machines taking part (1)"},                                                     \
    {.name = "--node-rank", .value = "K", .kind = CLI_STRING,                                 \
     .offset = offsetof(Args, t.launch_flag), .help = "this machine's index (0)"},            \
    {.name = "--master-addr", .value = "A", .kind = CLI_STRING,                               \
     .offset = offsetof(Args, t.launch_flag), .help = "rendezvous host (127.0.0.1)"},         \
    {.name = "--master-port", .value = "P", .kind = CLI_STRING,                               \
     .offset = offsetof(Args, t.launch_flag), .help = "rendezvous port (a free one; 29500 with --nnodes)"}

#endif
