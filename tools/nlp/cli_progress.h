/* cli_progress.h - one progress bar for every long job: on stderr, only
 * when stderr is a terminal and --quiet was not given; redrawn in place
 * with the count, the rate and the time left. */
#ifndef NLP_CLI_PROGRESS_H
#define NLP_CLI_PROGRESS_H

#include <stddef.h>

typedef struct cli_progress {
    const char *label;
    int on;          /* drawing */
    double started;  /* seconds, monotonic */
    double drawn;    /* when last drawn */
    size_t done, total; /* total 0: unknown (a stream) */
} cli_progress;

double cli_now(void);

/* Start a bar labelled label ("ner eval"); total 0 when unknown. */
void cli_progress_start(cli_progress *p, const char *label, size_t total, int quiet);
/* done items of total (total may change, e.g. a second pass); redraws at
 * most 10 times a second and always at the end. */
void cli_progress_update(cli_progress *p, size_t done, size_t total);
/* Clear the line. */
void cli_progress_end(cli_progress *p);

/* An nlp progress callback (done, total, user) that feeds a cli_progress. */
int cli_progress_callback(size_t done, size_t total, void *user);

#endif
