package nlp

/*
#include <nlp/nlp.h>
#include <stdlib.h>
*/
import "C"

import (
	"fmt"
	"unsafe"
)

// EntityScore is one row of a seqeval report: an entity type or an average.
type EntityScore struct {
	Type                  string
	Precision, Recall, F1 float64
	Support               int // gold entities
	Predicted, Correct    int
}

// SeqevalReport is seqeval's classification_report as numbers.
type SeqevalReport struct {
	Types                  []EntityScore // sorted by type name
	Micro, Macro, Weighted EntityScore
	Accuracy               float64 // token accuracy
}

func entityScore(s *C.nlp_entity_score) EntityScore {
	return EntityScore{Type: C.GoString(s._type), Precision: float64(s.precision), Recall: float64(s.recall),
		F1: float64(s.f1), Support: int(s.support), Predicted: int(s.predicted), Correct: int(s.correct)}
}

// ScoreTags scores predicted tag sentences against gold ones as seqeval
// 1.2.2 does: default mode, or strict with scheme ("IOB2", "IOBES", ...).
func ScoreTags(gold, pred [][]string, strict bool, scheme string) (SeqevalReport, error) {
	if len(gold) != len(pred) {
		return SeqevalReport{}, fmt.Errorf("nlp: %d gold sentences but %d predicted", len(gold), len(pred))
	}
	var flatG, flatP []string
	lengths := make([]C.size_t, len(gold)+1)
	for i := range gold {
		if len(gold[i]) != len(pred[i]) {
			return SeqevalReport{}, fmt.Errorf("nlp: sentence %d: %d gold tags but %d predicted", i, len(gold[i]), len(pred[i]))
		}
		flatG, flatP = append(flatG, gold[i]...), append(flatP, pred[i]...)
		lengths[i] = C.size_t(len(gold[i]))
	}
	var o C.nlp_seqeval_options
	if err := initSeqevalOptions(&o); err != nil {
		return SeqevalReport{}, err
	}
	if strict {
		o.mode = C.NLP_SEQEVAL_STRICT
		cs := C.CString(scheme)
		defer C.free(unsafe.Pointer(cs))
		if err := check(C.nlp_tag_scheme_parse(cs, &o.scheme)); err != nil {
			return SeqevalReport{}, err
		}
	}
	g, p := newCStrings(flatG), newCStrings(flatP)
	defer g.free()
	defer p.free()
	clen := (*C.size_t)(C.calloc(C.size_t(len(lengths)), C.size_t(unsafe.Sizeof(C.size_t(0)))))
	defer C.free(unsafe.Pointer(clen))
	copy(unsafe.Slice(clen, len(lengths)), lengths)
	var r *C.nlp_seqeval_report
	if err := check(C.nlp_seqeval_evaluate(g.ptrs, p.ptrs, clen, C.size_t(len(gold)), &o, &r)); err != nil {
		return SeqevalReport{}, err
	}
	defer C.nlp_seqeval_report_free(r)
	return seqevalReport(r), nil
}

// Sentence is one sentence of a CoNLL file.
type Sentence struct {
	Words, Tags []string
}

// ReadConll reads a CoNLL column file (IOB1 tags rewritten as IOB2).
func ReadConll(path string) ([]Sentence, error) {
	var o C.nlp_conll_options
	if err := initConllOptions(&o); err != nil {
		return nil, err
	}
	cp := C.CString(path)
	defer C.free(unsafe.Pointer(cp))
	var h *C.nlp_conll
	if err := check(C.nlp_conll_read(cp, &o, &h)); err != nil {
		return nil, err
	}
	defer C.nlp_conll_free(h)
	nt, ns := int(C.nlp_conll_token_count(h)), int(C.nlp_conll_sentence_count(h))
	if ns == 0 {
		return nil, nil
	}
	words, tags := unsafe.Slice(C.nlp_conll_words(h), nt), unsafe.Slice(C.nlp_conll_tags(h), nt)
	lengths := unsafe.Slice(C.nlp_conll_lengths(h), ns)
	out, k := make([]Sentence, ns), 0
	for i, n := range lengths {
		for j := 0; j < int(n); j++ {
			out[i].Words = append(out[i].Words, C.GoString(words[k+j]))
			out[i].Tags = append(out[i].Tags, C.GoString(tags[k+j]))
		}
		k += int(n)
	}
	return out, nil
}
