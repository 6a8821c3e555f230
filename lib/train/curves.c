/* curves.c - SVG line charts of the training log (see curves.h). */
#include "train/curves.h"
#include "train/files.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct svgbuf {
    char *data;
    size_t len, cap;
    bool failed;
} svgbuf;

static void put(svgbuf *b, const char *fmt, ...) NLP_PRINTF(2, 3);
static void put(svgbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char tmp[512];
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (b->failed || n < 0)
        return;
    if (nlp__grow((void **)&b->data, &b->cap, b->len + (size_t)n + 1, 1) != NLP_OK) {
        b->failed = true;
        return;
    }
    memcpy(b->data + b->len, tmp, (size_t)n + 1);
    b->len += (size_t)n;
}

enum { W = 640, H = 220, PAD = 50 };

static void range(const double *v, size_t n, double *lo, double *hi)
{
    *lo = INFINITY;
    *hi = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(v[i]))
            continue;
        *lo = v[i] < *lo ? v[i] : *lo;
        *hi = v[i] > *hi ? v[i] : *hi;
    }
    if (!(*lo <= *hi)) {
        *lo = 0;
        *hi = 1;
    }
    if (*hi - *lo < 1e-12) {
        *lo -= 0.5;
        *hi += 0.5;
    }
}

static void panel(svgbuf *b, const nlp__series *s, int top)
{
    double x0, x1, y0, y1;
    range(s->x, s->n, &x0, &x1);
    range(s->y, s->n, &y0, &y1);
    put(b, "<g transform=\"translate(0,%d)\">\n", top);
    put(b, "<rect x=\"%d\" y=\"10\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>\n",
        PAD, W - 2 * PAD, H - 40);
    put(b, "<text x=\"%d\" y=\"8\" font-size=\"12\">%s</text>\n", PAD, s->name);
    put(b, "<text x=\"4\" y=\"20\" font-size=\"10\">%.4g</text>\n", y1);
    put(b, "<text x=\"4\" y=\"%d\" font-size=\"10\">%.4g</text>\n", H - 30, y0);
    put(b, "<text x=\"%d\" y=\"%d\" font-size=\"10\">step %.0f</text>\n", PAD, H - 16, x0);
    put(b, "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"end\">step %.0f</text>\n",
        W - PAD, H - 16, x1);
    put(b, "<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"1.5\" points=\"");
    for (size_t i = 0; i < s->n; i++) {
        if (!isfinite(s->y[i]))
            continue;
        double px = PAD + (s->x[i] - x0) / (x1 - x0) * (W - 2 * PAD);
        double py = 10 + (1 - (s->y[i] - y0) / (y1 - y0)) * (H - 40);
        put(b, "%.1f,%.1f ", px, py);
    }
    put(b, "\"/>\n</g>\n");
}

nlp_status nlp__curves_write_svg(const char *path, const nlp__series *series, size_t count)
{
    svgbuf b = {0};
    size_t shown = 0;
    for (size_t i = 0; i < count; i++)
        shown += series[i].n > 0;
    put(&b, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%zu\" "
            "font-family=\"sans-serif\">\n", W, (shown ? shown : 1) * H);
    int top = 0;
    for (size_t i = 0; i < count; i++) {
        if (series[i].n == 0)
            continue;
        panel(&b, &series[i], top);
        top += H;
    }
    put(&b, "</svg>\n");
    nlp_status st = b.failed ? NLP_ERR_NOMEM : nlp__write_atomic(path, b.data, b.len);
    free(b.data);
    return st;
}
