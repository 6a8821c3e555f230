/* t5_grapheme.c - extended grapheme cluster boundaries (UAX #29), which
 * HF's Precompiled normalizer walks (unicode-segmentation's
 * graphemes(true)). Properties come from ICU. GB9c (Indic conjuncts) is left
 * out: ICU 72 lacks the property, and those clusters are always 6 bytes or
 * more, where the normalizer works char by char anyway. */
#include "text/t5_internal.h"

#include <unicode/uchar.h>

enum { G_OTHER, G_CR, G_LF, G_CONTROL, G_EXTEND, G_ZWJ, G_SPACING, G_PREPEND,
       G_RI, G_L, G_V, G_T, G_LV, G_LVT };

static int gcb(uint32_t c)
{
    if (c < 0x80) {
        if (c == '\r')
            return G_CR;
        if (c == '\n')
            return G_LF;
        return c < 0x20 || c == 0x7F ? G_CONTROL : G_OTHER;
    }
    switch (u_getIntPropertyValue((UChar32)c, UCHAR_GRAPHEME_CLUSTER_BREAK)) {
    case U_GCB_CR: return G_CR;
    case U_GCB_LF: return G_LF;
    case U_GCB_CONTROL: return G_CONTROL;
    case U_GCB_EXTEND: return G_EXTEND;
    case U_GCB_ZWJ: return G_ZWJ;
    case U_GCB_SPACING_MARK: return G_SPACING;
    case U_GCB_PREPEND: return G_PREPEND;
    case U_GCB_REGIONAL_INDICATOR: return G_RI;
    case U_GCB_L: return G_L;
    case U_GCB_V: return G_V;
    case U_GCB_T: return G_T;
    case U_GCB_LV: return G_LV;
    case U_GCB_LVT: return G_LVT;
    default: return G_OTHER;
    }
}

static bool ext_pict(uint32_t c)
{
    return c >= 0x80 && u_hasBinaryProperty((UChar32)c, UCHAR_EXTENDED_PICTOGRAPHIC);
}

static bool is_control(int g)
{
    return g == G_CR || g == G_LF || g == G_CONTROL;
}

/* Rules GB3..GB13 for the pair (prev, next); emoji: 2 when prev is a ZWJ
 * after ExtPict Extend*; ri: regional indicators just before next. */
static bool joins(int prev, int next, int emoji, bool next_pict, int ri)
{
    if (prev == G_CR && next == G_LF)
        return true;
    if (is_control(prev) || is_control(next))
        return false;
    if (prev == G_L && (next == G_L || next == G_V || next == G_LV || next == G_LVT))
        return true;
    if ((prev == G_LV || prev == G_V) && (next == G_V || next == G_T))
        return true;
    if ((prev == G_LVT || prev == G_T) && next == G_T)
        return true;
    if (next == G_EXTEND || next == G_ZWJ || next == G_SPACING || prev == G_PREPEND)
        return true;
    if (emoji == 2 && next_pict)
        return true;
    return prev == G_RI && next == G_RI && ri % 2 == 1;
}

size_t nlp__t5_grapheme_end(const char *text, size_t len, size_t pos)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t n = nlp__t5_u8len(s[pos]);
    /* Printable ASCII followed by ASCII (or the end) is a cluster of one. */
    if (s[pos] < 0x80 && (pos + 1 >= len || s[pos + 1] < 0x80) &&
        !(s[pos] == '\r' && pos + 1 < len && s[pos + 1] == '\n'))
        return pos + 1;
    uint32_t c = nlp__t5_u8decode(s + pos, n);
    int prev = gcb(c);
    int emoji = ext_pict(c) ? 1 : 0;
    int ri = prev == G_RI;
    size_t i = pos + n;
    while (i < len) {
        size_t m = nlp__t5_u8len(s[i]);
        uint32_t d = nlp__t5_u8decode(s + i, m);
        int next = gcb(d);
        bool pict = ext_pict(d);
        if (!joins(prev, next, emoji, pict, ri))
            break;
        if (pict)
            emoji = 1;
        else if (emoji == 1 && next == G_ZWJ)
            emoji = 2;
        else if (!(emoji == 1 && next == G_EXTEND))
            emoji = 0;
        ri = next == G_RI ? ri + 1 : 0;
        prev = next;
        i += m;
    }
    return i;
}
