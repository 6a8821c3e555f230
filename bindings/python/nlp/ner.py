"""Named-entity recognition with BERT token classifiers."""
import ctypes
from typing import Any, Dict, List, Optional, Sequence

from ._handle import Handle
from ._lib import NerOptions, c_strings, check, init_options, lib, path_arg, utf8

AGGREGATIONS = {"first": 0, "average": 1, "max": 2, "simple": 3, "none": 4}


def _entities(text: str, res: ctypes.c_void_p) -> Dict[str, Any]:
    out = []
    for i in range(lib.nlp_entities_count(res)):
        e = lib.nlp_entities_get(res, i).contents
        out.append({"class": e.label.decode("utf-8"), "text": e.text.decode("utf-8"),
                    "start": e.char_start, "end": e.char_end,
                    "byte_start": e.byte_start, "byte_end": e.byte_end, "score": e.score})
    return {"text": text, "entities": out}


class NerModel(Handle):
    """A BERT token classifier (BertForTokenClassification checkpoint).

    ``run(text)`` returns ``{"text": text, "entities": [{"class": "PER",
    "text": "Mike", "start": 0, "end": 4, "score": 0.98, ...}]}`` with code
    point offsets: ``text[e["start"]:e["end"]] == e["text"]``. One model may
    serve several threads at once.

    aggregation: "first" (the first subword labels the word), "average",
    "max", "simple" (tokens grouped by their own labels) or "none" (one
    entity per token not labelled O), as Hugging Face names them. batch_size, max_length, stride: as nlp_ner_options (None keeps
    the library's default).
    """

    _free = staticmethod(lib.nlp_ner_free)

    def __init__(self, path, device: str = "cpu", aggregation: str = "first",
                 batch_size: Optional[int] = None, max_length: Optional[int] = None,
                 stride: Optional[int] = None) -> None:
        super().__init__()
        if aggregation not in AGGREGATIONS:
            raise ValueError(f"aggregation must be one of {sorted(AGGREGATIONS)}, "
                             f"not {aggregation!r}")
        o = init_options(NerOptions, "nlp_ner_options")
        o.device = utf8(device, "device")
        o.aggregation = AGGREGATIONS[aggregation]
        for name, value in (("batch_size", batch_size), ("max_length", max_length),
                            ("stride", stride)):
            if value is not None:
                setattr(o, name, value)
        check(lib.nlp_ner_load(path_arg(path), ctypes.byref(o), ctypes.byref(self._ptr)))
        names = ctypes.POINTER(ctypes.c_char_p)()
        count = ctypes.c_size_t()
        check(lib.nlp_ner_labels(self._ptr, ctypes.byref(names), ctypes.byref(count)))
        self._labels = [names[i].decode("utf-8") for i in range(count.value)]

    @property
    def labels(self) -> List[str]:
        """The class names in id2label order ("O", "B-PER", ...)."""
        return list(self._labels)

    def run(self, text: str) -> Dict[str, Any]:
        """The entities of one text."""
        data = utf8(text)
        res = ctypes.c_void_p()
        check(lib.nlp_ner_run(self._handle(), data, len(data), ctypes.byref(res)))
        try:
            return _entities(text, res)
        finally:
            lib.nlp_entities_free(res)

    __call__ = run

    def run_batch(self, texts: Sequence[str]) -> List[Dict[str, Any]]:
        """run() over many texts at once (windows batched by length)."""
        texts = list(texts)
        if not texts:
            return []
        arr, lens, keep = c_strings(texts)
        results = (ctypes.c_void_p * len(texts))()
        check(lib.nlp_ner_run_batch(self._handle(), arr, lens, len(texts), results))
        try:
            return [_entities(t, ctypes.c_void_p(results[i])) for i, t in enumerate(texts)]
        finally:
            for r in results:
                lib.nlp_entities_free(r)

    def tag_words(self, words: Sequence[str]) -> List[str]:
        """One raw label per pre-split word (CoNLL style, no BIO repair)."""
        words = list(words)
        if not words:
            return []
        arr, lens, keep = c_strings(words)
        labels = (ctypes.c_char_p * len(words))()
        check(lib.nlp_ner_tag_words(self._handle(), arr, lens, len(words), labels))
        return [s.decode("utf-8") for s in labels]
