/* tokenizer_api.c - behaviour of the public tokenizer API around the
 * golden files: bad input, empty text, NUL bytes, truncation, decode,
 * pre-split words, settings from the checkpoint directory. */
#include "test_support.h"

#include <nlp/nlp.h>

#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BERT_DIR "data/bert-base-cased/save_pretrained_copy"

static nlp_tokenizer *load(const char *path)
{
    nlp_tokenizer *tok = NULL;
    nlp_status st = nlp_tokenizer_load(path, &tok);
    cr_assert_eq(st, NLP_OK, "loading %s: %s", path, nlp_last_error());
    return tok;
}

static nlp_encoding *encode(nlp_tokenizer *tok, const char *text, size_t len,
                            const nlp_encode_options *o)
{
    nlp_encoding *enc = NULL;
    nlp_status st = nlp_tokenizer_encode(tok, text, len, o, &enc);
    cr_assert_eq(st, NLP_OK, "encode: %s", nlp_last_error());
    return enc;
}

/* The tokens joined with spaces, for compact assertions. */
static const char *joined(const nlp_encoding *enc)
{
    static char buf[1024];
    buf[0] = '\0';
    for (size_t i = 0; i < nlp_encoding_count(enc); i++) {
        if (i)
            strcat(buf, " ");
        strcat(buf, nlp_encoding_tokens(enc)[i]);
    }
    return buf;
}

Test(tokenizer_api, invalid_utf8_names_the_byte)
{
    nlp_tokenizer *tok = load(shared_path(BERT_DIR));
    nlp_encoding *enc = NULL;
    cr_assert_eq(nlp_tokenizer_encode(tok, "ab\xff" "cd", 5, NULL, &enc), NLP_ERR_INVALID_UTF8);
    cr_assert_null(enc);
    cr_assert(strstr(nlp_last_error(), "byte 2"), "%s", nlp_last_error());
    const char *words[] = {"ok", "b\xc3"};
    size_t lens[] = {2, 2};
    cr_assert_eq(nlp_tokenizer_encode_words(tok, words, lens, 2, NULL, &enc),
                 NLP_ERR_INVALID_UTF8);
    cr_assert(strstr(nlp_last_error(), "word 1") && strstr(nlp_last_error(), "byte 1"), "%s",
              nlp_last_error());
    nlp_tokenizer_free(tok);
}

Test(tokenizer_api, empty_and_blank_text_give_specials_only)
{
    nlp_tokenizer *tok = load(shared_path(BERT_DIR));
    const char *texts[] = {"", " \t\n", "\xe2\x80\x8b", "\xc2\xa0"};
    for (size_t i = 0; i < 4; i++) {
        nlp_encoding *enc = encode(tok, texts[i], strlen(texts[i]), NULL);
        cr_assert_str_eq(joined(enc), "[CLS] [SEP]");
        cr_assert_eq(nlp_encoding_word_ids(enc)[0], -1);
        cr_assert_eq(nlp_encoding_special_mask(enc)[1], 1);
        nlp_encoding_free(enc);
    }
    nlp_encoding *enc = encode(tok, NULL, 0, NULL);
    cr_assert_eq(nlp_encoding_count(enc), 2);
    nlp_encoding_free(enc);
    nlp_tokenizer_free(tok);
}

Test(tokenizer_api, nul_bytes_are_dropped_not_a_terminator)
{
    nlp_tokenizer *tok = load(shared_path(BERT_DIR));
    nlp_encoding *enc = encode(tok, "a\0b c", 5, NULL);
    cr_assert_str_eq(joined(enc), "[CLS] a ##b c [SEP]");
    cr_assert_eq(nlp_encoding_byte_starts(enc)[2], 2);
    cr_assert_eq(nlp_encoding_byte_ends(enc)[2], 3);
    cr_assert_eq(nlp_encoding_word_ids(enc)[3], 1);
    nlp_encoding_free(enc);
    nlp_tokenizer_free(tok);
}

