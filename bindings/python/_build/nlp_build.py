"""A minimal PEP 517 backend (standard library only) that builds the pure
Python wheel of the nlp package, so pip installs it offline."""
import base64
import hashlib
import os
import zipfile

NAME, VERSION = "nlp", "0.1.0"
HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIST = f"{NAME}-{VERSION}.dist-info"
METADATA = f"""Metadata-Version: 2.1
Name: {NAME}
Version: {VERSION}
Summary: Python binding (ctypes) of libnlp: BERT NER, T5 toxicity, tokenizers, training
Requires-Python: >=3.8
Provides-Extra: progress
Requires-Dist: tqdm; extra == "progress"
"""
WHEEL = "Wheel-Version: 1.0\nGenerator: nlp_build\nRoot-Is-Purelib: true\nTag: py3-none-any\n"


def _record_line(name, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def _files():
    pkg = os.path.join(HERE, NAME)
    for fn in sorted(os.listdir(pkg)):
        if fn.endswith(".py") or fn == "py.typed":
            with open(os.path.join(pkg, fn), "rb") as f:
                yield f"{NAME}/{fn}", f.read()


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    wheel = f"{NAME}-{VERSION}-py3-none-any.whl"
    records = []
    with zipfile.ZipFile(os.path.join(wheel_directory, wheel), "w", zipfile.ZIP_DEFLATED) as z:
        entries = list(_files()) + [(f"{DIST}/METADATA", METADATA.encode()),
                                    (f"{DIST}/WHEEL", WHEEL.encode())]
        for name, data in entries:
            z.writestr(name, data)
            records.append(_record_line(name, data))
        records.append(f"{DIST}/RECORD,,")
        z.writestr(f"{DIST}/RECORD", "\n".join(records) + "\n")
    return wheel


def get_requires_for_build_wheel(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    d = os.path.join(metadata_directory, DIST)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "METADATA"), "w") as f:
        f.write(METADATA)
    with open(os.path.join(d, "WHEEL"), "w") as f:
        f.write(WHEEL)
    return DIST
