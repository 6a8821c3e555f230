#!/usr/bin/python3
"""Write the fuzz targets' seed corpora (tests/fuzz/corpus/<target>/) from
synthetic inputs only: made-up sentences, tiny hand-built vocabularies,
checkpoint configs, safetensors files, SentencePiece protobufs and pickles
built here byte by byte. Nothing is copied from a data set or a model.

  scripts/fuzz-seeds.py [--out DIR]   write the seeds (default tests/fuzz/corpus)
  scripts/fuzz-seeds.py --check DIR   exit 1 unless DIR holds exactly these seeds

The seeds are checked in; ctest runs --check so they never drift from this
script, and replays every seed through every target (docs/robustness.md).
"""
import argparse
import base64
import collections
import filecmp
import io
import json
import os
import pickle
import struct
import sys
import tempfile
import types

SENTENCES = [
    "Alice Moreau flew from Lyon to Oslo with Northwind Air on Monday.",
    "Dr. Kwame Mensah joined the Blue River Institute in 2021.",
    "Zo\u00eb lives in Z\u00fcrich and works for Grau & S\u00f6hne AG.",
    "\u4e2d\u6587 \u6d4b\u8bd5 caf\u00e9 na\u00efve \U0001F44D\U0001F3FD \u2460 \uff28ello",
    "u\u0308\u0301 \u1109\u1165\u11af \u2581\u2581 tab\there\r\nnew line",
    "",
    "   ",
    "a" * 300,
    "Bob" + " and Bob" * 40 + ".",
]

TOXIC = [
    "toxic: you are a wonderful person",
    "Tell me how to bake bread.",
    "\u00bfD\u00f3nde est\u00e1 la estaci\u00f3n?",
]


def utf8(s):
    return s.encode("utf-8")


# ---- tokenizers --------------------------------------------------------------

VOCAB = ["[PAD]", "[unused1]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "!", ",", ".", "&",
         "a", "b", "c", "e", "the", "in", "and", "to", "for", "with", "Alice", "Bob",
         "Lyon", "Oslo", "air", "##s", "##ing", "##e", "##a", "##b", "##\u00eb", "Z",
         "##o", "##\u00fc", "##rich", "un", "##aff", "##able", "\u4e2d", "\u6587", "caf",
         "##\u00e9", "Hello", "World", "##x", "#"]


def tokenizer_bert(mode, text):
    return bytes([mode]) + utf8(text)


def vocab_txt():
    base = "\n".join(VOCAB) + "\n"
    return [
        ("cased.txt", utf8(base)),
        ("lower.txt", utf8(base.lower())),
        ("crlf_bom.txt", b"\xef\xbb\xbf" + utf8(base.replace("\n", "\r\n"))),
        ("duplicate.txt", utf8("[PAD]\n[UNK]\n[CLS]\n[SEP]\na\na\n")),
        ("blank_lines.txt", utf8("[PAD]\n\n[UNK]\n \n[CLS]\n[SEP]\n")),
        ("no_specials.txt", utf8("a\nb\n##c\n")),
    ]


def wordpiece_json(lowercase, extra=None):
    doc = {
        "version": "1.0",
        "added_tokens": [{"id": i, "content": t, "special": True}
                         for i, t in enumerate(VOCAB) if t.startswith("[")],
        "normalizer": {"type": "BertNormalizer", "clean_text": True,
                       "handle_chinese_chars": True, "strip_accents": None,
                       "lowercase": lowercase},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "model": {"type": "WordPiece", "unk_token": "[UNK]",
                  "continuing_subword_prefix": "##", "max_input_chars_per_word": 100,
                  "vocab": {t: i for i, t in enumerate(VOCAB)}},
    }
    if extra:
        extra(doc)
    return utf8(json.dumps(doc, ensure_ascii=False, indent=1))


