/* tokenizer.c - the exported nlp_tokenizer_* and nlp_encoding_*
 * functions: argument checks over lib/text/tokenizer.h. */
#include "io/hf_config.h"
#include "text/tokenizer.h"

#include <string.h>
#include <sys/stat.h>

static nlp_encode_options encode_defaults(void)
{
    nlp_encode_options o = {.size = sizeof o, .add_special_tokens = 1, .max_length = 0};
    return o;
}

NLP_API nlp_status nlp_encode_options_init(nlp_encode_options *options, size_t size)
{
    nlp_encode_options d = encode_defaults();
    return nlp__options_init(options, size, &d, sizeof d, "nlp_encode_options");
}

/* Read only the fields the caller's struct has (it may predate some). */
static nlp_status read_options(const nlp_encode_options *in, nlp_encode_options *out)
{
    *out = encode_defaults();
    return nlp__options_read(out, sizeof *out, in, "nlp_encode_options");
}

NLP_API nlp_status nlp_tokenizer_load(const char *dir, nlp_tokenizer **out)
{
    nlp_status st = NLP__CHECK_ARGS("nlp_tokenizer_load", NLP__ARG(dir), NLP__ARG(out));
    if (st != NLP_OK)
        return st;
    struct stat sb;
    if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
        return nlp__tokenizer_load(dir, NULL, out); /* one file: no tokenizer_config.json */
    /* A folder's tokenizer_config.json is read by io's one reader, as
     * nlp_ner_load reads it. */
    nlp__tokenizer_files files;
    st = nlp__hf_tokenizer_files_load(dir, &files);
    if (st != NLP_OK)
        return st;
    st = nlp__tokenizer_load(dir, &files.settings, out);
    nlp__hf_tokenizer_files_free(&files);
    return st;
}

NLP_API void nlp_tokenizer_free(nlp_tokenizer *tok)
{
    nlp__tokenizer_free(tok);
}

NLP_API nlp_tokenizer_kind nlp_tokenizer_algorithm(const nlp_tokenizer *tok)
{
    return tok ? tok->kind : (nlp_tokenizer_kind)0;
}

/* Deprecated 0.1 name of nlp_tokenizer_algorithm. */
NLP_API nlp_tokenizer_kind nlp_tokenizer_get_kind(const nlp_tokenizer *tok)
{
    return nlp_tokenizer_algorithm(tok);
}

NLP_API size_t nlp_tokenizer_vocab_size(const nlp_tokenizer *tok)
{
    return tok ? nlp__tokenizer_vocab_size(tok) : 0;
}

NLP_API nlp_status nlp_tokenizer_encode(const nlp_tokenizer *tok, const char *text, size_t len,
                                        const nlp_encode_options *options, nlp_encoding **out)
{
    nlp_status st = NLP__CHECK_ARGS("nlp_tokenizer_encode", NLP__ARG(tok), NLP__ARG(out));
    if (st == NLP_OK && !text && len)
        st = nlp__null_arg("nlp_tokenizer_encode", "text");
    if (st != NLP_OK)
        return st;
    nlp_encode_options o;
    st = read_options(options, &o);
    if (st != NLP_OK)
        return st;
    return nlp__tokenizer_encode(tok, text ? text : "", len, o.add_special_tokens != 0,
                                 o.max_length, out);
}

NLP_API nlp_status nlp_tokenizer_encode_words(const nlp_tokenizer *tok,
                                              const char *const *words, const size_t *lens,
                                              size_t n, const nlp_encode_options *options,
                                              nlp_encoding **out)
{
    nlp_status st = NLP__CHECK_ARGS("nlp_tokenizer_encode_words", NLP__ARG(tok), NLP__ARG(out));
    if (st == NLP_OK && n)
        st = NLP__CHECK_ARGS("nlp_tokenizer_encode_words", NLP__ARG(words), NLP__ARG(lens));
    for (size_t i = 0; st == NLP_OK && i < n; i++)
        if (!words[i] && lens[i])
            st = nlp__fail(NLP_ERR_INVALID_ARG, "nlp_tokenizer_encode_words: words[%zu] is NULL",
                           i);
    if (st != NLP_OK)
        return st;
    nlp_encode_options o;
    st = read_options(options, &o);
    if (st != NLP_OK)
        return st;
    return nlp__tokenizer_encode_words(tok, words, lens, n, o.add_special_tokens != 0,
                                       o.max_length, out);
}

NLP_API nlp_status nlp_tokenizer_decode(const nlp_tokenizer *tok, const int32_t *ids, size_t n,
                                        int skip_special, char **text)
{
    nlp_status st = NLP__CHECK_ARGS("nlp_tokenizer_decode", NLP__ARG(tok), NLP__ARG(text));
    if (st == NLP_OK && n && !ids)
        st = nlp__null_arg("nlp_tokenizer_decode", "ids");
    if (st != NLP_OK)
        return st;
    return nlp__tokenizer_decode(tok, ids, n, skip_special != 0, text);
}

NLP_API nlp_status nlp_tokenizer_token_to_id(const nlp_tokenizer *tok, const char *token,
                                             int32_t *id)
{
    nlp_status st = NLP__CHECK_ARGS("nlp_tokenizer_token_to_id", NLP__ARG(tok), NLP__ARG(token),
                                    NLP__ARG(id));
    if (st != NLP_OK)
        return st;
    int32_t v = nlp__tokenizer_token_to_id(tok, token, strlen(token));
    if (v < 0)
        return nlp__fail(NLP_ERR_NOT_FOUND, "token \"%s\" is not in the vocabulary", token);
    *id = v;
    return NLP_OK;
}

NLP_API const char *nlp_tokenizer_id_to_token(const nlp_tokenizer *tok, int32_t id)
{
    return tok ? nlp__tokenizer_id_to_token(tok, id) : NULL;
}

NLP_API size_t nlp_encoding_count(const nlp_encoding *enc)
{
    return enc ? enc->count : 0;
}

NLP_API const int32_t *nlp_encoding_ids(const nlp_encoding *enc)
{
    return enc ? enc->ids : NULL;
}

NLP_API const char *const *nlp_encoding_tokens(const nlp_encoding *enc)
{
    return enc ? (const char *const *)enc->tokens : NULL;
}

NLP_API const size_t *nlp_encoding_token_lengths(const nlp_encoding *enc)
{
    return enc ? enc->token_len : NULL;
}

NLP_API const int64_t *nlp_encoding_byte_starts(const nlp_encoding *enc)
{
    return enc ? enc->byte_start : NULL;
}

NLP_API const int64_t *nlp_encoding_byte_ends(const nlp_encoding *enc)
{
    return enc ? enc->byte_end : NULL;
}

NLP_API const int64_t *nlp_encoding_char_starts(const nlp_encoding *enc)
{
    return enc ? enc->char_start : NULL;
}

NLP_API const int64_t *nlp_encoding_char_ends(const nlp_encoding *enc)
{
    return enc ? enc->char_end : NULL;
}

NLP_API const int32_t *nlp_encoding_word_ids(const nlp_encoding *enc)
{
    return enc ? enc->word_ids : NULL;
}

NLP_API const uint8_t *nlp_encoding_special_mask(const nlp_encoding *enc)
{
    return enc ? enc->special : NULL;
}

NLP_API size_t nlp_encoding_truncated(const nlp_encoding *enc)
{
    return enc ? enc->truncated : 0;
}

NLP_API void nlp_encoding_free(nlp_encoding *enc)
{
    nlp__encoding_free(enc);
}
