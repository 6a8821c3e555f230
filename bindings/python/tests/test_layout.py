"""The ctypes structs have the C header's sizes (as compiled by expected.c)."""
import ctypes

import nlp
from nlp import _lib


def test_struct_sizes_match_the_header(expected):
    sizes = expected["sizes"]
    assert set(sizes) == set(_lib.STRUCTS)
    for name, cls in _lib.STRUCTS.items():
        assert ctypes.sizeof(cls) == sizes[name], name


def test_version_matches_the_library_that_wrote_the_file(expected):
    assert nlp.version() == expected["version"]