Test(tokenizer_api, truncation_keeps_the_trailing_sep)
{
    nlp_tokenizer *tok = load(shared_path(BERT_DIR));
    const char *text = "EU rejects German call to ban French cheese today .";
    nlp_encode_options o = nlp_encode_options_default();
    o.max_length = 5;
    nlp_encoding *enc = encode(tok, text, strlen(text), &o);
    cr_assert_str_eq(joined(enc), "[CLS] EU rejects German [SEP]");
    cr_assert_eq(nlp_encoding_truncated(enc), 7);
    nlp_encoding_free(enc);
    o.max_length = 2;
    enc = encode(tok, text, strlen(text), &o);
    cr_assert_str_eq(joined(enc), "[CLS] [SEP]");
    nlp_encoding_free(enc);
    o.max_length = 1;
    cr_assert_eq(nlp_tokenizer_encode(tok, text, strlen(text), &o, &enc), NLP_ERR_INVALID_ARG);
    o.add_special_tokens = 0;
    o.max_length = 3;
    enc = encode(tok, text, strlen(text), &o);
    cr_assert_str_eq(joined(enc), "EU rejects German");
    nlp_encoding_free(enc);
    o.size = 0;
    cr_assert_eq(nlp_tokenizer_encode(tok, text, strlen(text), &o, &enc), NLP_ERR_INVALID_ARG);
    nlp_tokenizer_free(tok);
}

Test(tokenizer_api, decode_joins_pieces_and_skips_specials)
{
    nlp_tokenizer *tok = load(shared_path(BERT_DIR));
    const char *text = "Rabinovich said: Hello , world ! [MASK]";
    nlp_encoding *enc = encode(tok, text, strlen(text), NULL);
    char *out = NULL;
    cr_assert_eq(nlp_tokenizer_decode(tok, nlp_encoding_ids(enc), nlp_encoding_count(enc), 1,
                                      &out), NLP_OK);
    cr_assert_str_eq(out, "Rabinovich said : Hello, world!");
    nlp_string_free(out);
    cr_assert_eq(nlp_tokenizer_decode(tok, nlp_encoding_ids(enc), 2, 0, &out), NLP_OK);
    cr_assert_str_eq(out, "[CLS] Ra");
    nlp_string_free(out);
    int32_t bad[] = {101, 999999};
    cr_assert_eq(nlp_tokenizer_decode(tok, bad, 2, 0, &out), NLP_ERR_INVALID_ARG);
    cr_assert(strstr(nlp_last_error(), "999999"));
    nlp_encoding_free(enc);
    nlp_tokenizer_free(tok);
}

Test(tokenizer_api, words_have_offsets_relative_to_each_word)
{
    nlp_tokenizer *tok = load(shared_path(BERT_DIR));
    const char *words[] = {"Zürich's", "", "lamb"};
    size_t lens[] = {strlen(words[0]), 0, 4};
    nlp_encoding *enc = NULL;
    cr_assert_eq(nlp_tokenizer_encode_words(tok, words, lens, 3, NULL, &enc), NLP_OK);
    cr_assert_str_eq(joined(enc), "[CLS] Zürich ' s la ##mb [SEP]");
    const int32_t want_word[] = {-1, 0, 0, 0, 2, 2, -1};
    const int64_t want_char[] = {0, 0, 6, 7, 0, 2, 0}, want_byte[] = {0, 0, 7, 8, 0, 2, 0};
    for (size_t i = 0; i < 7; i++) {
        cr_assert_eq(nlp_encoding_word_ids(enc)[i], want_word[i], "token %zu", i);
        cr_assert_eq(nlp_encoding_char_starts(enc)[i], want_char[i], "token %zu", i);
        cr_assert_eq(nlp_encoding_byte_starts(enc)[i], want_byte[i], "token %zu", i);
    }
    nlp_encoding_free(enc);
    nlp_tokenizer_free(tok);
}

