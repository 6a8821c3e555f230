"""Fixtures: the expected-results file written by tests/bindings/expected.c
(NLP_EXPECTED), the shared fixtures (NLP_SHARED_DIR) and a scratch folder."""
import json
import os
import pathlib

import pytest


def _env_path(name):
    value = os.environ.get(name)
    if not value:
        pytest.skip(f"{name} is not set (run through ctest)")
    return pathlib.Path(value)


@pytest.fixture(scope="session")
def expected():
    with open(_env_path("NLP_EXPECTED"), encoding="utf-8") as f:
        return json.load(f)


@pytest.fixture(scope="session")
def shared():
    return _env_path("NLP_SHARED_DIR")


@pytest.fixture(scope="session")
def bert_dir(shared):
    return shared / "fixtures" / "bert-tiny-ner"


@pytest.fixture(scope="session")
def t5_dir(shared):
    return shared / "fixtures" / "t5-tiny"


@pytest.fixture
def scratch(tmp_path):
    return tmp_path
