/* tokenizer_settings.h - what a checkpoint's tokenizer_config.json says
 * about tokenizing. io reads the file (io/hf_config.h, the one reader);
 * text builds tokenizers from the result. */
#ifndef NLP_CORE_TOKENIZER_SETTINGS_H
#define NLP_CORE_TOKENIZER_SETTINGS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Each flag is -1 when the file does not set it (absent or null), else 0
 * or 1. */
typedef struct nlp__tokenizer_settings {
    int do_lower_case;
    int strip_accents;
    int tokenize_chinese_chars;
    int64_t model_max_length; /* 0 when unset or absurd (HF's 1e30 sentinel) */
} nlp__tokenizer_settings;

#define NLP__TOKENIZER_SETTINGS_UNSET ((nlp__tokenizer_settings){-1, -1, -1, 0})

#ifdef __cplusplus
}
#endif

#endif
