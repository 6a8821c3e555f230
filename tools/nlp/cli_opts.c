/* cli_opts.c - the table-driven parser and --help (see cli_opts.h). */
#include "cli_opts.h"
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int is_help(const char *a)
{
    return strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0;
}

static const cli_option *find(const cli_spec *spec, const char *arg, size_t len)
{
    for (size_t i = 0; i < spec->option_count; i++) {
        const char *n = spec->options[i].name;
        if (strlen(n) == len && strncmp(n, arg, len) == 0)
            return &spec->options[i];
    }
    return NULL;
}

static void range_of(const cli_option *o, double *lo, double *hi)
{
    *lo = o->min;
    *hi = o->max;
    if (o->min == 0 && o->max == 0)
        *hi = INT_MAX;
}

/* A base-10 integer: no sign games, no fraction, no exponent. */
static int parse_integer(const cli_spec *spec, const cli_option *o, const char *v,
                         long long *out)
{
    char *end = NULL;
    errno = 0;
    long long x = strtoll(v, &end, 10);
    double lo, hi;
    range_of(o, &lo, &hi);
    if (!*v || *end || errno)
        return cli_usage_error("%s: %s wants a whole number, not '%s'", spec->name, o->name, v);
    if ((double)x < lo || (double)x > hi)
        return cli_usage_error("%s: %s wants a whole number from %.0f to %.0f, not '%s'",
                               spec->name, o->name, lo, hi, v);
    *out = x;
    return 0;
}

static int parse_u64(const cli_spec *spec, const cli_option *o, const char *v,
                     unsigned long long *out)
{
    char *end = NULL;
    errno = 0;
    unsigned long long x = strtoull(v, &end, 10);
    if (!*v || *end || errno || v[0] == '-' || v[0] == '+')
        return cli_usage_error("%s: %s wants a whole number from 0 to %llu, not '%s'",
                               spec->name, o->name, (unsigned long long)UINT64_MAX, v);
    *out = x;
    return 0;
}

static int parse_double(const cli_spec *spec, const cli_option *o, const char *v, double *out)
{
    char *end = NULL;
    double x = strtod(v, &end), lo, hi;
    range_of(o, &lo, &hi);
    if (!*v || *end || !isfinite(x))
        return cli_usage_error("%s: %s wants a number, not '%s'", spec->name, o->name, v);
    if (x < lo || x > hi)
        return cli_usage_error("%s: %s wants a number from %g to %g, not '%s'", spec->name,
                               o->name, lo, hi, v);
    *out = x;
    return 0;
}

static int parse_choice(const cli_spec *spec, const cli_option *o, const char *v, int *out)
{
    for (int i = 0; o->choices[i]; i++)
        if (strcmp(o->choices[i], v) == 0) {
            *out = i;
            return 0;
        }
    char list[256] = "";
    for (int i = 0; o->choices[i]; i++) {
        strncat(list, i ? ", " : "", sizeof list - strlen(list) - 1);
        strncat(list, o->choices[i], sizeof list - strlen(list) - 1);
    }
    return cli_usage_error("%s: %s wants one of %s, not '%s'", spec->name, o->name, list, v);
}

static int store(const cli_spec *spec, const cli_option *o, const char *v, void *args)
{
    char *field = (char *)args + o->offset;
    long long n = 0;
    int rc = 0;
    switch (o->kind) {
    case CLI_FLAG:
        *(int *)field = 1;
        return 0;
    case CLI_STRING:
        *(const char **)field = v;
        return 0;
    case CLI_INT:
        if ((rc = parse_integer(spec, o, v, &n)) == 0)
            *(int *)field = (int)n;
        return rc;
    case CLI_SIZE:
        if ((rc = parse_integer(spec, o, v, &n)) == 0)
            *(size_t *)field = (size_t)n;
        return rc;
    case CLI_LLONG:
        if ((rc = parse_integer(spec, o, v, &n)) == 0)
            *(long long *)field = n;
        return rc;
    case CLI_U64:
        return parse_u64(spec, o, v, (unsigned long long *)field);
    case CLI_DOUBLE:
        return parse_double(spec, o, v, (double *)field);
    case CLI_CHOICE:
        return parse_choice(spec, o, v, (int *)field);
    case CLI_CALL:
        return o->call(args, v);
    }
    return 2;
}

int cli_parse(const cli_spec *spec, int argc, char **argv, void *args, cli_operands *ops)
{
    /* --help wins over everything, even a flag that would take it as value. */
    for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
        if (is_help(argv[i])) {
            cli_print_help(spec, stdout);
            return CLI_HELP_SHOWN;
        }
    unsigned char seen[64] = {0};
    ops->items = argv + argc;
    ops->count = 0;
    int ended = 0, first_operand = -1;
    char **operands = argv + 1; /* compacted in place: operands keep their order */
    for (int i = 1; i < argc; i++) {
        char *a = argv[i];
        if (ended || a[0] != '-' || strcmp(a, "-") == 0) {
            if (first_operand < 0)
                first_operand = i;
            operands[ops->count++] = a;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            ended = 1;
            continue;
        }
        const char *eq = a[1] == '-' ? strchr(a, '=') : NULL;
        size_t len = eq ? (size_t)(eq - a) : strlen(a);
        const cli_option *o = find(spec, a, len);
        if (!o)
            return cli_usage_error("%s: unknown option '%.*s' (see 'nlp %s --help')",
                                   spec->name, (int)len, a, spec->name);
        size_t k = (size_t)(o - spec->options);
        if (k < sizeof seen && seen[k] && !(o->flags & CLI_REPEAT))
            return cli_usage_error("%s: %s given twice", spec->name, o->name);
        if (k < sizeof seen)
            seen[k] = 1;
        const char *v = NULL;
        if (o->kind == CLI_FLAG) {
            if (eq)
                return cli_usage_error("%s: %s takes no value", spec->name, o->name);
        } else if (eq) {
            v = eq + 1;
        } else if (i + 1 < argc) {
            v = argv[++i];
        } else {
            return cli_usage_error("%s: %s needs a value (%s)", spec->name, o->name, o->value);
        }
        int rc = store(spec, o, v, args);
        if (rc)
            return rc;
    }
    ops->items = operands;
    for (size_t k = 0; k < spec->option_count; k++) {
        const cli_option *o = &spec->options[k];
        if ((o->flags & CLI_REQUIRED) && !(k < sizeof seen && seen[k]))
            return cli_usage_error("%s: missing %s %s (%s)", spec->name, o->name, o->value,
                                   o->help);
    }
    if (spec->max_operands >= 0 && ops->count > spec->max_operands) {
        if (spec->max_operands == 0)
            return cli_usage_error("%s: unexpected argument '%s' (see 'nlp %s --help')",
                                   spec->name, ops->items[0], spec->name);
        return cli_usage_error("%s: unexpected argument '%s' (at most %d %s)", spec->name,
                               ops->items[spec->max_operands], spec->max_operands,
                               spec->operands);
    }
    return 0;
}

