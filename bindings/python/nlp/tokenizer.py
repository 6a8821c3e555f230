"""Tokenizer: BERT WordPiece and T5 SentencePiece, with offsets."""
import ctypes
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

from ._handle import Handle
from ._lib import EncodeOptions, c_strings, check, init_options, lib, path_arg, take_string, utf8


@dataclass
class Encoding:
    """The tokens of one text. ``offsets`` are code point spans of the input
    (``text[start:end]``), ``byte_offsets`` the same spans in UTF-8 bytes;
    added special tokens have the span (0, 0) and word id None."""

    ids: List[int]
    tokens: List[str]
    offsets: List[Tuple[int, int]]
    byte_offsets: List[Tuple[int, int]]
    word_ids: List[Optional[int]]
    special_tokens_mask: List[int]
    truncated: int


def _encoding(enc: ctypes.c_void_p) -> Encoding:
    n = lib.nlp_encoding_count(enc)
    ids = lib.nlp_encoding_ids(enc)
    toks = lib.nlp_encoding_tokens(enc)
    tlen = lib.nlp_encoding_token_lengths(enc)
    bs, be = lib.nlp_encoding_byte_starts(enc), lib.nlp_encoding_byte_ends(enc)
    cs, ce = lib.nlp_encoding_char_starts(enc), lib.nlp_encoding_char_ends(enc)
    wid, special = lib.nlp_encoding_word_ids(enc), lib.nlp_encoding_special_mask(enc)
    return Encoding(
        ids=[ids[i] for i in range(n)],
        tokens=[ctypes.string_at(toks[i], tlen[i]).decode("utf-8") for i in range(n)],
        offsets=[(cs[i], ce[i]) for i in range(n)],
        byte_offsets=[(bs[i], be[i]) for i in range(n)],
        word_ids=[wid[i] if wid[i] >= 0 else None for i in range(n)],
        special_tokens_mask=[special[i] for i in range(n)],
        truncated=lib.nlp_encoding_truncated(enc))


class Tokenizer(Handle):
    """The tokenizer of a Hugging Face checkpoint directory (or one
    tokenizer file), exactly as Hugging Face's fast tokenizers.

    >>> tok = Tokenizer("fixtures/bert-tiny-ner")          # doctest: +SKIP
    >>> tok.encode("Zoë").tokens                           # doctest: +SKIP
    ['[CLS]', 'Z', '##o', '##ë', '[SEP]']
    """

    _free = staticmethod(lib.nlp_tokenizer_free)

    def __init__(self, path) -> None:
        super().__init__()
        check(lib.nlp_tokenizer_load(path_arg(path), ctypes.byref(self._ptr)))

    @property
    def kind(self) -> str:
        """"bert" (WordPiece) or "t5" (SentencePiece Unigram)."""
        return {1: "bert", 2: "t5"}.get(lib.nlp_tokenizer_algorithm(self._handle()), "unknown")

    @property
    def vocab_size(self) -> int:
        """Largest id + 1, added tokens included."""
        return lib.nlp_tokenizer_vocab_size(self._handle())

    def _options(self, add_special_tokens: bool, max_length: Optional[int]):
        o = init_options(EncodeOptions, "nlp_encode_options")
        o.add_special_tokens = 1 if add_special_tokens else 0
        o.max_length = max_length or 0
        return o

    def encode(self, text: str, add_special_tokens: bool = True,
               max_length: Optional[int] = None) -> Encoding:
        """Tokenize text; max_length cuts text tokens from the end (the
        closing special token stays)."""
        data = utf8(text)
        enc = ctypes.c_void_p()
        o = self._options(add_special_tokens, max_length)
        check(lib.nlp_tokenizer_encode(self._handle(), data, len(data), ctypes.byref(o),
                                       ctypes.byref(enc)))
        try:
            return _encoding(enc)
        finally:
            lib.nlp_encoding_free(enc)

    def encode_words(self, words: Sequence[str], add_special_tokens: bool = True,
                     max_length: Optional[int] = None) -> Encoding:
        """Tokenize pre-split words (is_split_into_words): word ids index
        ``words`` and offsets are relative to each word."""
        arr, lens, keep = c_strings(list(words))
        enc = ctypes.c_void_p()
        o = self._options(add_special_tokens, max_length)
        check(lib.nlp_tokenizer_encode_words(self._handle(), arr, lens, len(keep),
                                             ctypes.byref(o), ctypes.byref(enc)))
        try:
            return _encoding(enc)
        finally:
            lib.nlp_encoding_free(enc)

    def decode(self, ids: Sequence[int], skip_special_tokens: bool = True) -> str:
        """Ids back to text, as Hugging Face's decode()."""
        arr = (ctypes.c_int32 * max(len(ids), 1))(*ids)
        out = ctypes.c_void_p()
        check(lib.nlp_tokenizer_decode(self._handle(), arr, len(ids),
                                       1 if skip_special_tokens else 0, ctypes.byref(out)))
        return take_string(out.value)

    def token_to_id(self, token: str) -> int:
        """The id of a token string; nlp.NotFoundError when absent."""
        out = ctypes.c_int32()
        check(lib.nlp_tokenizer_token_to_id(self._handle(), utf8(token, "token"),
                                            ctypes.byref(out)))
        return out.value

    def id_to_token(self, token_id: int) -> Optional[str]:
        """The token string of an id, None outside the vocabulary."""
        s = lib.nlp_tokenizer_id_to_token(self._handle(), token_id)
        return None if s is None else s.decode("utf-8")
