"""16 Python threads share one NerModel and one ToxicClassifier; every
result equals the serial run's (ctypes releases the GIL during each call,
so the C library really runs them at once)."""
from concurrent.futures import ThreadPoolExecutor

import nlp

THREADS = 16
CALLS = 4000


def _texts(expected):
    base = [c["text"] for c in expected["ner"]["cases"]]
    base += [c["text"] for c in expected["toxic"]["cases"]]
    extra = ["", "   ", "\U0001F600 \U0001F1EB\U0001F1F7", "M\u00fcnchen und Z\u00fcrich",
             "\x01\x1b[1mParis\x1b[0m", " ".join(base)]
    return base + extra


def test_sixteen_threads_equal_the_serial_run(expected, bert_dir, t5_dir):
    texts = _texts(expected)
    with nlp.NerModel(bert_dir, device="cpu") as ner, nlp.ToxicClassifier(t5_dir) as toxic:
        serial_ner = [ner.run(t) for t in texts]
        serial_toxic = [toxic.classify(t) for t in texts]

        def call(k):
            i = (k * 7919) % len(texts)
            if k % 2 == 0:
                return ner.run(texts[i]) == serial_ner[i]
            return toxic.classify(texts[i]) == serial_toxic[i]

        with ThreadPoolExecutor(max_workers=THREADS) as pool:
            same = list(pool.map(call, range(CALLS)))
    assert len(same) == CALLS
    assert all(same), f"{same.count(False)} of {CALLS} results differ from the serial run"
    assert sum(len(r["entities"]) for r in serial_ner) > 0
