/* tags.c - splitting tag strings into prefix and type, the way each of
 * seqeval's two modes does it (they differ, so the same tag can have two
 * different types: "B--X-" is "-X-" by default and "X" in strict mode). */
#include "metrics/seqeval.h"

#include <string.h>

static int prefix_bit(char c)
{
    switch (c) {
    case 'I': return NLP__P_I;
    case 'O': return NLP__P_O;
    case 'B': return NLP__P_B;
    case 'E': return NLP__P_E;
    case 'S': return NLP__P_S;
    default: return 0;
    }
}

static int allowed_prefixes(nlp_tag_scheme scheme)
{
    switch (scheme) {
    case NLP_SCHEME_IOB1:
    case NLP_SCHEME_IOB2: return NLP__P_I | NLP__P_O | NLP__P_B;
    case NLP_SCHEME_IOE1:
    case NLP_SCHEME_IOE2: return NLP__P_I | NLP__P_O | NLP__P_E;
    case NLP_SCHEME_IOBES: return NLP__P_ANY;
    }
    return 0;
}

/* get_entities: chunk[1:].split('-', maxsplit=1)[-1] or '_'. */
static void default_type(const char *rest, const char **type, size_t *len)
{
    const char *dash = strchr(rest, '-');
    *type = dash ? dash + 1 : rest;
    *len = strlen(*type);
}

/* Token.tag: token[1:].strip('-') or '_'. */
static void strict_type(const char *rest, const char **type, size_t *len)
{
    size_t n = strlen(rest);
    while (*rest == '-')
        rest++, n--;
    while (n > 0 && rest[n - 1] == '-')
        n--;
    *type = rest;
    *len = n;
}

nlp_status nlp__tag_parse(const char *tag, nlp_seqeval_mode mode, nlp_tag_scheme scheme,
                          nlp__type_table *types, nlp__tag *out)
{
    if (!tag || !*tag)
        return NLP_ERR_INVALID_ARG;
    const char *type;
    size_t len;
    if (mode == NLP_SEQEVAL_STRICT) {
        int bit = prefix_bit(tag[0]);
        if (!(bit & allowed_prefixes(scheme)))
            return NLP_ERR_INVALID_ARG;
        out->prefix = (unsigned char)bit;
        strict_type(tag + 1, &type, &len);
    } else {
        out->prefix = (unsigned char)tag[0];
        default_type(tag + 1, &type, &len);
    }
    if (len == 0)
        type = "_", len = 1;
    out->type = nlp__type_table_intern(types, type, len);
    return out->type < 0 ? NLP_ERR_NOMEM : NLP_OK;
}
