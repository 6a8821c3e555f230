"""ToxicClassifier gives the C library's verdicts and scores."""
import pytest

import nlp


def test_classify_equals_the_expected_file(expected, t5_dir):
    with nlp.ToxicClassifier(t5_dir, prefix=expected["toxic"]["prefix"]) as m:
        for case in expected["toxic"]["cases"]:
            r = m.classify(case["text"])
            want = {k: case[k] for k in ("is_toxic", "matched", "score", "generated", "label")}
            assert r == want
            assert m.is_toxic(case["text"]) is case["is_toxic"]


def test_explicit_labels_equal_the_defaults(expected, t5_dir):
    case = expected["toxic"]["cases"][0]
    with nlp.ToxicClassifier(t5_dir, prefix="toxic: ", labels={"yes": True, "no": False}) as m:
        assert m.classify(case["text"])["score"] == case["score"]


def test_batch_gives_the_same_verdicts(expected, t5_dir):
    texts = [c["text"] for c in expected["toxic"]["cases"]]
    with nlp.ToxicClassifier(t5_dir) as m:
        batch = m.classify_batch(texts)
        for got, case in zip(batch, expected["toxic"]["cases"]):
            assert got["is_toxic"] == case["is_toxic"]
            assert got["generated"] == case["generated"]
            assert got["score"] == pytest.approx(case["score"], rel=1e-5, abs=1e-7)


def test_unknown_label_word_is_refused_by_name(t5_dir):
    with pytest.raises(nlp.InvalidArgumentError) as e:
        nlp.ToxicClassifier(t5_dir, labels={"yes": True, "{}": False})
    assert "{}" in e.value.message