PIECES = [("<pad>", 0.0, 3), ("</s>", 0.0, 3), ("<unk>", 0.0, 2), ("\u2581", -2.0, 1),
          ("\u2581the", -3.0, 1), ("\u2581a", -3.5, 1), ("s", -4.0, 1), ("e", -4.1, 1),
          ("a", -4.2, 1), ("\u2581Alice", -6.0, 1), ("\u2581to", -5.0, 1), ("o", -4.3, 1),
          ("l", -4.4, 1), ("H", -5.5, 1), ("1", -5.6, 1), ("ic", -6.5, 1), ("tox", -7.0, 1),
          (":", -5.0, 1), ("\u2581yes", -6.0, 1), ("\u2581no", -6.0, 1),
          ("\u00e9", -8.0, 1), ("<extra_id_0>", 0.0, 4)]


def charsmap(mappings):
    """sentencepiece's precompiled charsmap: a darts-clone double array of
    byte keys (each key its own chain) and the NUL-separated replacements."""
    units = {}
    root_base = 0x100
    units[0] = root_base << 10
    fresh = [0x200]

    def alloc():
        fresh[0] += 1
        return fresh[0] - 1

    blob = b""
    for key, rep in mappings:
        value = len(blob)
        blob += utf8(rep) + b"\0"
        pos = root_base ^ key[0]
        for i, byte in enumerate(key):
            last = i + 1 == len(key)
            nxt = alloc()
            base = nxt if last else nxt ^ key[i + 1]
            units[pos] = ((pos ^ base) << 10) | (int(last) << 8) | byte
            if last:
                units[nxt] = value
            pos = nxt
    n = max(units) + 1
    trie = b"".join(struct.pack("<I", units.get(i, 0)) for i in range(n))
    return struct.pack("<I", len(trie)) + trie + blob


CHARSMAP = charsmap([(utf8("\uff28"), "H"), (utf8("\u2460"), "1"), (b"\t", " "),
                     (utf8("\u00e9"), "e\u0301")])


def unigram_json(with_charsmap, older_layout=False):
    model = {"type": "Unigram", "unk_id": 2, "vocab": [[p, s] for p, s, _ in PIECES]}
    if older_layout:
        del model["type"]
    doc = {
        "version": "1.0",
        "added_tokens": [{"id": i, "content": p, "special": True}
                         for i, (p, _, t) in enumerate(PIECES) if t in (2, 3, 4)],
        "normalizer": ({"type": "Precompiled",
                        "precompiled_charsmap": base64.b64encode(CHARSMAP).decode()}
                       if with_charsmap else None),
        "pre_tokenizer": {"type": "Metaspace", "replacement": "\u2581",
                          "add_prefix_space": True},
        "model": model,
    }
    return utf8(json.dumps(doc, ensure_ascii=False, indent=1))


def pb_varint(v):
    out = b""
    while True:
        b = v & 0x7F
        v >>= 7
        if v:
            out += bytes([b | 0x80])
        else:
            return out + bytes([b])


def pb_field(num, wt, payload):
    key = pb_varint(num << 3 | wt)
    if wt == 0:
        return key + pb_varint(payload)
    if wt == 5:
        return key + payload
    return key + pb_varint(len(payload)) + payload


def spiece(with_charsmap, pieces=PIECES):
    out = b""
    for p, s, t in pieces:
        sp = pb_field(1, 2, utf8(p)) + pb_field(2, 5, struct.pack("<f", s)) + pb_field(3, 0, t)
        out += pb_field(1, 2, sp)
    out += pb_field(2, 2, pb_field(1, 2, b"unigram") + pb_field(40, 0, 1))  # trainer_spec
    norm = pb_field(1, 2, b"nmt_nfkc")
    if with_charsmap:
        norm += pb_field(2, 2, CHARSMAP)
    out += pb_field(3, 2, norm + pb_field(3, 0, 1))
    return out


# ---- checkpoint files --------------------------------------------------------

def bert_config(**changes):
    c = {"architectures": ["BertForTokenClassification"], "model_type": "bert",
         "vocab_size": len(VOCAB), "hidden_size": 8, "num_hidden_layers": 1,
         "num_attention_heads": 2, "intermediate_size": 16, "max_position_embeddings": 32,
         "type_vocab_size": 2, "hidden_act": "gelu", "layer_norm_eps": 1e-12,
         "id2label": {"0": "O", "1": "B-PER", "2": "I-PER", "3": "B-LOC", "4": "I-LOC"},
         "label2id": {"O": 0, "B-PER": 1, "I-PER": 2, "B-LOC": 3, "I-LOC": 4}}
    c.update(changes)
    return {k: v for k, v in c.items() if v is not None}


