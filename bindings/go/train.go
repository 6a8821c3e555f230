package nlp

/*
#include <nlp/nlp.h>
#include <stdint.h>
#include <stdlib.h>
extern int nlpgo_train_callback(const nlp_train_progress *progress, void *data);
*/
import "C"

import (
	"unsafe"
)

// ClassBalance is how toxicity training balances its classes.
type ClassBalance int

const (
	BalanceNone       ClassBalance = 0
	BalanceOversample ClassBalance = 1 // repeat toxic rows to match the others
	BalanceLossWeight ClassBalance = 2 // weight each row's loss by inverse frequency
)

// Progress is what a training callback sees.
type Progress struct {
	Step, TotalSteps int64
	Epoch            float64
	Loss             float64
	LearningRate     float64
	Evaluated        bool // the fields below are set
	EvalLoss         float64
	Metric           float64
	MetricName       string
	Checkpoint       string // folder saved at this point, or ""
}

// TrainOptions mirror nlp_train_options; start from DefaultTrainOptions.
// Empty strings stand for the library's NULL (its default).
type TrainOptions struct {
	OutputDir                 string
	Device                    string
	Epochs                    float64
	LearningRate              float64
	BatchSize, EvalBatchSize  int
	WarmupRatio               float64
	WarmupSteps               int64
	WeightDecay               float64
	AdamBeta1, AdamBeta2      float64
	AdamEpsilon               float64
	MaxGradNorm               float64
	GradientAccumulationSteps int
	Seed                      uint64
	EvalSteps, LoggingSteps   int64
	MetricForBest             string
	SaveTotalLimit            int
	EarlyStoppingPatience     int
	MaxSteps                  int64
	MaxTrainExamples          int
	MaxEvalExamples           int
	MaxLength                 int
	LabelAllTokens            bool
	GroupByLength             bool
	UseCache                  bool
	ResumeFrom                string
	ClassBalance              ClassBalance
	TextColumn, LabelColumn   string
	// Progress, when set, is called after every LoggingSteps steps and
	// every evaluation; returning true stops the run (ErrCancelled).
	Progress func(Progress) bool
}

// TrainReport is what a finished run reports.
type TrainReport struct {
	Steps           int64
	Epochs          float64
	TrainLoss       float64
	BestMetric      float64 // NaN without evaluation
	BestStep        int64   // -1 without a checkpoint
	TrainExamples   int
	EvalExamples    int
	Truncated       int
	Seconds         float64
	TokensPerSecond float64
}

func goString(s *C.char) string {
	if s == nil {
		return ""
	}
	return C.GoString(s)
}

func cBool(b bool) C.int {
	if b {
		return 1
	}
	return 0
}

// DefaultTrainOptions are the library's defaults (nlp.h lists them).
func DefaultTrainOptions() TrainOptions {
	var o C.nlp_train_options
	_ = initTrainOptions(&o)
	return TrainOptions{
		Device: goString(o.device), Epochs: float64(o.epochs), LearningRate: float64(o.learning_rate),
		BatchSize: int(o.batch_size), EvalBatchSize: int(o.eval_batch_size),
		WarmupRatio: float64(o.warmup_ratio), WarmupSteps: int64(o.warmup_steps),
		WeightDecay: float64(o.weight_decay), AdamBeta1: float64(o.adam_beta1),
		AdamBeta2: float64(o.adam_beta2), AdamEpsilon: float64(o.adam_epsilon),
		MaxGradNorm: float64(o.max_grad_norm), GradientAccumulationSteps: int(o.gradient_accumulation_steps),
		Seed: uint64(o.seed), EvalSteps: int64(o.eval_steps), LoggingSteps: int64(o.logging_steps),
		MetricForBest: goString(o.metric_for_best), SaveTotalLimit: int(o.save_total_limit),
		EarlyStoppingPatience: int(o.early_stopping_patience), MaxSteps: int64(o.max_steps),
		MaxTrainExamples: int(o.max_train_examples), MaxEvalExamples: int(o.max_eval_examples),
		MaxLength: int(o.max_length), LabelAllTokens: o.label_all_tokens != 0,
		GroupByLength: o.group_by_length != 0, UseCache: o.use_cache != 0,
		ResumeFrom: goString(o.resume_from), ClassBalance: ClassBalance(o.class_balance),
		TextColumn: goString(o.text_column), LabelColumn: goString(o.label_column),
	}
}

// trainState is what the callback reaches through its cgo.Handle.
type trainState struct {
	progress func(Progress) bool
	panicked interface{}
}

//export nlpgoTrainProgress
func nlpgoTrainProgress(p *C.nlp_train_progress, data unsafe.Pointer) (stop C.int) {
	st := slotValue(data).(*trainState)
	defer func() {
		if r := recover(); r != nil { // never unwind through C: stop, re-panic later
			st.panicked = r
			stop = 1
		}
	}()
	pr := Progress{Step: int64(p.step), TotalSteps: int64(p.total_steps), Epoch: float64(p.epoch),
		Loss: float64(p.loss), LearningRate: float64(p.learning_rate), Evaluated: p.evaluated != 0,
		Checkpoint: goString(p.checkpoint)}
	if pr.Evaluated {
		pr.EvalLoss, pr.Metric, pr.MetricName = float64(p.eval_loss), float64(p.metric), goString(p.metric_name)
	}
	return cBool(st.progress(pr))
}

