/* bert_chars.h - the character classes Hugging Face's BertNormalizer and
 * BertPreTokenizer use, and a UTF-8 decoder for text already validated.
 *
 * HF (Rust) defines them with Rust's char::is_whitespace (the Unicode
 * White_Space property), the unicode_categories crate (general categories)
 * and a fixed list of CJK ideograph blocks. We read general categories from
 * ICU; see docs/tokenizers.md for the small differences that can follow
 * from ICU's newer Unicode version. */
#ifndef NLP_TEXT_BERT_CHARS_H
#define NLP_TEXT_BERT_CHARS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum {
    NLP__BC_CONTROL = 1, /* removed by clean_text: NUL, U+FFFD, Cc/Cf/Co except \t \n \r */
    NLP__BC_SPACE = 2,   /* White_Space (Rust char::is_whitespace) */
    NLP__BC_PUNCT = 4,   /* ASCII punctuation or a Unicode P* category */
    NLP__BC_CJK = 8,     /* a CJK ideograph that BERT isolates */
};

/* Build the class table for the Basic Multilingual Plane once per process
 * (thread-safe; later calls return at once). */
void nlp__bert_chars_init(void);

/* Class bits of code point c. nlp__bert_chars_init() must have run. */
uint8_t nlp__bert_char_class(uint32_t c);

/* Decode the code point at s[0..) from valid UTF-8; *n receives its length
 * in bytes (1-4). */
static inline uint32_t nlp__utf8_decode(const unsigned char *s, size_t *n)
{
    unsigned char c = s[0];
    if (c < 0x80) {
        *n = 1;
        return c;
    }
    if (c < 0xE0) {
        *n = 2;
        return ((uint32_t)(c & 0x1F) << 6) | (s[1] & 0x3F);
    }
    if (c < 0xF0) {
        *n = 3;
        return ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
    }
    *n = 4;
    return ((uint32_t)(c & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) |
           ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
}

/* Encode code point c as UTF-8 into out (4 bytes room); returns the length. */
size_t nlp__utf8_encode(uint32_t c, char *out);

#ifdef __cplusplus
}
#endif

#endif