def t5_config(**changes):
    c = {"architectures": ["T5ForConditionalGeneration"], "model_type": "t5",
         "vocab_size": len(PIECES), "d_model": 8, "d_kv": 4, "d_ff": 16, "num_layers": 1,
         "num_decoder_layers": 1, "num_heads": 2, "relative_attention_num_buckets": 8,
         "relative_attention_max_distance": 16, "feed_forward_proj": "gated-gelu",
         "tie_word_embeddings": False, "decoder_start_token_id": 0, "eos_token_id": 1,
         "task_specific_params": {"toxic": {"prefix": "toxic: ", "label_words": [
             {"word": "yes", "toxic": True}, {"word": "no", "toxic": False}]}}}
    c.update(changes)
    return {k: v for k, v in c.items() if v is not None}


def hf_config():
    tc_bert = {"do_lower_case": False, "strip_accents": None, "model_max_length": 512,
               "tokenize_chinese_chars": True}
    tc_t5 = {"model_max_length": 1e30, "extra_ids": 1}

    def pair(config, tc=None):
        b = utf8(json.dumps(config, indent=1))
        return b if tc is None else b + b"\xff" + utf8(json.dumps(tc))
    return [
        ("bert.json", pair(bert_config(), tc_bert)),
        ("bert_label2id_only.json", pair(bert_config(id2label=None))),
        ("bert_no_labels.json", pair(bert_config(id2label=None, label2id=None,
                                                 architectures=None), {})),
        ("bert_gap.json", pair(bert_config(id2label={"0": "O", "2": "B-PER"}))),
        ("t5.json", pair(t5_config(), tc_t5)),
        ("t5_relu.json", pair(t5_config(feed_forward_proj="relu", tie_word_embeddings=None,
                                        task_specific_params=None))),
        ("other_model.json", pair({"model_type": "gpt2"})),
        ("not_object.json", b"[1, 2, 3]"),
    ]


DTYPES = {"F32": ("<f", 4), "I64": ("<q", 8), "I32": ("<i", 4), "F16": (None, 2),
          "BF16": (None, 2), "U8": ("<B", 1), "BOOL": (None, 1), "I8": ("<b", 1)}


def safetensors(tensors, metadata=None, header_extra=None, pad_to=8):
    header, data = {}, b""
    for name, dtype, shape in tensors:
        n = 1
        for d in shape:
            n *= d
        size = n * DTYPES[dtype][1]
        header[name] = {"dtype": dtype, "shape": shape,
                        "data_offsets": [len(data), len(data) + size]}
        data += bytes((i * 7 + 1) & 0xFF for i in range(size))
    if metadata is not None:
        header["__metadata__"] = metadata
    if header_extra:
        header.update(header_extra)
    h = utf8(json.dumps(header))
    h += b" " * (-len(h) % pad_to)
    return struct.pack("<Q", len(h)) + h + data


def safetensors_seeds():
    return [
        ("two.safetensors", safetensors([("w", "F32", [2, 3]), ("b", "F32", [3])],
                                        {"format": "pt"})),
        ("dtypes.safetensors", safetensors([(d.lower(), d, [2, 2]) for d in DTYPES])),
        ("scalar_empty.safetensors", safetensors([("s", "I64", []), ("e", "F32", [0, 4])])),
        ("no_tensors.safetensors", safetensors([], {"format": "pt", "k": "v"})),
        ("overlap.safetensors", safetensors([("a", "U8", [4])], None,
                                            {"b": {"dtype": "U8", "shape": [2],
                                                   "data_offsets": [2, 4]}})),
        ("truncated.safetensors", safetensors([("w", "F32", [4, 4])])[:-9]),
        ("huge_header.safetensors", struct.pack("<Q", 1 << 40) + b"{}"),
    ]


# ---- data files --------------------------------------------------------------

