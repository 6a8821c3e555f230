"""The ctypes mirror of include/nlp/nlp.h: library loading, structs,
prototypes, and the status check every call goes through."""
import ctypes
import ctypes.util
import os
from ctypes import (POINTER, c_char_p, c_double, c_float, c_int, c_int32, c_int64,
                    c_longlong, c_size_t, c_uint8, c_ulonglong, c_void_p)

from ._errors import BY_STATUS, Error

SONAME = "libnlp.so.0"


def _load() -> ctypes.CDLL:
    """NLP_LIBRARY (a path) wins; else the installed soname."""
    path = os.environ.get("NLP_LIBRARY")
    if path:
        return ctypes.CDLL(path)
    try:
        return ctypes.CDLL(SONAME)
    except OSError:
        found = ctypes.util.find_library("nlp")
        if found is None:
            raise ImportError(
                f"cannot find {SONAME}: install libnlp0 or set NLP_LIBRARY to its path") from None
        return ctypes.CDLL(found)


lib = _load()


class Struct(ctypes.Structure):
    """A C struct whose first field is its size (filled by _options_init)."""


class EncodeOptions(Struct):
    _fields_ = [("size", c_size_t), ("add_special_tokens", c_int), ("max_length", c_size_t)]


class NerOptions(Struct):
    _fields_ = [("size", c_size_t), ("device", c_char_p), ("num_threads", c_int),
                ("batch_size", c_size_t), ("max_length", c_size_t), ("stride", c_size_t),
                ("aggregation", c_int), ("sort_by_length", c_int),
                ("max_text_bytes", c_size_t), ("max_batch_texts", c_size_t)]


class Entity(ctypes.Structure):
    _fields_ = [("label", c_char_p), ("text", c_char_p), ("byte_start", c_size_t),
                ("byte_end", c_size_t), ("char_start", c_size_t), ("char_end", c_size_t),
                ("score", c_float), ("tag", c_char_p), ("token_index", c_size_t),
                ("token", c_char_p)]


class ToxicLabel(ctypes.Structure):
    _fields_ = [("word", c_char_p), ("is_toxic", c_int)]


class ToxicOptions(Struct):
    _fields_ = [("size", c_size_t), ("prefix", c_char_p), ("labels", POINTER(ToxicLabel)),
                ("label_count", c_size_t), ("max_input_tokens", c_int),
                ("max_new_tokens", c_int), ("device", c_char_p), ("num_threads", c_int),
                ("score_only", c_int), ("max_text_bytes", c_size_t),
                ("max_batch_texts", c_size_t)]


class ToxicResult(ctypes.Structure):
    _fields_ = [("is_toxic", c_int), ("matched", c_int), ("score", c_double),
                ("generated", c_char_p), ("label", c_size_t)]


class SeqevalOptions(Struct):
    _fields_ = [("size", c_size_t), ("mode", c_int), ("scheme", c_int)]


class EntityScore(ctypes.Structure):
    _fields_ = [("type", c_char_p), ("precision", c_double), ("recall", c_double),
                ("f1", c_double), ("support", c_size_t), ("predicted", c_size_t),
                ("correct", c_size_t)]


class ClassificationMetrics(Struct):
    _fields_ = [("size", c_size_t), ("count", c_size_t), ("support", c_size_t),
                ("tn", c_size_t), ("fp", c_size_t), ("fn", c_size_t), ("tp", c_size_t),
                ("accuracy", c_double), ("precision", c_double), ("recall", c_double),
                ("f1", c_double), ("auprc", c_double)]


class ConllOptions(Struct):
    _fields_ = [("size", c_size_t), ("tag_column", c_int), ("convert_iob1", c_int)]


class TrainProgress(Struct):
    _fields_ = [("size", c_size_t), ("step", c_longlong), ("total_steps", c_longlong),
                ("epoch", c_double), ("loss", c_double), ("learning_rate", c_double),
                ("evaluated", c_int), ("eval_loss", c_double), ("metric", c_double),
                ("metric_name", c_char_p), ("checkpoint", c_char_p)]


