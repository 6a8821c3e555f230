"""Toxicity classification with T5 text-to-text models."""
import ctypes
from typing import Any, Dict, List, Mapping, Optional, Sequence

from ._handle import Handle
from ._lib import (ToxicLabel, ToxicOptions, ToxicResult, c_strings, check, init_options, lib,
                   path_arg, utf8)


def toxic_options(prefix: Optional[str] = None, labels: Optional[Mapping[str, bool]] = None,
                  device: str = "cpu", max_input_tokens: Optional[int] = None,
                  max_new_tokens: Optional[int] = None, score_only: bool = False):
    """(nlp_toxic_options, keep-alive) from Python arguments."""
    o = init_options(ToxicOptions, "nlp_toxic_options")
    keep: List[Any] = []
    if prefix is not None:
        o.prefix = utf8(prefix, "prefix")
    if labels is not None:
        words = [(utf8(w, "label word"), 1 if toxic else 0) for w, toxic in labels.items()]
        arr = (ToxicLabel * max(len(words), 1))(*words)
        keep.append(arr)
        o.labels = ctypes.cast(arr, ctypes.POINTER(ToxicLabel))
        o.label_count = len(words)
    o.device = utf8(device, "device")
    if max_input_tokens is not None:
        o.max_input_tokens = max_input_tokens
    if max_new_tokens is not None:
        o.max_new_tokens = max_new_tokens
    o.score_only = 1 if score_only else 0
    return o, keep


def _result(r: ToxicResult) -> Dict[str, Any]:
    return {"is_toxic": bool(r.is_toxic), "score": r.score,
            "generated": (r.generated or b"").decode("utf-8"), "matched": bool(r.matched),
            "label": r.label}


class ToxicClassifier(Handle):
    """A T5 checkpoint fine-tuned to answer a prefixed text with a label word.

    The notebook's universal ``is_toxic``: a fine-tuned t5-small with
    ``prefix="toxic: ", labels={"yes": True, "no": False}``, or lmsys'
    checkpoint with ``prefix="ToxicChat: ", labels={"positive": True,
    "negative": False}``. None takes the checkpoint's own prefix and label
    words (what nlp training writes), else "toxic: " and yes/no.
    """

    _free = staticmethod(lib.nlp_toxic_free)

    def __init__(self, path, prefix: Optional[str] = None,
                 labels: Optional[Mapping[str, bool]] = None, device: str = "cpu",
                 max_input_tokens: Optional[int] = None, max_new_tokens: Optional[int] = None,
                 score_only: bool = False) -> None:
        super().__init__()
        o, keep = toxic_options(prefix, labels, device, max_input_tokens, max_new_tokens,
                                score_only)
        check(lib.nlp_toxic_load(path_arg(path), ctypes.byref(o), ctypes.byref(self._ptr)))
        self._keep = (o, keep)  # harmless if the library copies them

    def classify(self, text: str) -> Dict[str, Any]:
        """``{"is_toxic": bool, "score": P(toxic words) / P(all words),
        "generated": str, "matched": bool, "label": index}``."""
        data = utf8(text)
        res = ctypes.POINTER(ToxicResult)()
        check(lib.nlp_toxic_classify(self._handle(), data, len(data), ctypes.byref(res)))
        try:
            return _result(res.contents)
        finally:
            lib.nlp_toxic_result_free(res)

    def is_toxic(self, text: str) -> bool:
        """The verdict alone."""
        return self.classify(text)["is_toxic"]

    def classify_batch(self, texts: Sequence[str]) -> List[Dict[str, Any]]:
        """classify() over many texts in padded batches."""
        texts = list(texts)
        if not texts:
            return []
        arr, lens, keep = c_strings(texts)
        results = (ctypes.POINTER(ToxicResult) * len(texts))()
        check(lib.nlp_toxic_classify_batch(self._handle(), arr, lens, len(texts), results))
        try:
            return [_result(r.contents) for r in results]
        finally:
            for r in results:
                lib.nlp_toxic_result_free(r)