def conll_seeds():
    doc = ("-DOCSTART- -X- -X- O\n\n"
           "Alice NNP B-NP B-PER\nMoreau NNP I-NP I-PER\nflew VBD B-VP O\n"
           "to TO B-PP O\nOslo NNP B-NP B-LOC\n. . O O\n\n"
           "Northwind NNP B-NP B-ORG\nAir NNP I-NP I-ORG\nis VBZ B-VP O\n"
           "Zo\u00eb NNP B-NP I-PER\n\n")
    two_col = "Bob B-PER\nsaid O\nhi O\n\nin O\nR\u00edo I-LOC\n"
    return [
        ("doc_last.conll", bytes([0]) + utf8(doc)),
        ("doc_iob1_fixed.conll", bytes([4 | 8]) + utf8(doc)),
        ("two_columns_col1.conll", bytes([2]) + utf8(two_col)),
        ("crlf_bom.conll", bytes([0]) + b"\xef\xbb\xbf" + utf8(two_col.replace("\n", "\r\n"))),
        ("ragged.conll", bytes([3]) + utf8("a b c B-PER\nd O\n\ne f g h I-LOC\n")),
        ("bad_tag.conll", bytes([8]) + utf8("Bob B-FOO\n")),
        ("tabs.conll", bytes([0]) + utf8("Bob\tB-PER\nx\tO\n")),
    ]


