package nlp

/*
#include <nlp/nlp.h>
#include <stdlib.h>
static void nlpgo_tokenizer_free(void *p) { nlp_tokenizer_free(p); }
*/
import "C"

import (
	"runtime"
	"unsafe"
)

// Encoding is the tokens of one text. Start/End are code point offsets,
// ByteStart/ByteEnd byte offsets of the input; added special tokens have
// the span [0, 0) and word id -1.
type Encoding struct {
	IDs         []int32
	Tokens      []string
	Start, End  []int
	ByteStart   []int
	ByteEnd     []int
	WordIDs     []int
	SpecialMask []int
	Truncated   int
}

// EncodeOptions configure Encode; nil means specials added, no limit.
type EncodeOptions struct {
	NoSpecialTokens bool
	MaxLength       int // 0: no limit
}

// Tokenizer is a BERT WordPiece or T5 SentencePiece tokenizer. Safe for
// concurrent use.
type Tokenizer struct{ h handle }

// LoadTokenizer loads the tokenizer of a checkpoint directory or file.
func LoadTokenizer(path string) (*Tokenizer, error) {
	cpath := C.CString(path)
	defer C.free(unsafe.Pointer(cpath))
	var t *C.nlp_tokenizer
	if err := check(C.nlp_tokenizer_load(cpath, &t)); err != nil {
		return nil, err
	}
	tok := &Tokenizer{}
	tok.h.init(unsafe.Pointer(t), func(p unsafe.Pointer) { C.nlpgo_tokenizer_free(p) })
	runtime.SetFinalizer(tok, (*Tokenizer).Close)
	return tok, nil
}

// Close releases the tokenizer; later calls return ErrClosed.
func (t *Tokenizer) Close() error {
	t.h.close()
	return nil
}

func tp(p unsafe.Pointer) *C.nlp_tokenizer { return (*C.nlp_tokenizer)(p) }

// Kind is "bert" or "t5".
func (t *Tokenizer) Kind() string {
	kind := ""
	_ = t.h.use(func(p unsafe.Pointer) error {
		switch C.nlp_tokenizer_algorithm(tp(p)) {
		case C.NLP_TOKENIZER_BERT:
			kind = "bert"
		case C.NLP_TOKENIZER_T5:
			kind = "t5"
		}
		return nil
	})
	return kind
}

// VocabSize is the largest id + 1.
func (t *Tokenizer) VocabSize() int {
	n := 0
	_ = t.h.use(func(p unsafe.Pointer) error {
		n = int(C.nlp_tokenizer_vocab_size(tp(p)))
		return nil
	})
	return n
}

func encodeOptions(opts *EncodeOptions) (C.nlp_encode_options, error) {
	var o C.nlp_encode_options
	if err := initEncodeOptions(&o); err != nil {
		return o, err
	}
	if opts != nil {
		if opts.NoSpecialTokens {
			o.add_special_tokens = 0
		}
		o.max_length = C.size_t(opts.MaxLength)
	}
	return o, nil
}

func encoding(enc *C.nlp_encoding) *Encoding {
	n := int(C.nlp_encoding_count(enc))
	e := &Encoding{Truncated: int(C.nlp_encoding_truncated(enc))}
	if n == 0 {
		return e
	}
	ids := unsafe.Slice(C.nlp_encoding_ids(enc), n)
	toks := unsafe.Slice(C.nlp_encoding_tokens(enc), n)
	tlen := unsafe.Slice(C.nlp_encoding_token_lengths(enc), n)
	bs, be := unsafe.Slice(C.nlp_encoding_byte_starts(enc), n), unsafe.Slice(C.nlp_encoding_byte_ends(enc), n)
	cs, ce := unsafe.Slice(C.nlp_encoding_char_starts(enc), n), unsafe.Slice(C.nlp_encoding_char_ends(enc), n)
	wid, sm := unsafe.Slice(C.nlp_encoding_word_ids(enc), n), unsafe.Slice(C.nlp_encoding_special_mask(enc), n)
	for i := 0; i < n; i++ {
		e.IDs = append(e.IDs, int32(ids[i]))
		e.Tokens = append(e.Tokens, C.GoStringN(toks[i], C.int(tlen[i])))
		e.Start, e.End = append(e.Start, int(cs[i])), append(e.End, int(ce[i]))
		e.ByteStart, e.ByteEnd = append(e.ByteStart, int(bs[i])), append(e.ByteEnd, int(be[i]))
		e.WordIDs = append(e.WordIDs, int(wid[i]))
		e.SpecialMask = append(e.SpecialMask, int(sm[i]))
	}
	return e
}

