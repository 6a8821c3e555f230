"""NER, toxicity and tokens with the nlp binding (models: the tiny random
fixtures under ../shared/fixtures; point the paths at real checkpoints)."""
import os

import nlp

fixtures = os.path.join(os.environ.get("NLP_SHARED_DIR", "../shared"), "fixtures")
text = "Mike Müller flew from Zürich to New York ."

with nlp.NerModel(os.path.join(fixtures, "bert-tiny-ner"), device="cpu") as ner:
    for e in ner.run(text)["entities"]:
        assert text[e["start"]:e["end"]] == e["text"]
        print(f'{e["class"]:4} {e["text"]!r} [{e["start"]}:{e["end"]}]')

with nlp.ToxicClassifier(os.path.join(fixtures, "t5-tiny"), prefix="toxic: ",
                         labels={"yes": True, "no": False}) as toxic:
    r = toxic.classify("You are a wonderful person")
    print("toxic:", r["is_toxic"], "score in [0, 1]:", 0.0 <= r["score"] <= 1.0)

with nlp.Tokenizer(os.path.join(fixtures, "bert-tiny-ner")) as tok:
    enc = tok.encode("Zoë in Zürich")
    print(enc.tokens)
    print(enc.offsets)

try:
    nlp.NerModel("/no/such/model")
except nlp.FileError as e:
    print("error:", e.name)
