/* cli_progress.c - see cli_progress.h. */
#include "cli_progress.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

double cli_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

void cli_progress_start(cli_progress *p, const char *label, size_t total, int quiet)
{
    p->label = label;
    p->on = !quiet && isatty(2);
    p->started = cli_now();
    p->drawn = 0;
    p->done = 0;
    p->total = total;
}

static void draw(cli_progress *p, double t)
{
    double elapsed = t - p->started, rate = elapsed > 0 ? (double)p->done / elapsed : 0;
    if (p->total) {
        enum { WIDTH = 30 };
        char bar[WIDTH + 1];
        size_t fill = p->done >= p->total ? WIDTH : WIDTH * p->done / p->total;
        for (size_t k = 0; k < WIDTH; k++)
            bar[k] = k < fill ? '#' : '.';
        bar[WIDTH] = '\0';
        double eta = rate > 0 ? (double)(p->total - (p->done < p->total ? p->done : p->total)) / rate
                              : 0;
        fprintf(stderr, "\r%s [%s] %zu/%zu %.1f/s ETA %.0fs ", p->label, bar, p->done,
                p->total, rate, eta);
    } else {
        fprintf(stderr, "\r%s %zu done %.1f/s %.0fs ", p->label, p->done, rate, elapsed);
    }
    fflush(stderr);
    p->drawn = t;
}

void cli_progress_update(cli_progress *p, size_t done, size_t total)
{
    if (!p->on)
        return;
    p->done = done;
    p->total = total;
    double t = cli_now();
    if (t - p->drawn >= 0.1 || (total && done >= total))
        draw(p, t);
}

void cli_progress_end(cli_progress *p)
{
    if (p->on && p->drawn > 0)
        fputs("\r\033[K", stderr);
    fflush(stderr);
    p->on = 0;
}

int cli_progress_callback(size_t done, size_t total, void *user)
{
    cli_progress_update(user, done, total);
    return 0;
}