TRAIN_CALLBACK = ctypes.CFUNCTYPE(c_int, POINTER(TrainProgress), c_void_p)


class TrainOptions(Struct):
    _fields_ = [("size", c_size_t), ("output_dir", c_char_p), ("device", c_char_p),
                ("epochs", c_double), ("learning_rate", c_double), ("batch_size", c_size_t),
                ("eval_batch_size", c_size_t), ("warmup_ratio", c_double),
                ("warmup_steps", c_longlong), ("weight_decay", c_double),
                ("adam_beta1", c_double), ("adam_beta2", c_double), ("adam_epsilon", c_double),
                ("max_grad_norm", c_double), ("gradient_accumulation_steps", c_int),
                ("seed", c_ulonglong), ("eval_steps", c_longlong),
                ("logging_steps", c_longlong), ("metric_for_best", c_char_p),
                ("save_total_limit", c_int), ("early_stopping_patience", c_int),
                ("max_steps", c_longlong), ("max_train_examples", c_size_t),
                ("max_eval_examples", c_size_t), ("max_length", c_size_t),
                ("label_all_tokens", c_int), ("group_by_length", c_int), ("use_cache", c_int),
                ("resume_from", c_char_p), ("class_balance", c_int),
                ("text_column", c_char_p), ("label_column", c_char_p),
                ("callback", TRAIN_CALLBACK), ("callback_data", c_void_p),
                ("dist_world_size", c_int), ("dist_rank", c_int),
                ("dist_master_addr", c_char_p), ("dist_master_port", c_int),
                ("dist_timeout_ms", ctypes.c_longlong), ("dist_bucket_cap_mb", c_double),
                ("dist_reduce_after_backward", c_int),
                ("eval_progress", c_void_p), ("eval_progress_data", c_void_p)]


class TrainReport(Struct):
    _fields_ = [("size", c_size_t), ("steps", c_longlong), ("epochs", c_double),
                ("train_loss", c_double), ("best_metric", c_double),
                ("best_step", c_longlong), ("train_examples", c_size_t),
                ("eval_examples", c_size_t), ("truncated", c_size_t), ("seconds", c_double),
                ("tokens_per_second", c_double), ("allreduce_seconds", c_double),
                ("allreduce_exposed_seconds", c_double)]


PROGRESS_CALLBACK = ctypes.CFUNCTYPE(c_int, c_size_t, c_size_t, c_void_p)


class EvalOptions(Struct):
    _fields_ = [("size", c_size_t), ("text_column", c_char_p), ("label_column", c_char_p),
                ("max_examples", c_size_t), ("batch_size", c_size_t),
                ("seqeval", POINTER(SeqevalOptions)), ("progress", PROGRESS_CALLBACK),
                ("progress_data", c_void_p)]


# C struct name -> ctypes class, for the layout test against the C sizes.
STRUCTS = {
    "nlp_encode_options": EncodeOptions, "nlp_ner_options": NerOptions,
    "nlp_entity": Entity, "nlp_toxic_label": ToxicLabel, "nlp_toxic_options": ToxicOptions,
    "nlp_toxic_result": ToxicResult, "nlp_seqeval_options": SeqevalOptions,
    "nlp_entity_score": EntityScore, "nlp_classification_metrics": ClassificationMetrics,
    "nlp_conll_options": ConllOptions, "nlp_train_progress": TrainProgress,
    "nlp_train_options": TrainOptions, "nlp_train_report": TrainReport,
    "nlp_eval_options": EvalOptions,
}

# nlp_<x>_options_init(ptr, size) for every options struct.
_OPTIONS = {"nlp_encode_options": EncodeOptions, "nlp_ner_options": NerOptions,
            "nlp_toxic_options": ToxicOptions, "nlp_seqeval_options": SeqevalOptions,
            "nlp_conll_options": ConllOptions, "nlp_train_options": TrainOptions,
            "nlp_eval_options": EvalOptions}

