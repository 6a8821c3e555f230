"""Checkpoint info, devices, errors."""
import pytest

import nlp


def test_checkpoint_info(bert_dir):
    info = nlp.checkpoint_info(bert_dir)
    assert info["model_type"] == "bert" and info["labels"][0] == "O"


def test_device_check():
    assert nlp.device_check("cpu") == "cpu"
    with pytest.raises(nlp.InvalidArgumentError) as e:
        nlp.device_check("gpu0")
    assert e.value.status == 1 and e.value.name == "NLP_ERR_INVALID_ARG"
    assert isinstance(e.value, ValueError) and isinstance(e.value, nlp.Error)


def test_set_num_threads():
    nlp.set_num_threads(0)
    with pytest.raises(nlp.InvalidArgumentError):
        nlp.set_num_threads(-1)


def test_help_is_useful():
    assert 'text[e["start"]:e["end"]] == e["text"]' in nlp.NerModel.__doc__
    assert nlp.ToxicClassifier.is_toxic.__doc__
