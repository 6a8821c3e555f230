"""Training and evaluation, a few steps on the fixtures."""
import math

import pytest

import nlp


def _ner_run(shared, out, **kw):
    args = dict(max_steps=2, batch_size=8, max_train_examples=16, max_eval_examples=8,
                eval_steps=1, logging_steps=1, seed=7, learning_rate=1e-3)
    args.update(kw)
    return nlp.train_ner(shared / "fixtures" / "bert-tiny-ner",
                         shared / "data" / "conll2003" / "train.txt",
                         shared / "data" / "conll2003" / "valid.txt", output_dir=out, **args)


def test_train_ner_reports_progress_and_saves_a_loadable_model(shared, scratch):
    seen = []
    report = _ner_run(shared, scratch / "ner", progress=seen.append)
    assert report["steps"] == 2 and report["train_examples"] == 16
    assert any(p["evaluated"] and p["metric_name"] == "overall_f1" for p in seen)
    assert [p["step"] for p in seen if not p["evaluated"]][:2] == [1, 2]
    with nlp.NerModel(scratch / "ner") as m:
        assert m.labels[0] == "O"


def test_train_ner_cancel_from_the_callback(shared, scratch):
    calls = []
    with pytest.raises(nlp.CancelledError):
        _ner_run(shared, scratch / "cancel", progress=lambda p: calls.append(p) or True)
    assert len(calls) == 1


def test_exception_in_the_callback_is_raised_again(shared, scratch):
    def boom(p):
        raise KeyError("from the callback")
    with pytest.raises(KeyError):
        _ner_run(shared, scratch / "boom", progress=boom)


def test_bad_training_option(shared, scratch):
    with pytest.raises(TypeError):
        _ner_run(shared, scratch / "x", no_such_option=1)
    with pytest.raises(nlp.InvalidArgumentError):
        _ner_run(shared, scratch / "y", batch_size=0)


def test_train_toxic_then_evaluate(shared, t5_dir, scratch):
    data = shared / "data" / "toxic-chat" / "toxicchat0124-human"
    seen = []
    report = nlp.train_toxic(t5_dir, data / "train.csv", data / "test.jsonl",
                             output_dir=scratch / "toxic", prefix="toxic: ",
                             labels={"yes": True, "no": False}, max_steps=2, batch_size=4,
                             max_train_examples=8, max_eval_examples=8, logging_steps=1,
                             max_length=32, progress=seen.append)
    assert report["steps"] == 2 and seen
    metrics = nlp.evaluate_toxic(scratch / "toxic", data / "test.jsonl", max_examples=8)
    assert metrics["count"] == 8
    assert sum(map(sum, metrics["confusion"])) == 8
    assert 0.0 <= metrics["accuracy"] <= 1.0


def test_evaluate_ner_scores_the_fixture(shared, bert_dir):
    r = nlp.evaluate_ner(bert_dir, shared / "data" / "conll2003" / "valid.txt",
                         max_sentences=20)
    assert isinstance(r, dict) and r


def test_score_tags_is_seqeval():
    r = nlp.score_tags([["B-PER", "I-PER", "O"], ["B-LOC"]], [["B-PER", "I-PER", "O"], ["O"]])
    flat = repr(r)
    assert "PER" in flat and "LOC" in flat
    with pytest.raises(nlp.InvalidArgumentError):
        nlp.score_tags([["E-PER"]], [["O"]], strict=True)


def test_missing_data_file_names_it(shared, scratch):
    with pytest.raises(nlp.FileError) as e:
        nlp.train_ner(shared / "fixtures" / "bert-tiny-ner", scratch / "none.txt",
                      output_dir=scratch / "o", max_steps=1)
    assert "none.txt" in e.value.message
    assert math.isfinite(1.0)
