package nlp

/*
#include <nlp/nlp.h>
*/
import "C"

// Defaults for every options struct: nlp_<x>_options_init writes them into
// memory this package sized (C.sizeof_*), as nlp.h asks of bindings.

func initNerOptions(o *C.nlp_ner_options) error {
	return check(C.nlp_ner_options_init(o, C.sizeof_nlp_ner_options))
}

func initToxicOptions(o *C.nlp_toxic_options) error {
	return check(C.nlp_toxic_options_init(o, C.sizeof_nlp_toxic_options))
}

func initEncodeOptions(o *C.nlp_encode_options) error {
	return check(C.nlp_encode_options_init(o, C.sizeof_nlp_encode_options))
}

func initTrainOptions(o *C.nlp_train_options) error {
	return check(C.nlp_train_options_init(o, C.sizeof_nlp_train_options))
}

func initSeqevalOptions(o *C.nlp_seqeval_options) error {
	return check(C.nlp_seqeval_options_init(o, C.sizeof_nlp_seqeval_options))
}

func initConllOptions(o *C.nlp_conll_options) error {
	return check(C.nlp_conll_options_init(o, C.sizeof_nlp_conll_options))
}

func initEvalOptions(o *C.nlp_eval_options) error {
	return check(C.nlp_eval_options_init(o, C.sizeof_nlp_eval_options))
}
