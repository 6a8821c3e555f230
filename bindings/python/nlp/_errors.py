"""Exceptions: one class per nlp_status, all under nlp.Error."""
from typing import Dict, Type


class Error(Exception):
    """A libnlp call failed. ``status`` is the numeric nlp_status, ``name`` its
    C name (``NLP_ERR_FORMAT``) and ``message`` the library's detail text
    (nlp_last_error), which names the file, line, field or byte involved."""

    def __init__(self, status: int, name: str, message: str) -> None:
        super().__init__(f"{name}: {message}" if message else name)
        self.status = status
        self.name = name
        self.message = message


class InvalidArgumentError(Error, ValueError):
    """NLP_ERR_INVALID_ARG: a bad argument or option."""


class NoMemoryError(Error, MemoryError):
    """NLP_ERR_NOMEM: an allocation failed."""


class FileError(Error, OSError):
    """NLP_ERR_IO: a file could not be opened, read or written."""


class FormatError(Error):
    """NLP_ERR_FORMAT: a file or tensor is malformed."""


class UnsupportedError(Error):
    """NLP_ERR_UNSUPPORTED: valid input that libnlp does not handle."""


class InvalidUTF8Error(Error, ValueError):
    """NLP_ERR_INVALID_UTF8: text is not valid UTF-8."""


class DeviceError(Error):
    """NLP_ERR_DEVICE: the requested device is not available."""


class TensorError(Error):
    """NLP_ERR_RUNTIME: the tensor library failed."""


class CancelledError(Error):
    """NLP_ERR_CANCELLED: a progress callback asked to stop."""


class NotFoundError(Error, LookupError):
    """NLP_ERR_NOT_FOUND: a named item (token, label, file) is absent."""


class InternalError(Error):
    """NLP_ERR_INTERNAL: a bug in libnlp."""


BY_STATUS: Dict[int, Type[Error]] = {
    1: InvalidArgumentError, 2: NoMemoryError, 3: FileError, 4: FormatError,
    5: UnsupportedError, 6: InvalidUTF8Error, 7: DeviceError, 8: TensorError,
    9: CancelledError, 10: NotFoundError, 11: InternalError,
}
