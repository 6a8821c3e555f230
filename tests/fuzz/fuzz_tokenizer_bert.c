/* fuzz_tokenizer_bert.c - libFuzzer target: arbitrary bytes through the
 * BERT tokenizer (raw text, pre-split words, truncation, decode), with a
 * cased and an uncased (lowercase + accent stripping) configuration.
 *
 * Build: cmake -DNLP_BUILD_FUZZ=ON with CC=clang (see docs/tokenizers.md).
 * Run:   fuzz_tokenizer_bert -max_total_time=600 CORPUS_DIR
 * The vocabulary comes from $NLP_FUZZ_VOCAB, else the shared bert-base-cased
 * vocab.txt ($NLP_SHARED_DIR, else ../shared beside the checkout); the
 * target skips (exit 77) when neither exists. */
#include "fuzz_support.h"
#include "text/tokenizer.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static nlp__tokenizer *cased, *uncased;

static nlp__tokenizer *load(const char *vocab, bool lower)
{
    nlp__bert_options o = nlp__bert_options_cased();
    o.lowercase = o.strip_accents = lower;
    nlp__tokenizer *tok = calloc(1, sizeof *tok);
    if (!tok || nlp__bert_load_vocab_txt(vocab, &o, &tok->bert) != NLP_OK) {
        fprintf(stderr, "cannot load %s: %s\n", vocab, nlp_last_error());
        abort();
    }
    tok->kind = NLP_TOKENIZER_BERT;
    return tok;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    const char *vocab = getenv("NLP_FUZZ_VOCAB");
    if (!vocab)
        vocab = nlp_fuzz_shared("fuzz_tokenizer_bert", "data/bert-base-cased/vocab.txt");
    cased = load(vocab, false);
    uncased = load(vocab, true);
    if (!getenv("NLP_FUZZ_VOCAB"))
        free((char *)vocab);
    return 0;
}

/* Every offset must lie inside the input and every id in the vocabulary. */
static void check(const nlp__tokenizer *tok, const nlp__encoding *enc, size_t len)
{
    for (size_t i = 0; i < enc->count; i++) {
        if (enc->byte_start[i] < 0 || enc->byte_end[i] < enc->byte_start[i] ||
            (size_t)enc->byte_end[i] > len || enc->char_end[i] < enc->char_start[i] ||
            !nlp__tokenizer_id_to_token(tok, enc->ids[i]))
            abort();
    }
}

static void encode_text(const nlp__tokenizer *tok, const char *s, size_t n, size_t max_length)
{
    nlp__encoding *enc = NULL;
    if (nlp__tokenizer_encode(tok, s, n, true, max_length, &enc) != NLP_OK)
        return;
    check(tok, enc, n);
    if (max_length && enc->count > max_length)
        abort();
    char *text = NULL;
    if (nlp__tokenizer_decode(tok, enc->ids, enc->count, max_length & 1, &text) != NLP_OK)
        abort();
    free(text);
    nlp__encoding_free(enc);
}

/* Words: the input split at '\n'. */
static void encode_words(const nlp__tokenizer *tok, const char *s, size_t n)
{
    const char *words[64];
    size_t lens[64];
    size_t count = nlp_fuzz_split_words(s, n, words, lens, 64);
    nlp__encoding *enc = NULL;
    if (nlp__tokenizer_encode_words(tok, words, lens, count, true, 0, &enc) == NLP_OK)
        nlp__encoding_free(enc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    uint8_t mode = data[0];
    const char *s = (const char *)data + 1;
    size_t n = size - 1;
    const nlp__tokenizer *tok = (mode & 1) ? uncased : cased;
    size_t max_length = (mode & 2) ? (size_t)(mode >> 3) + 2 : 0;
    if (mode & 4)
        encode_words(tok, s, n);
    else
        encode_text(tok, s, n, max_length);
    return 0;
}
