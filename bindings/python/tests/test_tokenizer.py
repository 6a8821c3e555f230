"""Tokenizer gives the C library's ids, tokens and offsets."""
import pytest

import nlp


def _check(enc, want):
    assert enc.ids == want["ids"]
    assert enc.tokens == want["tokens"]
    assert enc.offsets == list(zip(want["start"], want["end"]))
    assert enc.byte_offsets == list(zip(want["byte_start"], want["byte_end"]))
    assert enc.word_ids == [None if w < 0 else w for w in want["word_ids"]]
    assert enc.special_tokens_mask == want["special_mask"]


@pytest.mark.parametrize("kind", ["bert", "t5"])
def test_encodings_equal_the_expected_file(expected, bert_dir, t5_dir, kind):
    want = expected["tokenizer"][kind]
    with nlp.Tokenizer(bert_dir if kind == "bert" else t5_dir) as tok:
        assert tok.kind == kind
        assert tok.vocab_size == want["vocab_size"]
        for case in want["texts"]:
            enc = tok.encode(case["text"])
            _check(enc, case)
            for (s, e), (bs, be), m in zip(enc.offsets, enc.byte_offsets, enc.special_tokens_mask):
                if not m:
                    assert case["text"][s:e].encode() == case["text"].encode()[bs:be]
        _check(tok.encode_words(want["words"]["words"]), want["words"])


def test_decode_token_lookup_and_truncation(bert_dir):
    with nlp.Tokenizer(bert_dir) as tok:
        enc = tok.encode("EU rejects German call")
        assert tok.decode(enc.ids) == "EU rejects German call"
        assert tok.token_to_id("[SEP]") == enc.ids[-1]
        assert tok.id_to_token(enc.ids[0]) == "[CLS]"
        assert tok.id_to_token(10 ** 8) is None
        short = tok.encode("EU rejects German call", max_length=3)
        assert len(short.ids) == 3 and short.truncated > 0
        assert tok.encode("EU", add_special_tokens=False).special_tokens_mask == [0]
        with pytest.raises(nlp.NotFoundError):
            tok.token_to_id("no-such-token-here")
        with pytest.raises(nlp.InvalidArgumentError):
            tok.decode([10 ** 8])
