package nlp

/*
#include <stdint.h>
#include <stdlib.h>
*/
import "C"

import (
	"runtime/cgo"
	"unsafe"
)

// cMem owns the C memory made for one call (strings, arrays, the slot that
// carries a callback's cgo.Handle); free releases all of it.
type cMem struct {
	alloc  []unsafe.Pointer
	handle cgo.Handle
}

// str copies s into C memory; "" gives NULL (the library's default).
func (m *cMem) str(s string) *C.char {
	if s == "" {
		return nil
	}
	p := C.CString(s)
	m.alloc = append(m.alloc, unsafe.Pointer(p))
	return p
}

// calloc is zeroed C memory for n items of size bytes, freed with m.
func (m *cMem) calloc(n int, size C.size_t) unsafe.Pointer {
	p := C.calloc(C.size_t(n), size)
	m.alloc = append(m.alloc, p)
	return p
}

// handleSlot gives a C pointer to a cgo.Handle of v, for a callback's
// user_data (a Go pointer may not be stored in C memory).
func (m *cMem) handleSlot(v interface{}) unsafe.Pointer {
	m.handle = cgo.NewHandle(v)
	slot := (*C.uintptr_t)(m.calloc(1, C.size_t(unsafe.Sizeof(C.uintptr_t(0)))))
	*slot = C.uintptr_t(m.handle)
	return unsafe.Pointer(slot)
}

func (m *cMem) free() {
	for _, p := range m.alloc {
		C.free(p)
	}
	m.alloc = nil
	if m.handle != 0 {
		m.handle.Delete()
		m.handle = 0
	}
}

// slotValue is the value behind a handleSlot pointer.
func slotValue(data unsafe.Pointer) interface{} {
	return cgo.Handle(*(*C.uintptr_t)(data)).Value()
}