Test(tokenizer_api, vocabulary_lookups)
{
    nlp_tokenizer *tok = load(shared_path(BERT_DIR));
    cr_assert_eq(nlp_tokenizer_algorithm(tok), NLP_TOKENIZER_BERT);
    cr_assert_eq(nlp_tokenizer_vocab_size(tok), 28996);
    int32_t id = -1;
    cr_assert_eq(nlp_tokenizer_token_to_id(tok, "##bino", &id), NLP_OK);
    cr_assert_eq(id, 25473);
    cr_assert_eq(nlp_tokenizer_token_to_id(tok, "no-such-token", &id), NLP_ERR_NOT_FOUND);
    cr_assert_str_eq(nlp_tokenizer_id_to_token(tok, 102), "[SEP]");
    cr_assert_null(nlp_tokenizer_id_to_token(tok, 28996));
    cr_assert_null(nlp_tokenizer_id_to_token(tok, -1));
    nlp_tokenizer_free(tok);
    nlp_tokenizer_free(NULL);
    nlp_encoding_free(NULL);
}

/* A tiny uncased checkpoint: vocab.txt, optionally tokenizer_config.json. */
static const char *uncased_dir(const char *name, const char *config)
{
    const char *dir = scratch_dir(name);
    static const char vocab[] = "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nhello\nworld\n##s\ni\n";
    char path[4096];
    snprintf(path, sizeof path, "%s/vocab.txt", dir);
    cr_assert(write_bytes(path, vocab, sizeof vocab - 1));
    if (config) {
        snprintf(path, sizeof path, "%s/tokenizer_config.json", dir);
        cr_assert(write_bytes(path, config, strlen(config)));
    }
    return dir;
}

Test(tokenizer_api, uncased_vocabulary_lowercases_and_strips_accents)
{
    nlp_tokenizer *tok = load(uncased_dir("uncased", NULL));
    const char *text = "H\xc3\xa9llo WORLDs \xc4\xb0";  /* Héllo WORLDs İ */
    nlp_encoding *enc = encode(tok, text, strlen(text), NULL);
    cr_assert_str_eq(joined(enc), "[CLS] hello world ##s i [SEP]");
    const int64_t want_start[] = {0, 0, 7, 12, 14, 0}, want_end[] = {0, 6, 12, 13, 16, 0};
    for (size_t i = 0; i < 6; i++) {
        cr_assert_eq(nlp_encoding_byte_starts(enc)[i], want_start[i], "token %zu", i);
        cr_assert_eq(nlp_encoding_byte_ends(enc)[i], want_end[i], "token %zu", i);
    }
    nlp_encoding_free(enc);
    nlp_tokenizer_free(tok);
}

Test(tokenizer_api, tokenizer_config_can_turn_lowercasing_off)
{
    nlp_tokenizer *tok = load(uncased_dir("cased-config", "{\"do_lower_case\": false}"));
    nlp_encoding *enc = encode(tok, "Hello world", 11, NULL);
    cr_assert_str_eq(joined(enc), "[CLS] [UNK] world [SEP]");
    nlp_encoding_free(enc);
    nlp_tokenizer_free(tok);
}

Test(tokenizer_api, missing_files_are_io_errors)
{
    nlp_tokenizer *tok = NULL;
    cr_assert_eq(nlp_tokenizer_load(scratch_dir("empty"), &tok), NLP_ERR_IO);
    cr_assert_null(tok);
    cr_assert_eq(nlp_tokenizer_load("/no/such/dir", &tok), NLP_ERR_IO);
    cr_assert_eq(nlp_tokenizer_load(NULL, &tok), NLP_ERR_INVALID_ARG);
}