// Encode tokenizes text. opts may be nil.
func (t *Tokenizer) Encode(text string, opts *EncodeOptions) (*Encoding, error) {
	var out *Encoding
	err := t.h.use(func(p unsafe.Pointer) error {
		o, err := encodeOptions(opts)
		if err != nil {
			return err
		}
		ct := C.CString(text)
		defer C.free(unsafe.Pointer(ct))
		var enc *C.nlp_encoding
		if err := check(C.nlp_tokenizer_encode(tp(p), ct, C.size_t(len(text)), &o, &enc)); err != nil {
			return err
		}
		defer C.nlp_encoding_free(enc)
		out = encoding(enc)
		return nil
	})
	return out, err
}

// EncodeWords tokenizes pre-split words: word ids index words, offsets are
// relative to each word.
func (t *Tokenizer) EncodeWords(words []string, opts *EncodeOptions) (*Encoding, error) {
	var out *Encoding
	err := t.h.use(func(p unsafe.Pointer) error {
		o, err := encodeOptions(opts)
		if err != nil {
			return err
		}
		cs := newCStrings(words)
		defer cs.free()
		var enc *C.nlp_encoding
		if err := check(C.nlp_tokenizer_encode_words(tp(p), cs.ptrs, cs.lens, C.size_t(len(words)), &o, &enc)); err != nil {
			return err
		}
		defer C.nlp_encoding_free(enc)
		out = encoding(enc)
		return nil
	})
	return out, err
}

// Decode turns ids back into text.
func (t *Tokenizer) Decode(ids []int32, skipSpecial bool) (string, error) {
	var out string
	err := t.h.use(func(p unsafe.Pointer) error {
		n := len(ids)
		if n == 0 {
			n = 1
		}
		arr := (*C.int32_t)(C.calloc(C.size_t(n), 4))
		defer C.free(unsafe.Pointer(arr))
		for i, id := range ids {
			unsafe.Slice(arr, n)[i] = C.int32_t(id)
		}
		skip := C.int(0)
		if skipSpecial {
			skip = 1
		}
		var text *C.char
		if err := check(C.nlp_tokenizer_decode(tp(p), arr, C.size_t(len(ids)), skip, &text)); err != nil {
			return err
		}
		defer C.nlp_string_free(text)
		out = C.GoString(text)
		return nil
	})
	return out, err
}

// TokenToID looks a token string up; ErrNotFound when absent.
func (t *Tokenizer) TokenToID(token string) (int32, error) {
	var id C.int32_t
	err := t.h.use(func(p unsafe.Pointer) error {
		ct := C.CString(token)
		defer C.free(unsafe.Pointer(ct))
		return check(C.nlp_tokenizer_token_to_id(tp(p), ct, &id))
	})
	return int32(id), err
}

// IDToToken gives an id's token string; ok is false outside the vocabulary.
func (t *Tokenizer) IDToToken(id int32) (token string, ok bool) {
	_ = t.h.use(func(p unsafe.Pointer) error {
		s := C.nlp_tokenizer_id_to_token(tp(p), C.int32_t(id))
		if s != nil {
			token, ok = C.GoString(s), true
		}
		return nil
	})
	return token, ok
}
