package nlp

/*
#include <nlp/nlp.h>
#include <stdlib.h>
static void nlpgo_ner_free(void *p) { nlp_ner_free(p); }
*/
import "C"

import (
	"runtime"
	"unsafe"
)

// Aggregation is how a word's subword predictions become its label.
type Aggregation int

const (
	AggregationFirst   Aggregation = 0 // the first subword decides
	AggregationAverage Aggregation = 1 // argmax of the mean probabilities
	AggregationMax     Aggregation = 2 // the most confident subword
	AggregationSimple  Aggregation = 3 // tokens grouped by their own labels (HF "simple")
	AggregationNone    Aggregation = 4 // one entity per token not labelled O (HF "none")
)

// NerOptions configure LoadNer; zero fields keep the library's defaults.
type NerOptions struct {
	Device      string // "cpu", "cuda", "cuda:N", "auto" ("" = library default)
	Aggregation Aggregation
	BatchSize   int // windows per forward pass in RunBatch
	MaxLength   int // tokens per window, [CLS]/[SEP] included
	Stride      int // tokens shared by consecutive windows
}

// Entity is one entity of a text. Start and End are code point offsets
// (Python's text[start:end]); ByteStart and ByteEnd index the Go string:
// text[e.ByteStart:e.ByteEnd] == e.Text.
type Entity struct {
	Class     string  `json:"class"`
	Text      string  `json:"text"`
	Start     int     `json:"start"`
	End       int     `json:"end"`
	ByteStart int     `json:"byte_start"`
	ByteEnd   int     `json:"byte_end"`
	Score     float32 `json:"score"`
}

// NerModel is a BERT token classifier. Safe for concurrent use.
type NerModel struct {
	h      handle
	labels []string
}

// LoadNer loads a BertForTokenClassification checkpoint directory. opts may
// be nil for the defaults.
func LoadNer(path string, opts *NerOptions) (*NerModel, error) {
	var o C.nlp_ner_options
	if err := initNerOptions(&o); err != nil {
		return nil, err
	}
	var dev *C.char
	if opts != nil {
		if opts.Device != "" {
			dev = C.CString(opts.Device)
			defer C.free(unsafe.Pointer(dev))
			o.device = dev
		}
		o.aggregation = C.nlp_aggregation(opts.Aggregation)
		if opts.BatchSize > 0 {
			o.batch_size = C.size_t(opts.BatchSize)
		}
		if opts.MaxLength > 0 {
			o.max_length = C.size_t(opts.MaxLength)
		}
		if opts.Stride > 0 {
			o.stride = C.size_t(opts.Stride)
		}
	}
	cpath := C.CString(path)
	defer C.free(unsafe.Pointer(cpath))
	var m *C.nlp_ner_model
	if err := check(C.nlp_ner_load(cpath, &o, &m)); err != nil {
		return nil, err
	}
	var names **C.char
	var count C.size_t
	if err := check(C.nlp_ner_labels(m, &names, &count)); err != nil {
		C.nlp_ner_free(m)
		return nil, err
	}
	model := &NerModel{}
	for _, n := range unsafe.Slice(names, int(count)) {
		model.labels = append(model.labels, C.GoString(n))
	}
	model.h.init(unsafe.Pointer(m), func(p unsafe.Pointer) { C.nlpgo_ner_free(p) })
	runtime.SetFinalizer(model, (*NerModel).Close)
	return model, nil
}

// Close releases the model; later calls return ErrClosed.
func (m *NerModel) Close() error {
	m.h.close()
	return nil
}

// Labels are the class names in id2label order ("O", "B-PER", ...).
func (m *NerModel) Labels() []string { return append([]string(nil), m.labels...) }

func entities(res *C.nlp_entities) []Entity {
	n := int(C.nlp_entities_count(res))
	out := make([]Entity, 0, n)
	for i := 0; i < n; i++ {
		e := C.nlp_entities_get(res, C.size_t(i))
		out = append(out, Entity{
			Class: C.GoString(e.label), Text: C.GoString(e.text),
			Start: int(e.char_start), End: int(e.char_end),
			ByteStart: int(e.byte_start), ByteEnd: int(e.byte_end), Score: float32(e.score),
		})
	}
	return out
}

// Run finds the entities of one text.
func (m *NerModel) Run(text string) ([]Entity, error) {
	var out []Entity
	err := m.h.use(func(p unsafe.Pointer) error {
		ct := C.CString(text)
		defer C.free(unsafe.Pointer(ct))
		var res *C.nlp_entities
		if err := check(C.nlp_ner_run((*C.nlp_ner_model)(p), ct, C.size_t(len(text)), &res)); err != nil {
			return err
		}
		defer C.nlp_entities_free(res)
		out = entities(res)
		return nil
	})
	return out, err
}

// RunBatch runs many texts at once (windows batched by length).
func (m *NerModel) RunBatch(texts []string) ([][]Entity, error) {
	if len(texts) == 0 {
		return nil, nil
	}
	out := make([][]Entity, len(texts))
	err := m.h.use(func(p unsafe.Pointer) error {
		cs := newCStrings(texts)
		defer cs.free()
		results := make([]*C.nlp_entities, len(texts))
		arr := (**C.nlp_entities)(C.calloc(C.size_t(len(texts)), C.size_t(unsafe.Sizeof(results[0]))))
		defer C.free(unsafe.Pointer(arr))
		if err := check(C.nlp_ner_run_batch((*C.nlp_ner_model)(p), cs.ptrs, cs.lens,
			C.size_t(len(texts)), arr)); err != nil {
			return err
		}
		for i, r := range unsafe.Slice(arr, len(texts)) {
			out[i] = entities(r)
			C.nlp_entities_free(r)
		}
		return nil
	})
	return out, err
}

// TagWords gives one raw label per pre-split word (no BIO repair).
func (m *NerModel) TagWords(words []string) ([]string, error) {
	if len(words) == 0 {
		return nil, nil
	}
	var out []string
	err := m.h.use(func(p unsafe.Pointer) error {
		cs := newCStrings(words)
		defer cs.free()
		labels := (**C.char)(C.calloc(C.size_t(len(words)), C.size_t(unsafe.Sizeof((*C.char)(nil)))))
		defer C.free(unsafe.Pointer(labels))
		if err := check(C.nlp_ner_tag_words((*C.nlp_ner_model)(p), cs.ptrs, cs.lens,
			C.size_t(len(words)), labels)); err != nil {
			return err
		}
		for _, l := range unsafe.Slice(labels, len(words)) {
			out = append(out, C.GoString(l))
		}
		return nil
	})
	return out, err
}