def jsonl_ner_seeds():
    rows = [{"id": "0", "tokens": ["Alice", "flew", "to", "Oslo", "."],
             "ner_tags": [1, 0, 0, 5, 0]},
            {"id": "1", "tokens": ["Zo\u00eb", "Grau"], "ner_tags": [1, 2]},
            {"id": "2", "tokens": [], "ner_tags": []}]
    named = [{"words": ["Bob", "in", "Lyon"], "tags": ["B-PER", "O", "B-LOC"]},
             {"words": ["Acme"], "tags": ["I-ORG"]}]
    lines = lambda rs: utf8("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rs))
    return [
        ("int_tags.jsonl", bytes([1]) + lines(rows)),
        ("int_tags_fixed.jsonl", bytes([1 | 2]) + lines(rows)),
        ("named_fields.jsonl", bytes([4]) + lines(named)),
        ("named_iob1.jsonl", bytes([4 | 8 | 2]) + lines(named)),
        ("int_without_names.jsonl", bytes([0]) + lines(rows[:1])),
        ("length_mismatch.jsonl", bytes([1]) + lines([{"tokens": ["a"], "ner_tags": [0, 1]}])),
        ("blank_and_crlf.jsonl", bytes([5]) + b"\r\n" + lines(named).replace(b"\n", b"\r\n")),
    ]


def text_data_seeds():
    csv = ("text,label\n\"Hello, world\",0\n\"You \"\"fool\"\"\",1\nplain,true\n"
           "\"multi\nline\",FALSE\n")
    toxic = "conv_id,user_input,model_output,toxicity\nx1,%s,ok,0\nx2,\"%s\",ok,1\n" % (
        TOXIC[1], TOXIC[2])
    jsonl = "".join(json.dumps({"text": t, "label": i % 2}, ensure_ascii=False) + "\n"
                    for i, t in enumerate(TOXIC))
    jsonl_named = "".join(json.dumps({"user_input": t, "toxicity": True}) + "\n"
                          for t in TOXIC[:2])
    return [
        ("plain.csv", bytes([0]) + utf8(csv)),
        ("named.csv", bytes([0 | 4]) + utf8(toxic)),
        ("detect.csv", bytes([2]) + b"\xef\xbb\xbf" + utf8(csv.replace("\n", "\r\n"))),
        ("ragged.csv", bytes([0]) + utf8("text,label\na,0,extra\nb\n")),
        ("unterminated.csv", bytes([0]) + utf8("text,label\n\"open,1\n")),
        ("plain.jsonl", bytes([1]) + utf8(jsonl)),
        ("named.jsonl", bytes([1 | 4]) + utf8(jsonl_named)),
        ("detect.jsonl", bytes([3]) + utf8(jsonl)),
        ("bad_label.jsonl", bytes([1]) + utf8('{"text": "x", "label": 2}\n')),
    ]


# ---- pickle (pytorch_model.bin's data.pkl) -----------------------------------

class _Storage:
    """Stands for a torch storage: pickled as a persistent id, as torch.save does."""

    def __init__(self, type_name, key, numel):
        self.type_name, self.key, self.numel = type_name, key, numel


def _torch_modules():
    """Fake torch and torch._utils modules, so pickle writes torch.save's GLOBALs."""
    torch = types.ModuleType("torch")
    utils = types.ModuleType("torch._utils")
    for name in ("_rebuild_tensor_v2", "_rebuild_parameter"):
        fn = lambda *a: None
        fn.__module__, fn.__name__, fn.__qualname__ = "torch._utils", name, name
        setattr(utils, name, fn)
    for name in ("FloatStorage", "LongStorage", "HalfStorage", "BoolStorage"):
        setattr(torch, name, type(name, (), {"__module__": "torch"}))
    fake_os = types.ModuleType("os")  # pickled as the GLOBAL os.system, never called
    fn = lambda *a: None
    fn.__module__, fn.__name__, fn.__qualname__ = "os", "system", "system"
    fake_os.system = fn
    return torch, utils, fake_os


TORCH, TORCH_UTILS, FAKE_OS = _torch_modules()


class _Tensor:
    def __init__(self, storage, offset, size, stride, parameter=False):
        self.args = (storage, offset, tuple(size), tuple(stride), False,
                     collections.OrderedDict())
        self.parameter = parameter

    def __reduce__(self):
        t = (TORCH_UTILS._rebuild_tensor_v2, self.args)
        if self.parameter:
            return (TORCH_UTILS._rebuild_parameter, (_Rebuilt(t), False,
                                                     collections.OrderedDict()))
        return t


class _Rebuilt:
    def __init__(self, reduced):
        self.reduced = reduced

    def __reduce__(self):
        return self.reduced


class _Call:
    """A call of an arbitrary global: what the reader must refuse."""

    def __reduce__(self):
        return (FAKE_OS.system, ("true",))


class _Pickler(pickle.Pickler):
    def persistent_id(self, obj):
        if isinstance(obj, _Storage):
            return ("storage", getattr(TORCH, obj.type_name), obj.key, "cpu", obj.numel)
        return None


def data_pkl(root, protocol=2):
    fakes = {"torch": TORCH, "torch._utils": TORCH_UTILS, "os": FAKE_OS}
    saved = {m: sys.modules.get(m) for m in fakes}
    sys.modules.update(fakes)
    try:
        buf = io.BytesIO()
        _Pickler(buf, protocol=protocol).dump(root)
        return buf.getvalue()
    finally:
        for m, v in saved.items():
            if v is None:
                sys.modules.pop(m, None)
            else:
                sys.modules[m] = v


def pickle_seeds():
    f0, f1 = _Storage("FloatStorage", "0", 16), _Storage("FloatStorage", "1", 16)
    l2 = _Storage("LongStorage", "2", 8)
    sd = collections.OrderedDict()
    sd["bert.embeddings.word_embeddings.weight"] = _Tensor(f0, 0, [4, 4], [4, 1])
    sd["bert.pooler.dense.bias"] = _Tensor(f0, 12, [4], [1])          # shares storage 0
    sd["classifier.weight"] = _Tensor(f1, 1, [3, 2], [1, 3])          # strided view
    sd["position_ids"] = _Tensor(l2, 0, [1, 8], [8, 1])
    sd["scalar"] = _Tensor(f1, 5, [], [])
    sd["empty"] = _Tensor(f1, 0, [0, 4], [4, 1])
    sd._metadata = collections.OrderedDict({"": {"version": 1}})
    small = collections.OrderedDict(w=_Tensor(f0, 0, [2, 2], [2, 1]))
    param = collections.OrderedDict(p=_Tensor(f1, 0, [16], [1], parameter=True))
    past_end = collections.OrderedDict(w=_Tensor(f0, 10, [2, 4], [4, 1]))
    return [
        ("state_dict_p2.pkl", data_pkl(sd, 2)),
        ("state_dict_p4.pkl", data_pkl(sd, 4)),
        ("small_p5.pkl", data_pkl(small, 5)),
        ("parameter.pkl", data_pkl(param, 2)),
        ("past_end.pkl", data_pkl(past_end, 2)),
        ("calls_os_system.pkl", data_pkl(collections.OrderedDict(x=_Call()), 2)),
        ("plain_list.pkl", data_pkl([1, 2.5, "three", None, True, (1, 2), {"k": b"v"}], 2)),
    ]


# ---- the public API on the fixture models ------------------------------------

def text_seeds(texts):
    return [("text%02d.txt" % i, utf8(t)) for i, t in enumerate(texts)] + [
        ("invalid_utf8.txt", b"ok \xc3\x28 \xed\xa0\x80 \xff"),
        ("nul_bytes.txt", b"Alice\0Bob \0"),
        ("controls.txt", bytes(range(1, 32)) + b"\x7f"),
    ]


def seeds():
    bert_texts = SENTENCES
    return {
        "fuzz_safetensors": safetensors_seeds(),
        "fuzz_hf_config": hf_config(),
        "fuzz_vocab_txt": vocab_txt(),
        "fuzz_tokenizer_json": [
            ("wordpiece_cased.json", wordpiece_json(False)),
            ("wordpiece_lower.json", wordpiece_json(True)),
            ("wordpiece_no_type.json", wordpiece_json(True, lambda d: d["model"].pop("type"))),
            ("unigram.json", unigram_json(True)),
            ("unigram_plain.json", unigram_json(False)),
            ("unigram_older_layout.json", unigram_json(False, older_layout=True)),
            ("bpe.json", utf8(json.dumps({"model": {"type": "BPE", "vocab": {}}}))),
        ],
        "fuzz_spiece_t5": [
            ("charsmap.model", spiece(True)),
            ("plain.model", spiece(False)),
            ("no_eos.model", spiece(False, [p for p in PIECES if p[0] != "</s>"])),
        ],
        "fuzz_tokenizer_bert": [("m%d_%02d.txt" % (m, i), tokenizer_bert(m, t))
                                for i, t in enumerate(bert_texts) for m in (0, 1)] + [
            ("words.txt", tokenizer_bert(4, "Alice\nMoreau\n\nZo\u00eb\n\U0001F44D")),
            ("truncate.txt", tokenizer_bert(2 | (3 << 3), SENTENCES[0])),
        ],
        "fuzz_tokenizer_t5": [("text%02d.txt" % i, b"\0" + utf8(t))
                              for i, t in enumerate(SENTENCES + TOXIC)] + [
            ("words.txt", b"\1" + utf8("Alice\nflew\n\n\u2581to\n\U0001F44D")),
            ("words_invalid.txt", b"\1ok\n\xc3\x28"),
        ],
        "fuzz_conll": conll_seeds(),
        "fuzz_jsonl_ner": jsonl_ner_seeds(),
        "fuzz_text_data": text_data_seeds(),
        "fuzz_pickle": pickle_seeds(),
        "fuzz_ner_run": text_seeds(SENTENCES),
        "fuzz_toxic_classify": text_seeds(TOXIC + SENTENCES[:4]),
    }


def write(out):
    for target, files in seeds().items():
        d = os.path.join(out, target)
        os.makedirs(d, exist_ok=True)
        for name, data in files:
            with open(os.path.join(d, name), "wb") as f:
                f.write(data)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.join(here, "..", "tests", "fuzz", "corpus"))
    ap.add_argument("--check", metavar="DIR")
    args = ap.parse_args()
    if not args.check:
        write(args.out)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        write(tmp)
        bad = []
        for target in sorted(os.listdir(tmp)):
            cmp = filecmp.dircmp(os.path.join(tmp, target), os.path.join(args.check, target))
            bad += ["%s/%s differs" % (target, n) for n in cmp.diff_files]
            bad += ["%s/%s missing" % (target, n) for n in cmp.left_only]
            bad += ["%s/%s not made by this script" % (target, n) for n in cmp.right_only]
        for line in bad:
            print("fuzz-seeds: %s: %s" % (args.check, line), file=sys.stderr)
        return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
