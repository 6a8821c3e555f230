"""Training and evaluation: train_ner, train_toxic, evaluate_ner,
evaluate_toxic, score_tags."""
import ctypes
import json
import math
import os
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Union

from ._lib import (PROGRESS_CALLBACK, TRAIN_CALLBACK, ClassificationMetrics, ConllOptions,
                   EvalOptions, SeqevalOptions, TrainOptions, TrainReport, check, init_options,
                   lib, path_arg, take_string, utf8)
from .ner import NerModel
from .toxic import ToxicClassifier, toxic_options

# Callback: gets a progress dict; returning True stops the run (the call
# then raises nlp.CancelledError). An exception raised in it stops the run
# and is raised again from the training call.
Progress = Callable[[Dict[str, Any]], Optional[bool]]

_STRING_OPTIONS = {"device", "metric_for_best", "resume_from", "text_column", "label_column"}
_BALANCE = {"none": 0, "oversample": 1, "loss_weight": 2}


def _progress_dict(p) -> Dict[str, Any]:
    d = {"step": p.step, "total_steps": p.total_steps, "epoch": p.epoch, "loss": p.loss,
         "learning_rate": p.learning_rate, "evaluated": bool(p.evaluated),
         "checkpoint": p.checkpoint.decode("utf-8") if p.checkpoint else None}
    if p.evaluated:
        d.update(eval_loss=p.eval_loss, metric=p.metric,
                 metric_name=(p.metric_name or b"").decode("utf-8"))
    return d


class _Bar:
    """A tqdm bar when tqdm is installed; nothing otherwise."""

    def __init__(self) -> None:
        try:
            import tqdm  # type: ignore
        except ImportError:
            self.bar = None
        else:
            self.bar = tqdm.tqdm(unit="step")

    def __call__(self, p: Dict[str, Any]) -> None:
        if self.bar is not None:
            self.bar.total = p["total_steps"]
            self.bar.n = p["step"]
            self.bar.set_postfix(loss=f"{p['loss']:.4f}")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _callback(progress, bar_class, cfunctype, arguments):
    """(C callback or None, state, bar) for a user progress callable, or a
    tqdm bar when progress is True. The callback returns 1 (stop) when the
    user returns True or raises; the exception is kept in state["error"]
    and raised again after the call (_run)."""
    state: Dict[str, Any] = {"error": None}
    bar = bar_class() if progress is True else None
    user = bar if bar is not None else (progress or None)
    if user is None:
        return None, state, bar

    def trampoline(*args):
        try:
            return 1 if user(*arguments(*args)) else 0
        except BaseException as e:  # noqa: B902 - re-raised after the call
            state["error"] = e
            return 1
    return cfunctype(trampoline), state, bar


def _train_options(output_dir, progress: Union[Progress, bool, None], options: Dict[str, Any]):
    o = init_options(TrainOptions, "nlp_train_options")
    keep: List[Any] = []
    o.output_dir = path_arg(output_dir)
    for name, value in options.items():
        if name == "class_balance":
            value = _BALANCE[value] if isinstance(value, str) else value
        elif name in _STRING_OPTIONS:
            value = path_arg(value) if name == "resume_from" else utf8(value, name)
        elif isinstance(value, bool):
            value = int(value)
        if name in ("callback", "callback_data", "size", "output_dir") or \
                name not in dict(TrainOptions._fields_):
            raise TypeError(f"unknown training option {name!r}")
        setattr(o, name, value)
    cb, state, bar = _callback(progress, _Bar, TRAIN_CALLBACK,
                               lambda p, _data: (_progress_dict(p.contents),))
    if cb is not None:
        keep.append(cb)
        o.callback = cb
    return o, keep, state, bar


def _report(r: TrainReport) -> Dict[str, Any]:
    return {"steps": r.steps, "epochs": r.epochs, "train_loss": r.train_loss,
            "best_metric": None if math.isnan(r.best_metric) else r.best_metric,
            "best_step": None if r.best_step < 0 else r.best_step,
            "train_examples": r.train_examples, "eval_examples": r.eval_examples,
            "truncated": r.truncated, "seconds": r.seconds,
            "tokens_per_second": r.tokens_per_second}


def _run(call, state, bar) -> None:
    try:
        status = call()
    finally:
        if bar is not None:
            bar.close()
    if state["error"] is not None:
        raise state["error"]
    check(status)


