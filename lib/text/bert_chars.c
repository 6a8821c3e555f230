/* bert_chars.c - character classes for the BERT normalizer and
 * pre-tokenizer, precomputed for the BMP (one byte per code point) so the
 * hot loop never calls ICU for common text. */
#include "text/bert_chars.h"

#include <pthread.h>
#include <stdbool.h>
#include <unicode/uchar.h>

static uint8_t bmp_class[0x10000];
static pthread_once_t bmp_once = PTHREAD_ONCE_INIT;

/* Rust's char::is_whitespace: the White_Space property. Fixed since
 * Unicode 6.3, so it is spelled out rather than asked of ICU. */
static bool is_white_space(uint32_t c)
{
    if ((c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680)
        return true;
    if (c >= 0x2000 && c <= 0x200A)
        return true;
    return c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

/* HF's is_chinese_char: the CJK Unified Ideographs blocks (not Hangul,
 * kana or U+3007), as in Google's original BERT. */
static bool is_cjk(uint32_t c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0x20000 && c <= 0x2A6DF) || (c >= 0x2A700 && c <= 0x2B73F) ||
           (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B920 && c <= 0x2CEAF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
}

/* HF's is_control: "other" in the unicode_categories crate, i.e. Cc, Cf
 * and Co, but not \t \n \r. That crate lists Co by the endpoints written in
 * UnicodeData.txt only (its generator does not expand First/Last ranges),
 * so only those six private-use code points count. */
static bool is_control(uint32_t c)
{
    if (c == '\t' || c == '\n' || c == '\r')
        return false;
    int8_t t = u_charType((UChar32)c);
    if (t == U_CONTROL_CHAR || t == U_FORMAT_CHAR)
        return true;
    return c == 0xE000 || c == 0xF8FF || c == 0xF0000 || c == 0xFFFFD || c == 0x100000 ||
           c == 0x10FFFD;
}

static bool is_punct(uint32_t c)
{
    if (c < 0x80)
        return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) ||
               (c >= 123 && c <= 126);
    switch (u_charType((UChar32)c)) {
    case U_DASH_PUNCTUATION:
    case U_START_PUNCTUATION:
    case U_END_PUNCTUATION:
    case U_CONNECTOR_PUNCTUATION:
    case U_OTHER_PUNCTUATION:
    case U_INITIAL_PUNCTUATION:
    case U_FINAL_PUNCTUATION:
        return true;
    default:
        return false;
    }
}

static uint8_t compute_class(uint32_t c)
{
    uint8_t k = 0;
    if (c == 0 || c == 0xFFFD || is_control(c))
        k |= NLP__BC_CONTROL;
    if (is_white_space(c))
        k |= NLP__BC_SPACE;
    if (is_cjk(c))
        k |= NLP__BC_CJK;
    if (is_punct(c))
        k |= NLP__BC_PUNCT;
    return k;
}

static void build_bmp(void)
{
    for (uint32_t c = 0; c < 0x10000; c++)
        bmp_class[c] = (c >= 0xD800 && c <= 0xDFFF) ? 0 : compute_class(c);
}

void nlp__bert_chars_init(void)
{
    pthread_once(&bmp_once, build_bmp);
}

uint8_t nlp__bert_char_class(uint32_t c)
{
    return c < 0x10000 ? bmp_class[c] : compute_class(c);
}

size_t nlp__utf8_encode(uint32_t c, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (c < 0x80) {
        o[0] = (unsigned char)c;
        return 1;
    }
    if (c < 0x800) {
        o[0] = (unsigned char)(0xC0 | (c >> 6));
        o[1] = (unsigned char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (c >> 12));
        o[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (c & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (c >> 18));
    o[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (c & 0x3F));
    return 4;
}
