package nlp

/*
#include <nlp/nlp.h>
#include <stdlib.h>
static void nlpgo_toxic_free(void *p) { nlp_toxic_free(p); }
*/
import "C"

import (
	"runtime"
	"unsafe"
)

// ToxicLabel is a label word the model may generate and its verdict.
type ToxicLabel struct {
	Word    string
	IsToxic bool
}

// ToxicOptions configure LoadToxic; zero fields keep the defaults.
type ToxicOptions struct {
	Prefix         string       // "" = the checkpoint's prefix, else "toxic: "
	Labels         []ToxicLabel // nil = the checkpoint's label words, else yes/no
	Device         string       // "" = library default
	MaxInputTokens int
	MaxNewTokens   int
	ScoreOnly      bool // skip generation; the verdict follows the probabilities
}

// ToxicResult is the outcome for one text.
type ToxicResult struct {
	IsToxic   bool    `json:"is_toxic"`
	Matched   bool    `json:"matched"` // the generated text is one of the label words
	Score     float64 `json:"score"`   // P(toxic words) / P(all label words)
	Generated string  `json:"generated"`
	Label     int     `json:"label"` // index of the label word behind the verdict
}

// ToxicClassifier is a T5 checkpoint answering a prefixed text with a label
// word. Safe for concurrent use.
type ToxicClassifier struct{ h handle }

// cToxicOptions is a filled nlp_toxic_options plus the C memory it points
// to; free releases that memory.
type cToxicOptions struct {
	cMem
	o C.nlp_toxic_options
}

func newToxicOptions(opts *ToxicOptions) (*cToxicOptions, error) {
	c := &cToxicOptions{}
	if err := initToxicOptions(&c.o); err != nil {
		return nil, err
	}
	if opts == nil {
		return c, nil
	}
	c.o.prefix, c.o.device = c.str(opts.Prefix), c.str(opts.Device)
	if len(opts.Labels) > 0 {
		arr := (*C.nlp_toxic_label)(c.calloc(len(opts.Labels), C.sizeof_nlp_toxic_label))
		for i, l := range opts.Labels {
			e := &unsafe.Slice(arr, len(opts.Labels))[i]
			e.word = C.CString(l.Word)
			c.alloc = append(c.alloc, unsafe.Pointer(e.word))
			if l.IsToxic {
				e.is_toxic = 1
			}
		}
		c.o.labels = arr
		c.o.label_count = C.size_t(len(opts.Labels))
	}
	if opts.MaxInputTokens > 0 {
		c.o.max_input_tokens = C.int(opts.MaxInputTokens)
	}
	if opts.MaxNewTokens > 0 {
		c.o.max_new_tokens = C.int(opts.MaxNewTokens)
	}
	if opts.ScoreOnly {
		c.o.score_only = 1
	}
	return c, nil
}

// LoadToxic loads a T5 toxicity classifier. opts may be nil.
func LoadToxic(path string, opts *ToxicOptions) (*ToxicClassifier, error) {
	co, err := newToxicOptions(opts)
	if err != nil {
		return nil, err
	}
	defer co.free()
	cpath := C.CString(path)
	defer C.free(unsafe.Pointer(cpath))
	var m *C.nlp_toxic_model
	if err := check(C.nlp_toxic_load(cpath, &co.o, &m)); err != nil {
		return nil, err
	}
	t := &ToxicClassifier{}
	t.h.init(unsafe.Pointer(m), func(p unsafe.Pointer) { C.nlpgo_toxic_free(p) })
	runtime.SetFinalizer(t, (*ToxicClassifier).Close)
	return t, nil
}

// Close releases the classifier; later calls return ErrClosed.
func (t *ToxicClassifier) Close() error {
	t.h.close()
	return nil
}

func toxicResult(r *C.nlp_toxic_result) ToxicResult {
	return ToxicResult{IsToxic: r.is_toxic != 0, Matched: r.matched != 0, Score: float64(r.score),
		Generated: C.GoString(r.generated), Label: int(r.label)}
}

// Classify gives the verdict, score and generated text of one text.
func (t *ToxicClassifier) Classify(text string) (ToxicResult, error) {
	var out ToxicResult
	err := t.h.use(func(p unsafe.Pointer) error {
		ct := C.CString(text)
		defer C.free(unsafe.Pointer(ct))
		var r *C.nlp_toxic_result
		if err := check(C.nlp_toxic_classify((*C.nlp_toxic_model)(p), ct, C.size_t(len(text)), &r)); err != nil {
			return err
		}
		defer C.nlp_toxic_result_free(r)
		out = toxicResult(r)
		return nil
	})
	return out, err
}

// IsToxic is Classify's verdict alone.
func (t *ToxicClassifier) IsToxic(text string) (bool, error) {
	r, err := t.Classify(text)
	return r.IsToxic, err
}

// ClassifyBatch classifies many texts in padded batches.
func (t *ToxicClassifier) ClassifyBatch(texts []string) ([]ToxicResult, error) {
	if len(texts) == 0 {
		return nil, nil
	}
	out := make([]ToxicResult, len(texts))
	err := t.h.use(func(p unsafe.Pointer) error {
		cs := newCStrings(texts)
		defer cs.free()
		arr := (**C.nlp_toxic_result)(C.calloc(C.size_t(len(texts)), C.size_t(unsafe.Sizeof((*C.nlp_toxic_result)(nil)))))
		defer C.free(unsafe.Pointer(arr))
		if err := check(C.nlp_toxic_classify_batch((*C.nlp_toxic_model)(p), cs.ptrs, cs.lens,
			C.size_t(len(texts)), arr)); err != nil {
			return err
		}
		for i, r := range unsafe.Slice(arr, len(texts)) {
			out[i] = toxicResult(r)
			C.nlp_toxic_result_free(r)
		}
		return nil
	})
	return out, err
}