def train_ner(base_dir, train_path, eval_path=None, *, output_dir,
              progress: Union[Progress, bool, None] = None, **options) -> Dict[str, Any]:
    """Fine-tune the BERT token classifier in base_dir on a CoNLL file.

    Keyword options are nlp_train_options' fields (epochs, learning_rate,
    batch_size, max_steps, max_train_examples, eval_steps, logging_steps,
    seed, ...). progress: a callable receiving a dict after every
    logging_steps steps and every evaluation (return True to cancel), or
    True for a tqdm bar when tqdm is installed. Returns the training report
    as a dict; the best model is saved in output_dir."""
    o, keep, state, bar = _train_options(output_dir, progress, options)
    r = TrainReport(size=ctypes.sizeof(TrainReport))
    ev = None if eval_path is None else path_arg(eval_path)
    _run(lambda: lib.nlp_ner_train(path_arg(base_dir), path_arg(train_path), ev,
                                   ctypes.byref(o), ctypes.byref(r)), state, bar)
    return _report(r)


def train_toxic(base_dir, train_path, eval_path=None, *, output_dir, prefix: Optional[str] = None,
                labels: Optional[Mapping[str, bool]] = None,
                progress: Union[Progress, bool, None] = None, **options) -> Dict[str, Any]:
    """Fine-tune a T5 checkpoint as a toxicity classifier on CSV or JSON
    Lines data (text_column / label_column options name the fields).
    prefix and labels as ToxicClassifier; other keywords and progress as
    train_ner."""
    mo, mkeep = toxic_options(prefix, labels)
    o, keep, state, bar = _train_options(output_dir, progress, options)
    r = TrainReport(size=ctypes.sizeof(TrainReport))
    ev = None if eval_path is None else path_arg(eval_path)
    _run(lambda: lib.nlp_toxic_train(path_arg(base_dir), path_arg(train_path), ev,
                                     ctypes.byref(mo), ctypes.byref(o), ctypes.byref(r)),
         state, bar)
    return _report(r)


def _metrics(m: ClassificationMetrics) -> Dict[str, Any]:
    return {"count": m.count, "support": m.support, "accuracy": m.accuracy,
            "precision": m.precision, "recall": m.recall, "f1": m.f1,
            "auprc": None if math.isnan(m.auprc) else m.auprc,
            "confusion": [[m.tn, m.fp], [m.fn, m.tp]]}


# Evaluation progress: called with (done, total) examples; returning True
# cancels (nlp.CancelledError); an exception raised in it stops the run and
# is raised again.
EvalProgress = Callable[[int, int], Optional[bool]]


class _EvalBar(_Bar):
    def __call__(self, done: int, total: int) -> None:  # type: ignore[override]
        if self.bar is not None:
            self.bar.total, self.bar.n = total, done
            self.bar.refresh()


def _eval_options(progress: Union[EvalProgress, bool, None], text_column, label_column,
                  max_examples: int, batch_size: int, seqeval=None):
    o = init_options(EvalOptions, "nlp_eval_options")
    keep: List[Any] = []
    if text_column is not None:
        o.text_column = utf8(text_column, "text_column")
    if label_column is not None:
        o.label_column = utf8(label_column, "label_column")
    o.max_examples = max_examples
    o.batch_size = batch_size
    if seqeval is not None:
        keep.append(seqeval)
        o.seqeval = ctypes.pointer(seqeval)
    cb, state, bar = _callback(progress, _EvalBar, PROGRESS_CALLBACK,
                               lambda done, total, _data: (done, total))
    if cb is not None:
        keep.append(cb)
        o.progress = cb
    return o, keep, state, bar


def _seqeval_options(strict: bool, scheme: str) -> SeqevalOptions:
    o = init_options(SeqevalOptions, "nlp_seqeval_options")
    o.mode = 1 if strict else 0
    sch = ctypes.c_int()
    check(lib.nlp_tag_scheme_parse(utf8(scheme, "scheme"), ctypes.byref(sch)))
    o.scheme = sch.value
    return o


def _report_json(report: ctypes.c_void_p) -> Dict[str, Any]:
    try:
        out = ctypes.c_void_p()
        check(lib.nlp_seqeval_report_json(report, ctypes.byref(out)))
        return json.loads(take_string(out.value))
    finally:
        lib.nlp_seqeval_report_free(report)


