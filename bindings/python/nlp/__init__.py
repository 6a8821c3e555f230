"""libnlp from Python (ctypes, no compiled extension): BERT named-entity
recognition, T5 toxicity classification, tokenizers, training and
evaluation. The library is found through NLP_LIBRARY (a path), else the
installed libnlp.so.0.

>>> import nlp                                                  # doctest: +SKIP
>>> with nlp.NerModel("models/ner") as m:                       # doctest: +SKIP
...     m.run("Mike flew to Zürich")["entities"][0]["class"]
'PER'
"""
import ctypes
import json
from typing import Any, Dict, Optional

from ._errors import (CancelledError, DeviceError, Error, FileError, FormatError, InternalError,
                      InvalidArgumentError, InvalidUTF8Error, NoMemoryError, NotFoundError,
                      TensorError, UnsupportedError)
from ._lib import check, lib, path_arg, take_string, utf8
from .ner import NerModel
from .tokenizer import Encoding, Tokenizer
from .toxic import ToxicClassifier
from .train import evaluate_ner, evaluate_toxic, read_conll, score_tags, train_ner, train_toxic

__version__ = "0.1.0"

__all__ = [
    "NerModel", "ToxicClassifier", "Tokenizer", "Encoding", "train_ner", "train_toxic",
    "evaluate_ner", "evaluate_toxic", "score_tags", "read_conll", "checkpoint_info",
    "device_check", "set_num_threads", "version", "Error", "InvalidArgumentError",
    "NoMemoryError", "FileError", "FormatError", "UnsupportedError", "InvalidUTF8Error",
    "DeviceError", "TensorError", "CancelledError", "NotFoundError", "InternalError",
]


def version() -> str:
    """The loaded library's version, "MAJOR.MINOR.PATCH"."""
    return lib.nlp_version().decode("ascii")


def checkpoint_info(path) -> Dict[str, Any]:
    """Describe a Hugging Face checkpoint directory (model type, sizes,
    labels, tokenizer, weights) without loading the weights."""
    out = ctypes.c_void_p()
    check(lib.nlp_checkpoint_info(path_arg(path), ctypes.byref(out)))
    return json.loads(take_string(out.value))


def device_check(device: str) -> str:
    """The concrete device ("cpu", "cuda:0") a name resolves to; raises
    nlp.DeviceError when this machine or build lacks it."""
    resolved = ctypes.c_char_p()
    check(lib.nlp_device_check(utf8(device, "device"), ctypes.byref(resolved)))
    return (resolved.value or b"").decode("ascii")


def set_num_threads(n: int) -> None:
    """Threads of the tensor library per operation, process-wide (0 keeps)."""
    check(lib.nlp_set_num_threads(n))
