/* fixture_rows.c - see fixture_rows.h. */
#define _POSIX_C_SOURCE 200809L
#include "fixture_rows.h"

#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void row_words_read(json_t *array, row_words *w)
{
    w->n = json_array_size(array);
    w->words = calloc(w->n + 1, sizeof *w->words);
    w->lens = calloc(w->n + 1, sizeof *w->lens);
    for (size_t i = 0; i < w->n; i++) {
        json_t *s = json_array_get(array, i);
        w->lens[i] = json_string_length(s);
        w->words[i] = malloc(w->lens[i] + 1);
        memcpy(w->words[i], json_string_value(s), w->lens[i] + 1);
    }
}

void row_words_free(row_words *w)
{
    for (size_t i = 0; i < w->n; i++)
        free(w->words[i]);
    free(w->words);
    free(w->lens);
}

void mismatch(mismatch_log *log, size_t line, const char *fmt, ...)
{
    if (log->count++ >= 5)
        return;
    size_t used = strlen(log->first);
    if (used + 1 >= sizeof log->first)
        return;
    int n = snprintf(log->first + used, sizeof log->first - used, "  %s:%zu: ", log->file, line);
    if (n < 0 || (size_t)n >= sizeof log->first - used)
        return;
    used += (size_t)n;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(log->first + used, sizeof log->first - used, fmt, ap);
    va_end(ap);
    used = strlen(log->first);
    if (used + 1 < sizeof log->first)
        strcat(log->first, "\n");
}

size_t for_each_row(const char *path, const void *ctx, row_fn fn, mismatch_log *log)
{
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f, "cannot open %s", path);
    char *line = NULL;
    size_t cap = 0, rows = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) > 0) {
        json_error_t err;
        json_t *row = json_loadb(line, (size_t)n, JSON_ALLOW_NUL, &err);
        cr_assert_not_null(row, "%s:%zu: %s", path, rows + 1, err.text);
        fn(ctx, row, ++rows, log);
        json_decref(row);
    }
    free(line);
    fclose(f);
    return rows;
}

/* Byte offset of code point cp in s (len bytes). */
static int64_t byte_of_cp(const char *s, size_t len, int64_t cp)
{
    size_t b = 0;
    for (int64_t c = 0; c < cp && b < len; c++) {
        b++;
        while (b < len && ((unsigned char)s[b] & 0xC0) == 0x80)
            b++;
    }
    return (int64_t)b;
}

static int64_t pair_at(json_t *pairs, size_t i, size_t k)
{
    return json_integer_value(json_array_get(json_array_get(pairs, i), k));
}

/* The span of token i in bytes as the row states it (or derives it). */
static void expected_bytes(json_t *row, const row_words *w, const nlp__encoding *enc, size_t i,
                           int64_t *s, int64_t *e)
{
    json_t *bytes = json_object_get(row, "byte_offsets");
    if (bytes) {
        *s = pair_at(bytes, i, 0);
        *e = pair_at(bytes, i, 1);
        return;
    }
    json_t *offs = json_object_get(row, "offsets");
    int32_t word = enc->word_ids[i];
    if (word < 0 || (size_t)word >= w->n) {
        *s = *e = 0;
        return;
    }
    *s = byte_of_cp(w->words[word], w->lens[word], pair_at(offs, i, 0));
    *e = byte_of_cp(w->words[word], w->lens[word], pair_at(offs, i, 1));
}

static void compare_token(const nlp__encoding *enc, json_t *row, const row_words *w, size_t i,
                          size_t line, mismatch_log *log)
{
    json_t *wid = json_array_get(json_object_get(row, "word_ids"), i);
    int32_t want_word = json_is_null(wid) ? -1 : (int32_t)json_integer_value(wid);
    int32_t want_id = (int32_t)json_integer_value(json_array_get(json_object_get(row, "input_ids"), i));
    const char *want_tok = json_string_value(json_array_get(json_object_get(row, "tokens"), i));
    json_t *offs = json_object_get(row, "offsets");
    int64_t cs = pair_at(offs, i, 0), ce = pair_at(offs, i, 1), bs, be;
    expected_bytes(row, w, enc, i, &bs, &be);
    if (enc->ids[i] != want_id || strcmp(enc->tokens[i], want_tok) != 0 ||
        enc->word_ids[i] != want_word || enc->char_start[i] != cs || enc->char_end[i] != ce ||
        enc->byte_start[i] != bs || enc->byte_end[i] != be)
        mismatch(log, line,
                 "token %zu: got %d \"%s\" word %d chars [%lld,%lld) bytes [%lld,%lld); "
                 "want %d \"%s\" word %d chars [%lld,%lld) bytes [%lld,%lld)",
                 i, enc->ids[i], enc->tokens[i], enc->word_ids[i], (long long)enc->char_start[i],
                 (long long)enc->char_end[i], (long long)enc->byte_start[i],
                 (long long)enc->byte_end[i], want_id, want_tok, want_word, (long long)cs,
                 (long long)ce, (long long)bs, (long long)be);
}

void compare_encoding(const nlp__encoding *enc, json_t *row, const row_words *w,
                      const char *text, size_t line, mismatch_log *log)
{
    size_t want = json_array_size(json_object_get(row, "input_ids"));
    (void)text;
    if (enc->count != want) {
        mismatch(log, line, "%zu tokens, want %zu", enc->count, want);
        return;
    }
    size_t before = log->count;
    for (size_t i = 0; i < want && log->count == before; i++)
        compare_token(enc, row, w, i, line, log);
}
