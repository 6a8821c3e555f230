/* t5_unavailable.c - stands in for the T5 tokenizer (t5_tokenizer.h) in a
 * tree that does not implement it yet, so BERT works on its own and
 * nlp_tokenizer_load() reports T5 checkpoints as unsupported instead of the
 * library failing to link. lib/CMakeLists.txt leaves this file out as soon
 * as another file in lib/text defines nlp__t5_load. */
#include "text/t5_tokenizer.h"

nlp_status nlp__t5_load(const char *spiece_model_path, const char *tokenizer_json_path,
                        nlp__t5_tokenizer **out)
{
    (void)out;
    return nlp__fail(NLP_ERR_UNSUPPORTED, "%s: the T5 (SentencePiece Unigram) tokenizer is "
                     "not part of this build",
                     spiece_model_path ? spiece_model_path : tokenizer_json_path);
}

void nlp__t5_free(nlp__t5_tokenizer *tok)
{
    (void)tok;
}

nlp_status nlp__t5_encode(const nlp__t5_tokenizer *tok, const char *text, size_t len,
                          bool add_eos, nlp__encoding *enc)
{
    (void)tok, (void)text, (void)len, (void)add_eos, (void)enc;
    return nlp__fail(NLP_ERR_UNSUPPORTED, "no T5 tokenizer in this build");
}

nlp_status nlp__t5_decode(const nlp__t5_tokenizer *tok, const int32_t *ids, size_t n,
                          bool skip_special, char **text)
{
    (void)tok, (void)ids, (void)n, (void)skip_special, (void)text;
    return nlp__fail(NLP_ERR_UNSUPPORTED, "no T5 tokenizer in this build");
}

int32_t nlp__t5_piece_to_id(const nlp__t5_tokenizer *tok, const char *piece, size_t len)
{
    (void)tok, (void)piece, (void)len;
    return -1;
}

const char *nlp__t5_id_to_piece(const nlp__t5_tokenizer *tok, int32_t id)
{
    (void)tok, (void)id;
    return NULL;
}

size_t nlp__t5_vocab_size(const nlp__t5_tokenizer *tok)
{
    (void)tok;
    return 0;
}
