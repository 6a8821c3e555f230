/* cmd_tokenize.c - nlp tokenize --model DIR [--words] [--max-length N]
 * [--no-special]: JSON Lines in ({"text": ...} or {"words": [...]}), one
 * JSON line out per input with the golden files' field names, so the output
 * diffs against a Hugging Face reference. */
#include "cli.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: nlp tokenize --model DIR [--words] [--max-length N] [--no-special]\n"
    "  reads JSON Lines on stdin: {\"text\": \"...\"} or {\"words\": [\"...\", ...]}\n"
    "  writes one line per input: input_ids, tokens, offsets (code points),\n"
    "  byte_offsets, word_ids (null for special tokens). For words, offsets are\n"
    "  relative to each word, as Hugging Face's is_split_into_words.\n"
    "  --words        every input must have \"words\"\n"
    "  --max-length N truncate to N tokens, specials included\n"
    "  --no-special   do not add [CLS]/[SEP] or </s>\n";

typedef struct options {
    const char *model;
    int words_only;
    nlp_encode_options encode;
} options;

static int parse_args(int argc, char **argv, options *o)
{
    o->encode = nlp_encode_options_default();
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0) {
            fputs(usage, stdout);
            return 0;
        } else if (strcmp(argv[i], "--model") == 0 && i + 1 < argc) {
            o->model = argv[++i];
        } else if (strcmp(argv[i], "--words") == 0) {
            o->words_only = 1;
        } else if (strcmp(argv[i], "--no-special") == 0) {
            o->encode.add_special_tokens = 0;
        } else if (strcmp(argv[i], "--max-length") == 0 && i + 1 < argc) {
            char *end;
            long n = strtol(argv[++i], &end, 10);
            if (*end || n < 0)
                return cli_usage_error("tokenize: bad --max-length '%s'", argv[i]);
            o->encode.max_length = (size_t)n;
        } else {
            return cli_usage_error("tokenize: unexpected argument '%s'\n%s", argv[i], usage);
        }
    }
    if (!o->model)
        return cli_usage_error("tokenize: missing --model DIR\n%s", usage);
    return -1;
}

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
    int rc = parse_args(argc, argv, &o);
    if (rc >= 0)
        return rc;
    nlp_tokenizer *tok = NULL;
    nlp_status st = nlp_tokenizer_load(o.model, &tok);
    if (st != NLP_OK)
        return cli_fail_status(st, "tokenize");
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t n;
    rc = 0;
    while (rc == 0 && (n = getline(&line, &cap, stdin)) > 0) {
        lineno++;
        if (strspn(line, " \t\r\n") == (size_t)n)
            continue; /* blank line */
        nlp_clear_error();
        rc = tokenize_line(tok, line, (size_t)n, lineno, &o);
    }
    free(line);
    nlp_tokenizer_free(tok);
    return rc;
}