// cTrain is a filled nlp_train_options with the C memory it points to.
type cTrain struct {
	cMem
	o     C.nlp_train_options
	state *trainState
}

func newTrain(opts TrainOptions) (*cTrain, error) {
	c := &cTrain{}
	if err := initTrainOptions(&c.o); err != nil {
		return nil, err
	}
	str := c.str
	o := &c.o
	o.output_dir, o.device = str(opts.OutputDir), str(opts.Device)
	o.epochs, o.learning_rate = C.double(opts.Epochs), C.double(opts.LearningRate)
	o.batch_size, o.eval_batch_size = C.size_t(opts.BatchSize), C.size_t(opts.EvalBatchSize)
	o.warmup_ratio, o.warmup_steps = C.double(opts.WarmupRatio), C.longlong(opts.WarmupSteps)
	o.weight_decay, o.adam_beta1 = C.double(opts.WeightDecay), C.double(opts.AdamBeta1)
	o.adam_beta2, o.adam_epsilon = C.double(opts.AdamBeta2), C.double(opts.AdamEpsilon)
	o.max_grad_norm = C.double(opts.MaxGradNorm)
	o.gradient_accumulation_steps = C.int(opts.GradientAccumulationSteps)
	o.seed = C.uint64_t(opts.Seed)
	o.eval_steps, o.logging_steps = C.longlong(opts.EvalSteps), C.longlong(opts.LoggingSteps)
	o.metric_for_best = str(opts.MetricForBest)
	o.save_total_limit, o.early_stopping_patience = C.int(opts.SaveTotalLimit), C.int(opts.EarlyStoppingPatience)
	o.max_steps = C.longlong(opts.MaxSteps)
	o.max_train_examples, o.max_eval_examples = C.size_t(opts.MaxTrainExamples), C.size_t(opts.MaxEvalExamples)
	o.max_length = C.size_t(opts.MaxLength)
	o.label_all_tokens, o.group_by_length = cBool(opts.LabelAllTokens), cBool(opts.GroupByLength)
	o.use_cache = cBool(opts.UseCache)
	o.resume_from = str(opts.ResumeFrom)
	o.class_balance = C.nlp_class_balance(opts.ClassBalance)
	o.text_column, o.label_column = str(opts.TextColumn), str(opts.LabelColumn)
	if opts.Progress != nil {
		c.state = &trainState{progress: opts.Progress}
		o.callback = C.nlp_train_callback(C.nlpgo_train_callback)
		o.callback_data = c.handleSlot(c.state)
	}
	return c, nil
}

// finish turns the status into an error, re-raising a callback's panic.
func (c *cTrain) finish(st C.nlp_status, r *C.nlp_train_report) (TrainReport, error) {
	if c.state != nil && c.state.panicked != nil {
		panic(c.state.panicked)
	}
	if err := check(st); err != nil {
		return TrainReport{}, err
	}
	return TrainReport{Steps: int64(r.steps), Epochs: float64(r.epochs), TrainLoss: float64(r.train_loss),
		BestMetric: float64(r.best_metric), BestStep: int64(r.best_step),
		TrainExamples: int(r.train_examples), EvalExamples: int(r.eval_examples),
		Truncated: int(r.truncated), Seconds: float64(r.seconds), TokensPerSecond: float64(r.tokens_per_second)}, nil
}

// withPaths calls f with C copies of the three paths (eval "" as NULL).
func withPaths(baseDir, trainPath, evalPath string, f func(base, train, eval *C.char) C.nlp_status) C.nlp_status {
	base, train, eval := C.CString(baseDir), C.CString(trainPath), cString(evalPath, true)
	defer cFree(base)
	defer cFree(train)
	defer cFree(eval)
	return f(base, train, eval)
}

// TrainNer fine-tunes the BERT token classifier in baseDir on a CoNLL file,
// evaluating on evalPath ("" for none); the best model lands in
// opts.OutputDir.
func TrainNer(baseDir, trainPath, evalPath string, opts TrainOptions) (TrainReport, error) {
	c, err := newTrain(opts)
	if err != nil {
		return TrainReport{}, err
	}
	defer c.free()
	r := C.nlp_train_report{size: C.sizeof_nlp_train_report}
	return c.finish(withPaths(baseDir, trainPath, evalPath, func(base, train, eval *C.char) C.nlp_status {
		return C.nlp_ner_train(base, train, eval, &c.o, &r)
	}), &r)
}

// TrainToxic fine-tunes a T5 checkpoint as a toxicity classifier on CSV or
// JSON Lines data; model gives the prefix and label words (may be nil).
func TrainToxic(baseDir, trainPath, evalPath string, model *ToxicOptions, opts TrainOptions) (TrainReport, error) {
	co, err := newToxicOptions(model)
	if err != nil {
		return TrainReport{}, err
	}
	defer co.free()
	c, err := newTrain(opts)
	if err != nil {
		return TrainReport{}, err
	}
	defer c.free()
	r := C.nlp_train_report{size: C.sizeof_nlp_train_report}
	return c.finish(withPaths(baseDir, trainPath, evalPath, func(base, train, eval *C.char) C.nlp_status {
		return C.nlp_toxic_train(base, train, eval, &co.o, &c.o, &r)
	}), &r)
}

// ClassificationMetrics are binary scores of the toxic class.
type ClassificationMetrics struct {
	Count, Support                  int
	TN, FP, FN, TP                  int
	Accuracy, Precision, Recall, F1 float64
	AUPRC                           float64 // NaN without scores
}
