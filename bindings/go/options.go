package nlp

/*
#include <nlp/nlp.h>
*/
import "C"

// Defaults for every options struct, written by the library into memory
// this package sized (one place to change when the header changes).

func initNerOptions(o *C.nlp_ner_options) error {
	*o = C.nlp_ner_options_default()
	return nil
}

func initToxicOptions(o *C.nlp_toxic_options) error {
	*o = C.nlp_toxic_options_default()
	return nil
}

func initEncodeOptions(o *C.nlp_encode_options) error {
	*o = C.nlp_encode_options_default()
	return nil
}

func initTrainOptions(o *C.nlp_train_options) error {
	*o = C.nlp_train_options_default()
	return nil
}

func initSeqevalOptions(o *C.nlp_seqeval_options) error {
	*o = C.nlp_seqeval_options_default()
	return nil
}

func initConllOptions(o *C.nlp_conll_options) error {
	*o = C.nlp_conll_options_default()
	return nil
}