_status = c_int
_char_pp = POINTER(c_char_p)
_P = c_void_p  # opaque handles

_PROTOTYPES = {
    "nlp_version": (c_char_p, []),
    "nlp_status_str": (c_char_p, [c_int]),
    "nlp_last_error": (c_char_p, []),
    "nlp_clear_error": (None, []),
    "nlp_string_free": (None, [c_void_p]),
    "nlp_device_check": (_status, [c_char_p, _char_pp]),
    "nlp_set_num_threads": (_status, [c_int]),
    "nlp_checkpoint_info": (_status, [c_char_p, POINTER(c_void_p)]),
    # tokenizer
    "nlp_tokenizer_load": (_status, [c_char_p, POINTER(_P)]),
    "nlp_tokenizer_free": (None, [_P]),
    "nlp_tokenizer_algorithm": (c_int, [_P]),
    "nlp_tokenizer_vocab_size": (c_size_t, [_P]),
    "nlp_tokenizer_encode": (_status, [_P, c_char_p, c_size_t, POINTER(EncodeOptions),
                                       POINTER(_P)]),
    "nlp_tokenizer_encode_words": (_status, [_P, _char_pp, POINTER(c_size_t), c_size_t,
                                             POINTER(EncodeOptions), POINTER(_P)]),
    "nlp_tokenizer_decode": (_status, [_P, POINTER(c_int32), c_size_t, c_int,
                                       POINTER(c_void_p)]),
    "nlp_tokenizer_token_to_id": (_status, [_P, c_char_p, POINTER(c_int32)]),
    "nlp_tokenizer_id_to_token": (c_char_p, [_P, c_int32]),
    "nlp_encoding_count": (c_size_t, [_P]),
    "nlp_encoding_ids": (POINTER(c_int32), [_P]),
    "nlp_encoding_tokens": (POINTER(c_void_p), [_P]),
    "nlp_encoding_token_lengths": (POINTER(c_size_t), [_P]),
    "nlp_encoding_byte_starts": (POINTER(c_int64), [_P]),
    "nlp_encoding_byte_ends": (POINTER(c_int64), [_P]),
    "nlp_encoding_char_starts": (POINTER(c_int64), [_P]),
    "nlp_encoding_char_ends": (POINTER(c_int64), [_P]),
    "nlp_encoding_word_ids": (POINTER(c_int32), [_P]),
    "nlp_encoding_special_mask": (POINTER(c_uint8), [_P]),
    "nlp_encoding_truncated": (c_size_t, [_P]),
    "nlp_encoding_free": (None, [_P]),
    # NER
    "nlp_ner_load": (_status, [c_char_p, POINTER(NerOptions), POINTER(_P)]),
    "nlp_ner_free": (None, [_P]),
    "nlp_ner_labels": (_status, [_P, POINTER(_char_pp), POINTER(c_size_t)]),
    "nlp_entities_count": (c_size_t, [_P]),
    "nlp_entities_get": (POINTER(Entity), [_P, c_size_t]),
    "nlp_entities_free": (None, [_P]),
    "nlp_ner_run": (_status, [_P, c_char_p, c_size_t, POINTER(_P)]),
    "nlp_ner_run_batch": (_status, [_P, _char_pp, POINTER(c_size_t), c_size_t, POINTER(_P)]),
    "nlp_ner_tag_words": (_status, [_P, _char_pp, POINTER(c_size_t), c_size_t, _char_pp]),
    # toxicity
    "nlp_toxic_load": (_status, [c_char_p, POINTER(ToxicOptions), POINTER(_P)]),
    "nlp_toxic_free": (None, [_P]),
    "nlp_toxic_classify": (_status, [_P, c_char_p, c_size_t, POINTER(POINTER(ToxicResult))]),
    "nlp_toxic_classify_batch": (_status, [_P, _char_pp, POINTER(c_size_t), c_size_t,
                                           POINTER(POINTER(ToxicResult))]),
    "nlp_toxic_result_free": (None, [POINTER(ToxicResult)]),
    # metrics and data
    "nlp_tag_scheme_parse": (_status, [c_char_p, POINTER(c_int)]),
    "nlp_seqeval_evaluate": (_status, [_char_pp, _char_pp, POINTER(c_size_t), c_size_t,
                                       POINTER(SeqevalOptions), POINTER(_P)]),
    "nlp_seqeval_report_free": (None, [_P]),
    "nlp_seqeval_report_json": (_status, [_P, POINTER(c_void_p)]),
    "nlp_conll_read": (_status, [c_char_p, POINTER(ConllOptions), POINTER(_P)]),
    "nlp_conll_free": (None, [_P]),
    "nlp_conll_sentence_count": (c_size_t, [_P]),
    "nlp_conll_token_count": (c_size_t, [_P]),
    "nlp_conll_words": (_char_pp, [_P]),
    "nlp_conll_tags": (_char_pp, [_P]),
    "nlp_conll_lengths": (POINTER(c_size_t), [_P]),
    # training and evaluation
    "nlp_ner_train": (_status, [c_char_p, c_char_p, c_char_p, POINTER(TrainOptions),
                                POINTER(TrainReport)]),
    "nlp_toxic_train": (_status, [c_char_p, c_char_p, c_char_p, POINTER(ToxicOptions),
                                  POINTER(TrainOptions), POINTER(TrainReport)]),
    "nlp_ner_evaluate": (_status, [_P, c_char_p, POINTER(EvalOptions), POINTER(_P)]),
    "nlp_toxic_evaluate_model": (_status, [_P, c_char_p, POINTER(EvalOptions),
                                           POINTER(ClassificationMetrics)]),
}
for _name, _cls in _OPTIONS.items():
    _PROTOTYPES[_name + "_init"] = (_status, [POINTER(_cls), c_size_t])