/* The same API over the T5 tokenizer (lib/text/t5_*.c). */
Test(tokenizer_api, t5_truncation_keeps_eos_and_words_get_their_index)
{
    nlp_tokenizer *tok = load(shared_path("data/t5-small"));
    cr_assert_eq(nlp_tokenizer_algorithm(tok), NLP_TOKENIZER_T5);
    const char *text = "toxic: hello </s> world";
    nlp_encoding *enc = encode(tok, text, strlen(text), NULL);
    cr_assert_str_eq(joined(enc), "▁toxic : ▁hello </s> ▁world </s>");
    cr_assert_eq(nlp_encoding_special_mask(enc)[3], 0, "typed </s> is text");
    cr_assert_eq(nlp_encoding_special_mask(enc)[5], 1);
    nlp_encoding_free(enc);
    nlp_encode_options o = nlp_encode_options_default();
    o.max_length = 3;
    enc = encode(tok, text, strlen(text), &o);
    cr_assert_str_eq(joined(enc), "▁toxic : </s>");
    cr_assert_eq(nlp_encoding_truncated(enc), 3);
    char *out = NULL;
    cr_assert_eq(nlp_tokenizer_decode(tok, nlp_encoding_ids(enc), 3, 1, &out), NLP_OK);
    cr_assert_str_eq(out, "toxic:");
    nlp_string_free(out);
    nlp_encoding_free(enc);
    const char *words[] = {"hello", "world"};
    size_t lens[] = {5, 5};
    cr_assert_eq(nlp_tokenizer_encode_words(tok, words, lens, 2, NULL, &enc), NLP_OK);
    cr_assert_str_eq(joined(enc), "▁hello ▁world </s>");
    cr_assert_eq(nlp_encoding_word_ids(enc)[1], 1);
    cr_assert_eq(nlp_encoding_char_ends(enc)[1], 5);
    nlp_encoding_free(enc);
    nlp_tokenizer_free(tok);
}

static void copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb");
    cr_assert_not_null(in, "cannot open %s", from);
    static char buf[1 << 20];
    size_t n = fread(buf, 1, sizeof buf, in);
    cr_assert(feof(in), "%s is larger than the copy buffer", from);
    fclose(in);
    cr_assert(write_bytes(to, buf, n));
}

Test(tokenizer_api, tokenizer_config_flags_override_tokenizer_json)
{
    const char *dir = scratch_dir("json-lower");
    char path[4096];
    snprintf(path, sizeof path, "%s/tokenizer.json", dir);
    copy_file(shared_path(BERT_DIR "/tokenizer.json"), path);
    snprintf(path, sizeof path, "%s/tokenizer_config.json", dir);
    cr_assert(write_bytes(path, "{\"do_lower_case\": true}", 23));
    nlp_tokenizer *tok = load(dir);
    nlp_encoding *enc = encode(tok, "HÉLLO", 6, NULL);
    cr_assert_str_eq(joined(enc), "[CLS] hello [SEP]");
    nlp_encoding_free(enc);
    nlp_tokenizer_free(tok);
}

/* One tokenizer, several threads: every thread must see the same tokens. */
typedef struct thread_job {
    nlp_tokenizer *tok;
    size_t checksum;
} thread_job;

static const char *const thread_texts[] = {
    "EU rejects German call to ban French cheese today .", "Dr. Müller (Berlin) met 東京's mayor",
    "İstanbul naïve café [SEP] a\u00a0b", "Pneumonoultramicroscopicsilicovolcanoconiosis"};

static void *encode_many(void *arg)
{
    thread_job *job = arg;
    for (int round = 0; round < 300; round++) {
        for (size_t t = 0; t < 4; t++) {
            nlp_encoding *enc = NULL;
            if (nlp_tokenizer_encode(job->tok, thread_texts[t], strlen(thread_texts[t]), NULL,
                                     &enc) != NLP_OK)
                return NULL;
            for (size_t i = 0; i < nlp_encoding_count(enc); i++)
                job->checksum = job->checksum * 31 + (size_t)nlp_encoding_ids(enc)[i] +
                                (size_t)nlp_encoding_byte_ends(enc)[i];
            nlp_encoding_free(enc);
        }
    }
    return NULL;
}

Test(tokenizer_api, one_tokenizer_serves_many_threads)
{
    nlp_tokenizer *tok = load(shared_path(BERT_DIR));
    thread_job single = {tok, 0}, jobs[4];
    encode_many(&single);
    pthread_t threads[4];
    for (int i = 0; i < 4; i++) {
        jobs[i] = (thread_job){tok, 0};
        cr_assert_eq(pthread_create(&threads[i], NULL, encode_many, &jobs[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(threads[i], NULL);
        cr_assert_eq(jobs[i].checksum, single.checksum, "thread %d", i);
    }
    nlp_tokenizer_free(tok);
}
