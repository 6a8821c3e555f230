package nlp

/*
#include <nlp/nlp.h>
#include <stdint.h>
#include <stdlib.h>
extern int nlpgo_eval_progress(size_t done, size_t total, void *data);
*/
import "C"

import "unsafe"

// EvalOptions configure EvaluateNer and EvaluateToxic; zero values keep
// the library's defaults.
type EvalOptions struct {
	TextColumn, LabelColumn string // CSV / JSON Lines field names ("" = defaults)
	MaxExamples             int    // 0: all
	BatchSize               int    // 0: 32
	Strict                  bool   // NER: seqeval strict mode with Scheme
	Scheme                  string // "IOB2" (default), "IOBES", ...
	// Progress, when set, is called with the examples done and the total
	// after every batch; returning true cancels (ErrCancelled).
	Progress func(done, total int) bool
}

type evalState struct {
	progress func(done, total int) bool
	panicked interface{}
}

//export nlpgoEvalProgress
func nlpgoEvalProgress(done, total C.size_t, data unsafe.Pointer) (stop C.int) {
	st := slotValue(data).(*evalState)
	defer func() {
		if r := recover(); r != nil { // never unwind through C
			st.panicked = r
			stop = 1
		}
	}()
	return cBool(st.progress(int(done), int(total)))
}

// cEval is a filled nlp_eval_options with the C memory it points to.
type cEval struct {
	cMem
	o     C.nlp_eval_options
	seq   *C.nlp_seqeval_options
	state *evalState
}

func newEval(opts *EvalOptions) (*cEval, error) {
	c := &cEval{}
	if err := initEvalOptions(&c.o); err != nil {
		return nil, err
	}
	if opts == nil {
		return c, nil
	}
	str := c.str
	c.o.text_column, c.o.label_column = str(opts.TextColumn), str(opts.LabelColumn)
	c.o.max_examples, c.o.batch_size = C.size_t(opts.MaxExamples), C.size_t(opts.BatchSize)
	if opts.Strict {
		c.seq = (*C.nlp_seqeval_options)(c.calloc(1, C.sizeof_nlp_seqeval_options))
		if err := initSeqevalOptions(c.seq); err != nil {
			c.free()
			return nil, err
		}
		c.seq.mode = C.NLP_SEQEVAL_STRICT
		scheme := opts.Scheme
		if scheme == "" {
			scheme = "IOB2"
		}
		if err := check(C.nlp_tag_scheme_parse(str(scheme), &c.seq.scheme)); err != nil {
			c.free()
			return nil, err
		}
		c.o.seqeval = c.seq
	}
	if opts.Progress != nil {
		c.state = &evalState{progress: opts.Progress}
		c.o.progress = C.nlp_progress_callback(C.nlpgo_eval_progress)
		c.o.progress_data = c.handleSlot(c.state)
	}
	return c, nil
}

func (c *cEval) finish(st C.nlp_status) error {
	if c.state != nil && c.state.panicked != nil {
		panic(c.state.panicked)
	}
	return check(st)
}

func seqevalReport(r *C.nlp_seqeval_report) SeqevalReport {
	out := SeqevalReport{Accuracy: float64(C.nlp_seqeval_accuracy(r)),
		Micro:    entityScore(C.nlp_seqeval_average(r, C.NLP_AVERAGE_MICRO)),
		Macro:    entityScore(C.nlp_seqeval_average(r, C.NLP_AVERAGE_MACRO)),
		Weighted: entityScore(C.nlp_seqeval_average(r, C.NLP_AVERAGE_WEIGHTED))}
	for i := 0; i < int(C.nlp_seqeval_type_count(r)); i++ {
		out.Types = append(out.Types, entityScore(C.nlp_seqeval_type(r, C.size_t(i))))
	}
	return out
}

// evaluate runs f on the live model h with the data path and filled
// options in C memory, re-raising a progress callback's panic.
func evaluate(h *handle, dataPath string, opts *EvalOptions,
	f func(model unsafe.Pointer, path *C.char, o *C.nlp_eval_options) C.nlp_status) error {
	return h.use(func(p unsafe.Pointer) error {
		c, err := newEval(opts)
		if err != nil {
			return err
		}
		defer c.free()
		// A copy on its own: cgo checks the whole object a pointer points
		// into, and c also holds Go pointers.
		o := c.o
		return c.finish(f(p, c.str(dataPath), &o))
	})
}

// EvaluateNer scores m on a CoNLL file or conll2003 JSON Lines
// (nlp_ner_evaluate); opts may be nil.
func EvaluateNer(m *NerModel, dataPath string, opts *EvalOptions) (SeqevalReport, error) {
	var out SeqevalReport
	err := evaluate(&m.h, dataPath, opts, func(p unsafe.Pointer, path *C.char, o *C.nlp_eval_options) C.nlp_status {
		var r *C.nlp_seqeval_report
		st := C.nlp_ner_evaluate((*C.nlp_ner_model)(p), path, o, &r)
		if st == C.NLP_OK {
			out = seqevalReport(r)
			C.nlp_seqeval_report_free(r)
		}
		return st
	})
	return out, err
}

// EvaluateToxic scores t on labelled CSV / JSON Lines data
// (nlp_toxic_evaluate_model); opts may be nil.
func EvaluateToxic(t *ToxicClassifier, dataPath string, opts *EvalOptions) (ClassificationMetrics, error) {
	m := C.nlp_classification_metrics{size: C.sizeof_nlp_classification_metrics}
	err := evaluate(&t.h, dataPath, opts, func(p unsafe.Pointer, path *C.char, o *C.nlp_eval_options) C.nlp_status {
		return C.nlp_toxic_evaluate_model((*C.nlp_toxic_model)(p), path, o, &m)
	})
	if err != nil {
		return ClassificationMetrics{}, err
	}
	return ClassificationMetrics{Count: int(m.count), Support: int(m.support), TN: int(m.tn), FP: int(m.fp),
		FN: int(m.fn), TP: int(m.tp), Accuracy: float64(m.accuracy), Precision: float64(m.precision),
		Recall: float64(m.recall), F1: float64(m.f1), AUPRC: float64(m.auprc)}, nil
}
