// Package nlp is the Go binding (cgo) of libnlp: BERT named-entity
// recognition, T5 toxicity classification, tokenizers, training and
// evaluation. It wraps only the public header <nlp/nlp.h>, found with
// pkg-config (package nlp).
//
// Handles (NerModel, ToxicClassifier, Tokenizer) are freed by Close; a
// finalizer frees a forgotten one. A loaded model may be used from many
// goroutines at once, as the C library promises.
package nlp

/*
#cgo pkg-config: nlp
#include <nlp/nlp.h>
#include <stdlib.h>
*/
import "C"

import (
	"fmt"
	"unsafe"
)

// Status is the library's nlp_status code.
type Status int

// The status codes of nlp.h (their values are part of the C ABI).
const (
	OK             Status = 0
	ErrInvalidArg  Status = 1
	ErrNoMem       Status = 2
	ErrIO          Status = 3
	ErrFormat      Status = 4
	ErrUnsupported Status = 5
	ErrInvalidUTF8 Status = 6
	ErrDevice      Status = 7
	ErrRuntime     Status = 8
	ErrCancelled   Status = 9
	ErrNotFound    Status = 10
	ErrInternal    Status = 11
)

// String is the C name and meaning ("NLP_ERR_FORMAT: malformed data").
func (s Status) String() string {
	return C.GoString(C.nlp_status_str(C.nlp_status(s)))
}

// Error is a failed call: the status and the library's message, which names
// the file, line, field or byte involved. Test a kind with errors.Is(err,
// nlp.ErrIO) or errors.As.
type Error struct {
	Status  Status
	Message string
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s: %s", e.Status, e.Message)
}

// Is makes errors.Is(err, nlp.ErrCancelled) true for that status.
func (e *Error) Is(target error) bool {
	if s, ok := target.(Status); ok {
		return s == e.Status
	}
	t, ok := target.(*Error)
	return ok && t.Status == e.Status && (t.Message == "" || t.Message == e.Message)
}

// Error lets a Status be used as an errors.Is target.
func (s Status) Error() string { return s.String() }

func check(st C.nlp_status) error {
	if st == C.NLP_OK {
		return nil
	}
	return &Error{Status: Status(st), Message: C.GoString(C.nlp_last_error())}
}

// Version is the loaded library's version, "MAJOR.MINOR.PATCH".
func Version() string { return C.GoString(C.nlp_version()) }

// DeviceCheck resolves a device name ("cpu", "cuda", "cuda:N", "auto") to
// the concrete device, or fails with ErrDevice / ErrInvalidArg.
func DeviceCheck(device string) (string, error) {
	cs := C.CString(device)
	defer C.free(unsafe.Pointer(cs))
	var resolved *C.char
	if err := check(C.nlp_device_check(cs, &resolved)); err != nil {
		return "", err
	}
	return C.GoString(resolved), nil
}

// SetNumThreads sets the tensor library's threads per operation,
// process-wide (0 keeps the current setting).
func SetNumThreads(n int) error { return check(C.nlp_set_num_threads(C.int(n))) }

// CheckpointInfo describes a Hugging Face checkpoint directory as JSON.
func CheckpointInfo(dir string) (string, error) {
	cs := C.CString(dir)
	defer C.free(unsafe.Pointer(cs))
	var out *C.char
	if err := check(C.nlp_checkpoint_info(cs, &out)); err != nil {
		return "", err
	}
	defer C.nlp_string_free(out)
	return C.GoString(out), nil
}

// cStrings copies texts into C memory: a char* array and a size_t array of
// byte lengths. free releases both.
type cStrings struct {
	ptrs **C.char
	lens *C.size_t
	n    int
}

func newCStrings(texts []string) cStrings {
	n := len(texts)
	if n == 0 {
		n = 1
	}
	cs := cStrings{
		ptrs: (**C.char)(C.calloc(C.size_t(n), C.size_t(unsafe.Sizeof((*C.char)(nil))))),
		lens: (*C.size_t)(C.calloc(C.size_t(n), C.size_t(unsafe.Sizeof(C.size_t(0))))),
		n:    len(texts),
	}
	ptrs := unsafe.Slice(cs.ptrs, n)
	lens := unsafe.Slice(cs.lens, n)
	for i, t := range texts {
		ptrs[i] = C.CString(t)
		lens[i] = C.size_t(len(t))
	}
	return cs
}

func (cs cStrings) free() {
	for _, p := range unsafe.Slice(cs.ptrs, cs.n) {
		C.free(unsafe.Pointer(p))
	}
	C.free(unsafe.Pointer(cs.ptrs))
	C.free(unsafe.Pointer(cs.lens))
}

// cString is C.CString that tolerates "" meaning NULL when nullable.
func cString(s string, nullable bool) *C.char {
	if nullable && s == "" {
		return nil
	}
	return C.CString(s)
}

func cFree(p *C.char) {
	if p != nil {
		C.free(unsafe.Pointer(p))
	}
}