/* "--model DIR" padded into a column. */
static void option_left(const cli_option *o, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s%s%s", o->name, o->value ? " " : "", o->value ? o->value : "");
}

void cli_print_help(const cli_spec *spec, FILE *out)
{
    fprintf(out, "usage: nlp %s %s\n\n%s\n", spec->name, spec->synopsis, spec->summary);
    if (spec->description)
        fprintf(out, "\n%s\n", spec->description);
    fprintf(out, "\noptions:\n");
    for (size_t i = 0; i < spec->option_count; i++) {
        const cli_option *o = &spec->options[i];
        char left[64];
        option_left(o, left, sizeof left);
        const char *req = (o->flags & CLI_REQUIRED) ? "required: " : "";
        if (strlen(left) > 24)
            fprintf(out, "  %s\n  %-24s %s%s", left, "", req, o->help);
        else
            fprintf(out, "  %-24s %s%s", left, req, o->help);
        if (o->kind == CLI_CHOICE) {
            fputs(" [", out);
            for (int c = 0; o->choices[c]; c++)
                fprintf(out, "%s%s", c ? "|" : "", o->choices[c]);
            fputc(']', out);
        }
        fputc('\n', out);
    }
    fprintf(out, "  %-24s %s\n", "-h, --help", "show this help and exit");
    if (spec->examples)
        fprintf(out, "\nexamples:\n%s", spec->examples);
    fprintf(out, "\nexit status: 0 ok, 1 data or runtime error, 2 usage error.\n");
}

/* troff text: a leading '.' or '\'' would be a request; backslashes escape. */
static void man_text(const char *s, FILE *out)
{
    int bol = 1;
    for (; *s; s++) {
        if (bol && (*s == '.' || *s == '\''))
            fputs("\\&", out);
        if (*s == '\\')
            fputs("\\e", out);
        else if (*s == '-')
            fputs("\\-", out);
        else
            fputc(*s, out);
        bol = *s == '\n';
    }
}

void cli_print_man(const cli_spec *spec, FILE *out)
{
    char title[64];
    size_t n = 0;
    for (const char *p = "NLP-"; *p; p++)
        title[n++] = *p;
    for (const char *p = spec->name; *p && n + 1 < sizeof title; p++)
        title[n++] = *p == ' ' ? '-' : (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
    title[n] = '\0';
    fprintf(out, ".TH %s 1 \"\" \"nlp %s\" \"libnlp manual\"\n.SH NAME\nnlp\\-", title,
            nlp_version());
    for (const char *p = spec->name; *p; p++)
        fputs(*p == ' ' ? "\\-" : (char[]){*p, 0}, out);
    fputs(" \\- ", out);
    man_text(spec->summary, out);
    fputs("\n.SH SYNOPSIS\n.B nlp ", out);
    man_text(spec->name, out);
    fputc('\n', out);
    man_text(spec->synopsis, out);
    fputs("\n.SH DESCRIPTION\n", out);
    man_text(spec->summary, out);
    fputs(".\n", out);
    if (spec->description) {
        fputs(".PP\n", out);
        man_text(spec->description, out);
        fputc('\n', out);
    }
    fputs(".SH OPTIONS\n", out);
    for (size_t i = 0; i < spec->option_count; i++) {
        const cli_option *o = &spec->options[i];
        fputs(".TP\n.B ", out);
        man_text(o->name, out);
        if (o->value) {
            fputs(" \\fI", out);
            man_text(o->value, out);
            fputs("\\fR", out);
        }
        fputc('\n', out);
        if (o->flags & CLI_REQUIRED)
            fputs("Required. ", out);
        man_text(o->help, out);
        if (o->kind == CLI_CHOICE) {
            fputs(": one of ", out);
            for (int c = 0; o->choices[c]; c++) {
                fputs(c ? ", " : "", out);
                man_text(o->choices[c], out);
            }
        }
        fputs(".\n", out);
    }
    fputs(".TP\n.B \\-h, \\-\\-help\nShow the help and exit.\n", out);
    if (spec->examples) {
        fputs(".SH EXAMPLES\n.nf\n", out);
        man_text(spec->examples, out);
        fputs(".fi\n", out);
    }
    fputs(".SH EXIT STATUS\n0 success, 1 a data or runtime error, 2 a usage error.\n"
          ".SH SEE ALSO\n.BR nlp (1)\n", out);
}
