"""NerModel gives the C library's entities, with code point offsets."""
import pytest

import nlp


def _model(bert_dir, aggregation="first"):
    return nlp.NerModel(bert_dir, device="cpu", aggregation=aggregation)


@pytest.mark.parametrize("key,aggregation", [("ner", "first"), ("ner_average", "average")])
def test_entities_equal_the_expected_file(expected, bert_dir, key, aggregation):
    with _model(bert_dir, aggregation) as m:
        assert m.labels == expected[key]["labels"]
        for case in expected[key]["cases"]:
            got = m.run(case["text"])
            assert got == {"text": case["text"], "entities": case["entities"]}
            for e in got["entities"]:
                assert case["text"][e["start"]:e["end"]] == e["text"]


def test_the_file_has_entities_beyond_ascii(expected):
    found = [e for c in expected["ner"]["cases"] for e in c["entities"]
             if e["byte_end"] - e["byte_start"] != e["end"] - e["start"]]
    assert found, "no multi-byte entity: the offset checks would be weak"


def test_run_batch_equals_run(expected, bert_dir):
    texts = [c["text"] for c in expected["ner"]["cases"]]
    with _model(bert_dir) as m:
        batch = m.run_batch(texts)
        single = [m.run(t) for t in texts]
        assert m.run_batch([]) == []
    # Padding in a batch changes the order of sums, not the entities.
    for b, s in zip(batch, single):
        assert b["text"] == s["text"]
        strip = [{k: v for k, v in e.items() if k != "score"} for e in b["entities"]]
        assert strip == [{k: v for k, v in e.items() if k != "score"} for e in s["entities"]]
        for eb, es in zip(b["entities"], s["entities"]):
            assert eb["score"] == pytest.approx(es["score"], rel=1e-5)


def test_tag_words_labels_each_word(bert_dir):
    with _model(bert_dir) as m:
        tags = m.tag_words(["Zoë", "lives", "in", "Zürich"])
        assert len(tags) == 4 and all(t in m.labels for t in tags)


def test_missing_checkpoint_raises_file_error_naming_it(scratch):
    with pytest.raises(nlp.FileError) as e:
        nlp.NerModel(scratch / "nothing-here")
    assert e.value.status == 3 and "nothing-here" in e.value.message


def test_t5_checkpoint_is_refused(t5_dir):
    with pytest.raises(nlp.Error) as e:
        nlp.NerModel(t5_dir)
    assert e.value.status in (4, 5) and e.value.message


def test_closed_model_raises_and_close_is_idempotent(bert_dir):
    m = _model(bert_dir)
    m.close()
    m.close()
    assert m.closed
    with pytest.raises(ValueError):
        m.run("text")


def test_bad_aggregation_and_bad_text(bert_dir):
    with pytest.raises(ValueError):
        nlp.NerModel(bert_dir, aggregation="median")
    with _model(bert_dir) as m:
        with pytest.raises(nlp.InvalidUTF8Error):
            m.run("lone \udc80 surrogate")
        with pytest.raises(TypeError):
            m.run(b"bytes")


def test_bad_device_raises_device_or_argument_error(bert_dir):
    with pytest.raises((nlp.DeviceError, nlp.InvalidArgumentError)):
        nlp.NerModel(bert_dir, device="gpu0")
