"""Base class of the objects that own a library handle."""
import ctypes
from typing import Callable, Optional


class Handle:
    """Owns one C handle; frees it on close(), on leaving a ``with`` block,
    or when garbage-collected."""

    _free: Optional[Callable] = None

    def __init__(self) -> None:
        self._ptr = ctypes.c_void_p()

    @property
    def closed(self) -> bool:
        return not self._ptr

    def _handle(self) -> ctypes.c_void_p:
        if not self._ptr:
            raise ValueError(f"{type(self).__name__} is closed")
        return self._ptr

    def close(self) -> None:
        """Release the handle now; later calls raise ValueError. Idempotent."""
        ptr, self._ptr = getattr(self, "_ptr", None), ctypes.c_void_p()
        if ptr and type(self)._free is not None:
            type(self)._free(ptr)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # interpreter shutdown: the library may be gone
            pass
