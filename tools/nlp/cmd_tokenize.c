/* cmd_tokenize.c - nlp tokenize --model DIR [--words] [--max-length N]
 * [--no-special]: JSON Lines in ({"text": ...} or {"words": [...]}), one
 * JSON line out per input with the golden files' field names, so the output
 * diffs against a Hugging Face reference. */
#include "cli.h"
#include "cli_input.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

typedef struct options {
    const char *model;
    int words_only, no_special;
    size_t max_length;
    nlp_encode_options encode;
    cli_input_args input;
} options;

static const cli_option table[] = {
    {.name = "--model", .value = "DIR", .kind = CLI_STRING, .offset = offsetof(options, model),
     .help = "checkpoint or tokenizer directory", .flags = CLI_REQUIRED | CLI_DIR},
    {.name = "--words", .kind = CLI_FLAG, .offset = offsetof(options, words_only),
     .help = "every input must have \"words\""},
    {.name = "--max-length", .value = "N", .kind = CLI_SIZE,
     .offset = offsetof(options, max_length),
     .help = "truncate to N tokens, specials included (0: no limit)", .max = 1e9},
    {.name = "--no-special", .kind = CLI_FLAG, .offset = offsetof(options, no_special),
     .help = "do not add [CLS]/[SEP] or </s>"},
    {.name = "--on-error", .value = "WHAT", .kind = CLI_CHOICE,
     .offset = offsetof(options, input.on_error), .choices = cli_on_error_choices,
     .help = "a bad input line stops the stream (exit 1) or is skipped and reported"},
};

const cli_spec cli_tokenize_spec = {
    .name = "tokenize",
    .summary = "tokenize JSON Lines (text or pre-split words) as Hugging Face does",
    .synopsis = "--model DIR [--words] [--max-length N] [--no-special] [TEXT... | - < rows.jsonl]",
    .description =
        "Tokenizes the TEXT arguments, or reads JSON Lines on stdin (no TEXT, or -):\n"
        "{\"text\": \"...\"} or {\"words\": [\"...\", ...]};\n"
        "writes one line per input: input_ids, tokens, offsets (code points),\n"
        "byte_offsets, word_ids (null for special tokens). For words, offsets are\n"
        "relative to each word, as Hugging Face's is_split_into_words.",
    .options = table,
    .option_count = CLI_COUNT(table),
    .operands = "TEXT",
    .max_operands = -1,
};

static json_t *pairs(const int64_t *start, const int64_t *end, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_pack("[II]", (json_int_t)start[i], (json_int_t)end[i]));
    return a;
}

static json_t *encoding_json(const nlp_encoding *enc)
{
    size_t n = nlp_encoding_count(enc);
    json_t *ids = json_array(), *tokens = json_array(), *words = json_array();
    for (size_t i = 0; i < n; i++) {
        int32_t w = nlp_encoding_word_ids(enc)[i];
        json_array_append_new(ids, json_integer(nlp_encoding_ids(enc)[i]));
        json_array_append_new(tokens, json_stringn(nlp_encoding_tokens(enc)[i],
                                                   nlp_encoding_token_lengths(enc)[i]));
        json_array_append_new(words, w < 0 ? json_null() : json_integer(w));
    }
    return json_pack("{s:o, s:o, s:o, s:o, s:o}", "input_ids", ids, "tokens", tokens, "offsets",
                     pairs(nlp_encoding_char_starts(enc), nlp_encoding_char_ends(enc), n),
                     "byte_offsets",
                     pairs(nlp_encoding_byte_starts(enc), nlp_encoding_byte_ends(enc), n),
                     "word_ids", words);
}