def evaluate_ner(model: Union[NerModel, str, "os.PathLike[str]"], data_path, *,
                 max_examples: int = 0, batch_size: int = 0, strict: bool = False,
                 scheme: str = "IOB2", text_column: Optional[str] = None,
                 label_column: Optional[str] = None,
                 progress: Union[EvalProgress, bool, None] = None,
                 device: str = "cpu") -> Dict[str, Any]:
    """Score a NER model (a NerModel or a checkpoint path) on a CoNLL file
    or conll2003 JSON Lines (nlp_ner_evaluate): seqeval default mode, or
    strict with scheme. progress(done, total) after every batch (return
    True to cancel), or True for a tqdm bar. Returns the report as
    nlp_seqeval_report_json's object."""
    own = not isinstance(model, NerModel)
    m = NerModel(model, device=device) if own else model
    try:
        o, keep, state, bar = _eval_options(progress, text_column, label_column, max_examples,
                                            batch_size, _seqeval_options(strict, scheme))
        report = ctypes.c_void_p()
        _run(lambda: lib.nlp_ner_evaluate(m._handle(), path_arg(data_path), ctypes.byref(o),
                                          ctypes.byref(report)), state, bar)
        return _report_json(report)
    finally:
        if own:
            m.close()


def evaluate_toxic(model: Union[ToxicClassifier, str, "os.PathLike[str]"], data_path, *,
                   prefix: Optional[str] = None, labels: Optional[Mapping[str, bool]] = None,
                   text_column: Optional[str] = None, label_column: Optional[str] = None,
                   max_examples: int = 0, batch_size: int = 0,
                   progress: Union[EvalProgress, bool, None] = None,
                   device: str = "cpu") -> Dict[str, Any]:
    """Accuracy, precision, recall, F1 (toxic class), confusion matrix and
    AUPRC of a toxicity classifier (a ToxicClassifier, or a checkpoint path
    loaded with prefix and labels) on labelled CSV / JSON Lines data
    (nlp_toxic_evaluate_model). progress as evaluate_ner."""
    own = not isinstance(model, ToxicClassifier)
    m = ToxicClassifier(model, prefix=prefix, labels=labels, device=device) if own else model
    try:
        o, keep, state, bar = _eval_options(progress, text_column, label_column, max_examples,
                                            batch_size)
        out = ClassificationMetrics(size=ctypes.sizeof(ClassificationMetrics))
        _run(lambda: lib.nlp_toxic_evaluate_model(m._handle(), path_arg(data_path),
                                                  ctypes.byref(o), ctypes.byref(out)),
             state, bar)
        return _metrics(out)
    finally:
        if own:
            m.close()


def score_tags(gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]], *,
               strict: bool = False, scheme: str = "IOB2") -> Dict[str, Any]:
    """seqeval-compatible entity scores of tag sentences (lists of lists of
    "B-PER", "O", ...), as nlp_seqeval_report_json's object."""
    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold sentences but {len(pred)} predicted")
    flat_g = [utf8(t, "gold tag") for s in gold for t in s]
    flat_p = [utf8(t, "predicted tag") for s in pred for t in s]
    for i, (g, p) in enumerate(zip(gold, pred)):
        if len(g) != len(p):
            raise ValueError(f"sentence {i}: {len(g)} gold tags but {len(p)} predicted")
    n = max(len(flat_g), 1)
    lengths = (ctypes.c_size_t * max(len(gold), 1))(*[len(s) for s in gold])
    o = _seqeval_options(strict, scheme)
    report = ctypes.c_void_p()
    check(lib.nlp_seqeval_evaluate((ctypes.c_char_p * n)(*flat_g), (ctypes.c_char_p * n)(*flat_p),
                                   lengths, len(gold), ctypes.byref(o), ctypes.byref(report)))
    return _report_json(report)


def read_conll(path) -> List[Dict[str, List[str]]]:
    """A CoNLL column file as [{"words": [...], "tags": [...]}] (IOB1 read as IOB2)."""
    o = init_options(ConllOptions, "nlp_conll_options")
    h = ctypes.c_void_p()
    check(lib.nlp_conll_read(path_arg(path), ctypes.byref(o), ctypes.byref(h)))
    try:
        words, tags = lib.nlp_conll_words(h), lib.nlp_conll_tags(h)
        lengths = lib.nlp_conll_lengths(h)
        out, k = [], 0
        for i in range(lib.nlp_conll_sentence_count(h)):
            n = lengths[i]
            out.append({"words": [words[k + j].decode("utf-8") for j in range(n)],
                        "tags": [tags[k + j].decode("utf-8") for j in range(n)]})
            k += n
        return out
    finally:
        lib.nlp_conll_free(h)
