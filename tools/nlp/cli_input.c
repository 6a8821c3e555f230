/* cli_input.c - see cli_input.h. */
#include "cli_input.h"
#include "cli.h"

#include <stdlib.h>
#include <string.h>

const char *const cli_on_error_choices[] = {"stop", "skip", NULL};

typedef struct feeder {
    const char *what;
    const cli_input_args *in;
    cli_item_fn fn;
    void *ctx;
    cli_progress bar;
    size_t done, skipped;
} feeder;

/* Run fn on a batch; with skip, isolate the failing items. */
static int feed(feeder *f, const cli_item *items, size_t n)
{
    if (n == 0)
        return 0;
    int rc = f->fn(f->ctx, items, n);
    if (rc && f->in->on_error == CLI_ON_ERROR_SKIP) {
        rc = 0;
        for (size_t i = 0; n > 1 && i < n; i++)
            if (f->fn(f->ctx, items + i, 1) != 0) {
                fprintf(stderr, "nlp: %s: skipped line %ld\n", f->what, items[i].line);
                f->skipped++;
            }
        if (n == 1) {
            fprintf(stderr, "nlp: %s: skipped line %ld\n", f->what, items[0].line);
            f->skipped++;
        }
    }
    f->done += n;
    cli_progress_update(&f->bar, f->done, f->bar.total);
    return rc;
}

/* A row whose field holds words: {"tokens": ["EU", "rejects"]}. */
static int parse_words(feeder *f, const char *line, size_t len, long lineno, cli_item *item)
{
    const char *field = f->in->text_field ? f->in->text_field : "tokens";
    json_error_t err;
    json_t *row = json_loadb(line, len, 0, &err), *words = json_object_get(row, field);
    int ok = json_is_array(words);
    for (size_t i = 0; ok && i < json_array_size(words); i++)
        ok = json_is_string(json_array_get(words, i));
    if (!ok) {
        if (!row)
            fprintf(stderr, "nlp: %s: stdin:%ld: %s\n", f->what, lineno, err.text);
        else
            fprintf(stderr, "nlp: %s: stdin:%ld: expected an array of strings \"%s\" "
                    "(see --text-field)\n", f->what, lineno, field);
        json_decref(row);
        return 1;
    }
    item->row = row;
    item->words = words;
    item->text = "";
    item->len = 0;
    return 0;
}

/* Parse one stdin line into item; 0, or 1 with the reason printed. */
static int parse_line(feeder *f, char *line, size_t len, long lineno, cli_item *item)
{
    while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
        line[--len] = '\0';
    item->line = lineno;
    item->row = NULL;
    item->words = NULL;
    if (f->in->words)
        return parse_words(f, line, len, lineno, item);
    if (!f->in->jsonl) {
        item->text = line;
        item->len = len;
        return 0;
    }
    json_error_t err;
    json_t *row = json_loadb(line, len, 0, &err);
    if (!json_is_object(row)) {
        fprintf(stderr, "nlp: %s: stdin:%ld: %s\n", f->what, lineno,
                row ? "expected a JSON object" : err.text);
        json_decref(row);
        return 1;
    }
    const char *field = f->in->text_field ? f->in->text_field : "text";
    json_t *text = json_object_get(row, field);
    if (!text && !f->in->text_field)
        text = json_object_get(row, field = "user_input");
    if (!json_is_string(text)) {
        fprintf(stderr, "nlp: %s: stdin:%ld: %s\n", f->what, lineno,
                text ? "the text field is not a string"
                     : f->in->text_field ? "no such --text-field in this row"
                                         : "no \"text\" or \"user_input\" field (see --text-field)");
        json_decref(row);
        return 1;
    }
    item->row = row;
    item->text = json_string_value(text);
    item->len = json_string_length(text);
    return 0;
}

static int each_line(feeder *f, size_t batch)
{
    cli_item *items = calloc(batch, sizeof *items);
    char **lines = calloc(batch, sizeof *lines);
    size_t *caps = calloc(batch, sizeof *caps);
    int rc = items && lines && caps ? 0 : 1;
    size_t n = 0;
    long lineno = 0;
    while (rc == 0) {
        ssize_t got = getline(&lines[n], &caps[n], stdin);
        if (got < 0)
            break;
        lineno++;
        if (strspn(lines[n], " \t\r\n") == (size_t)got)
            continue;
        if (parse_line(f, lines[n], (size_t)got, lineno, &items[n]) != 0) {
            if (f->in->on_error != CLI_ON_ERROR_SKIP) {
                rc = feed(f, items, n); /* the lines before the bad one */
                while (n)
                    json_decref(items[--n].row);
                rc = 1;
            } else
                fprintf(stderr, "nlp: %s: skipped line %ld\n", f->what, lineno), f->skipped++;
            continue;
        }
        if (++n == batch) {
            rc = feed(f, items, n);
            while (n)
                json_decref(items[--n].row);
        }
    }
    if (rc == 0)
        rc = feed(f, items, n);
    while (n)
        json_decref(items[--n].row);
    for (size_t i = 0; lines && i < batch; i++)
        free(lines[i]);
    free(items);
    free(lines);
    free(caps);
    return rc;
}

int cli_input_each(const char *what, const cli_input_args *in, const cli_operands *ops,
                   size_t batch, cli_item_fn fn, void *ctx)
{
    feeder f = {what, in, fn, ctx, {0}, 0, 0};
    int from_stdin = ops->count == 0 || (ops->count == 1 && strcmp(ops->items[0], "-") == 0);
    if (in->jsonl && !from_stdin)
        return cli_usage_error("%s: --jsonl reads stdin; give no texts (or '-')", what);
    int rc = 0;
    cli_progress_start(&f.bar, what, from_stdin ? 0 : (size_t)ops->count, in->quiet);
    if (from_stdin) {
        rc = each_line(&f, batch ? batch : 1);
    } else {
        cli_item items[16];
        for (int i = 0; i < ops->count && rc == 0;) {
            size_t n = 0;
            for (; n < sizeof items / sizeof *items && n < batch && i < ops->count; n++, i++)
                items[n] = (cli_item){ops->items[i], strlen(ops->items[i]), NULL, 0, NULL};
            rc = feed(&f, items, n);
        }
    }
    cli_progress_end(&f.bar);
    fflush(stdout);
    if (f.skipped)
        fprintf(stderr, "nlp: %s: %zu input%s skipped\n", what, f.skipped,
                f.skipped == 1 ? "" : "s");
    return rc;
}

json_t *cli_item_row(const cli_item *item)
{
    if (item->row)
        return json_deep_copy(item->row);
    json_t *o = json_object();
    json_object_set_new(o, "text", json_stringn(item->text, item->len));
    return o;
}

void cli_print_json(const json_t *v, int pretty, int digits)
{
    size_t flags = JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(digits);
    flags |= pretty ? JSON_INDENT(2) : 0;
    char *s = json_dumps(v, flags);
    if (s)
        puts(s);
    free(s);
}

void cli_output_row(cli_output *o, json_t *row)
{
    if (o->format_name && strcmp(o->format_name, "json") == 0) {
        if (!o->all)
            o->all = json_array();
        json_array_append_new(o->all, row);
        return;
    }
    cli_print_json(row, o->pretty, 6);
    json_decref(row);
}

void cli_output_end(cli_output *o)
{
    if (o->format_name && strcmp(o->format_name, "json") == 0) {
        json_t *all = o->all ? o->all : json_array();
        cli_print_json(all, o->pretty, 6);
        json_decref(all);
        o->all = NULL;
    }
}