static nlp_status encode_words(const nlp_tokenizer *tok, json_t *list, const options *o,
                               nlp_encoding **enc)
{
    size_t n = json_array_size(list);
    const char **words = calloc(n + 1, sizeof *words);
    size_t *lens = calloc(n + 1, sizeof *lens);
    nlp_status st = words && lens ? NLP_OK : NLP_ERR_NOMEM;
    for (size_t i = 0; i < n && st == NLP_OK; i++) {
        json_t *w = json_array_get(list, i);
        if (!json_is_string(w))
            st = NLP_ERR_INVALID_ARG;
        words[i] = json_string_value(w);
        lens[i] = json_string_length(w);
    }
    if (st == NLP_OK)
        st = nlp_tokenizer_encode_words(tok, words, lens, n, &o->encode, enc);
    free(words);
    free(lens);
    return st;
}

/* One input line -> one output line; returns the exit code (0 to go on). */
static int tokenize_line(const nlp_tokenizer *tok, const char *line, size_t len, size_t lineno,
                         const options *o)
{
    json_error_t err;
    json_t *in = json_loadb(line, len, JSON_ALLOW_NUL, &err);
    json_t *text = json_object_get(in, "text"), *words = json_object_get(in, "words");
    nlp_encoding *enc = NULL;
    nlp_status st = NLP_ERR_INVALID_ARG;
    if (json_is_array(words))
        st = encode_words(tok, words, o, &enc);
    else if (json_is_string(text) && !o->words_only)
        st = nlp_tokenizer_encode(tok, json_string_value(text), json_string_length(text),
                                  &o->encode, &enc);
    if (st != NLP_OK || !in) {
        const char *why = nlp_last_error();
        if (!in)
            why = err.text;
        else if (*why == '\0')
            why = o->words_only ? "expected {\"words\": [strings]}"
                                : "expected {\"text\": string} or {\"words\": [strings]}";
        fprintf(stderr, "nlp: tokenize: stdin:%zu: %s\n", lineno, why);
        json_decref(in);
        return 1;
    }
    json_t *out = encoding_json(enc);
    char *s = json_dumps(out, JSON_COMPACT);
    puts(s);
    free(s);
    json_decref(out);
    json_decref(in);
    nlp_encoding_free(enc);
    return 0;
}

int cli_tokenize(int argc, char **argv)
{
    options o = {0};
    cli_operands ops;
    int rc = cli_parse(&cli_tokenize_spec, argc, argv, &o, &ops);
    if (rc)
        return cli_parse_exit(rc);
    o.encode = nlp_encode_options_default();
    o.encode.max_length = o.max_length;
    if (o.no_special)
        o.encode.add_special_tokens = 0;
    nlp_tokenizer *tok = NULL;
    nlp_status st = nlp_tokenizer_load(o.model, &tok);
    if (st != NLP_OK)
        return cli_fail_status(st, "tokenize");
    int from_stdin = ops.count == 0 || (ops.count == 1 && strcmp(ops.items[0], "-") == 0);
    for (int i = 0; !from_stdin && i < ops.count && rc == 0; i++) {
        json_t *row = json_pack("{s:s}", "text", ops.items[i]);
        char *line = json_dumps(row, 0);
        json_decref(row);
        rc = line ? tokenize_line(tok, line, strlen(line), 0, &o) : 1;
        free(line);
    }
    char *line = NULL;
    size_t cap = 0, lineno = 0, skipped = 0;
    ssize_t n;
    while (from_stdin && rc == 0 && (n = getline(&line, &cap, stdin)) > 0) {
        lineno++;
        if (strspn(line, " \t\r\n") == (size_t)n)
            continue; /* blank line */
        nlp_clear_error();
        rc = tokenize_line(tok, line, (size_t)n, lineno, &o);
        if (rc && o.input.on_error == CLI_ON_ERROR_SKIP) {
            fprintf(stderr, "nlp: tokenize: skipped line %zu\n", lineno);
            skipped++;
            rc = 0;
        }
    }
    if (skipped)
        fprintf(stderr, "nlp: tokenize: %zu input%s skipped\n", skipped, skipped == 1 ? "" : "s");
    free(line);
    nlp_tokenizer_free(tok);
    return rc;
}
