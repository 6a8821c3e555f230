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


def test_evaluate_ner_reports_progress_and_equals_score_tags(shared, bert_dir):
    valid = shared / "data" / "conll2003" / "valid.txt"
    seen = []
    r = nlp.evaluate_ner(bert_dir, valid, max_examples=20, batch_size=8,
                         progress=lambda d, t: seen.append((d, t)))
    assert seen and seen[-1] == (20, 20)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    # The same scores as tagging the words here and scoring with score_tags.
    sentences = nlp.read_conll(valid)[:20]
    with nlp.NerModel(bert_dir) as m:
        pred = [m.tag_words(s["words"]) for s in sentences]
    assert r == nlp.score_tags([s["tags"] for s in sentences], pred)


def test_evaluation_cancel_and_callback_errors(shared, bert_dir, t5_dir):
    valid = shared / "data" / "conll2003" / "valid.txt"
    with pytest.raises(nlp.CancelledError):
        nlp.evaluate_ner(bert_dir, valid, max_examples=20, batch_size=8, progress=lambda d, t: True)
    with pytest.raises(ZeroDivisionError):
        nlp.evaluate_ner(bert_dir, valid, max_examples=20, progress=lambda d, t: 1 / 0)
    data = shared / "data" / "toxic-chat" / "toxicchat0124-human" / "test.jsonl"
    with nlp.ToxicClassifier(t5_dir) as m:
        with pytest.raises(nlp.CancelledError):
            nlp.evaluate_toxic(m, data, max_examples=8, progress=lambda d, t: True)


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