for _name, (_res, _args) in _PROTOTYPES.items():
    _fn = getattr(lib, _name)
    _fn.restype = _res
    _fn.argtypes = _args


def error_for(status: int) -> Error:
    """The exception for a failed status, with this thread's message."""
    name = (lib.nlp_status_str(status) or b"").decode("utf-8", "replace").split(":")[0]
    message = (lib.nlp_last_error() or b"").decode("utf-8", "replace")
    return BY_STATUS.get(status, Error)(status, name or f"status {status}", message)


def check(status: int) -> None:
    """Raise the nlp.Error subclass for a nonzero status."""
    if status != 0:
        raise error_for(status)


def init_options(cls, c_name: str):
    """A struct of defaults written by nlp_<x>_options_init(&o, sizeof o):
    the library fills exactly the bytes this binding knows of."""
    o = cls()
    check(getattr(lib, c_name + "_init")(ctypes.byref(o), ctypes.sizeof(o)))
    return o


def take_string(ptr: int) -> str:
    """A library-allocated string as str, then freed."""
    try:
        return ctypes.string_at(ptr).decode("utf-8")
    finally:
        lib.nlp_string_free(ptr)


def utf8(text: str, what: str = "text") -> bytes:
    """str -> UTF-8; lone surrogates become nlp.InvalidUTF8Error."""
    if not isinstance(text, str):
        raise TypeError(f"{what} must be str, not {type(text).__name__}")
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as e:
        raise BY_STATUS[6](6, "NLP_ERR_INVALID_UTF8",
                           f"{what}: code point {e.start} cannot be encoded as UTF-8") from None


def path_arg(path) -> bytes:
    """A filesystem path (str or os.PathLike) as bytes."""
    return os.fsencode(path)


def c_strings(items):
    """(char*[] array, size_t[] lengths, keep-alive list) for a list of str."""
    encoded = [utf8(t, "texts[%d]" % i) for i, t in enumerate(items)]
    arr = (c_char_p * max(len(encoded), 1))(*encoded)
    lens = (c_size_t * max(len(encoded), 1))(*[len(b) for b in encoded])
    return arr, lens, encoded
