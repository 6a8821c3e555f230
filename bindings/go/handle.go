package nlp

import (
	"errors"
	"sync"
	"unsafe"
)

// ErrClosed is returned by calls on a closed handle.
var ErrClosed = errors.New("nlp: use of a closed handle")

// handle owns one C pointer. Calls hold a read lock so Close waits for
// calls in flight (the C library forbids freeing during a call).
type handle struct {
	mu   sync.RWMutex
	ptr  unsafe.Pointer
	free func(unsafe.Pointer)
}

func (h *handle) init(ptr unsafe.Pointer, free func(unsafe.Pointer)) {
	h.ptr, h.free = ptr, free
}

// use runs f with the live pointer, or returns ErrClosed.
func (h *handle) use(f func(unsafe.Pointer) error) error {
	h.mu.RLock()
	defer h.mu.RUnlock()
	if h.ptr == nil {
		return ErrClosed
	}
	return f(h.ptr)
}

func (h *handle) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.ptr != nil {
		h.free(h.ptr)
		h.ptr = nil
	}
}
