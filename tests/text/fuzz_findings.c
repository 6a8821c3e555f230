/* fuzz_findings.c - inputs the fuzz targets found, as unit tests of the
 * status and message (the raw inputs are replayed under tests/fuzz too). */
#include "test_support.h"
#include "text/tokenizer.h"

#include <criterion/criterion.h>
#include <string.h>

/* fuzz_tokenizer_json: an added token whose id differs from the vocabulary's
 * id for the same text made encode emit an id that decode refused. */
Test(fuzz_findings, added_token_with_another_id_than_the_vocabulary_is_refused)
{
    const char *path = scratch_file("added_conflict.json",
        "{\"pre_tokenizer\": {\"type\": \"BertPreTokenizer\"},"
        " \"model\": {\"type\": \"WordPiece\", \"unk_token\": \"[UNK]\", \"vocab\": "
        "{\"[UNK]\": 0, \"[CLS]\": 1, \"[SEP]\": 2, \"a\": 3}},"
        " \"added_tokens\": [{\"id\": 5, \"content\": \"[CLS]\", \"special\": true}]}");
    nlp__tokenizer *tok = NULL;
    cr_assert_eq(nlp__tokenizer_load(path, NULL, &tok), NLP_ERR_FORMAT);
    cr_assert_null(tok);
    cr_assert(strstr(nlp_last_error(), path), "%s", nlp_last_error());
    cr_assert(strstr(nlp_last_error(),
                     "added token \"[CLS]\" has id 5, the vocabulary gives it id 1"),
              "%s", nlp_last_error());
}

Test(fuzz_findings, added_token_with_the_vocabulary_id_loads)
{
    const char *path = scratch_file("added_same.json",
        "{\"pre_tokenizer\": {\"type\": \"BertPreTokenizer\"},"
        " \"model\": {\"type\": \"WordPiece\", \"unk_token\": \"[UNK]\", \"vocab\": "
        "{\"[UNK]\": 0, \"[CLS]\": 1, \"[SEP]\": 2, \"a\": 3}},"
        " \"added_tokens\": [{\"id\": 1, \"content\": \"[CLS]\", \"special\": true}]}");
    nlp__tokenizer *tok = NULL;
    cr_assert_eq(nlp__tokenizer_load(path, NULL, &tok), NLP_OK, "%s", nlp_last_error());
    nlp__tokenizer_free(tok);
}
