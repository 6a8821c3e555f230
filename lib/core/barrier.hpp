/* barrier.hpp - the C++ exception barrier. Every exported function that
 * touches libtorch runs its body through nlp::guard so that no exception
 * crosses the C ABI. */
#ifndef NLP_BARRIER_HPP
#define NLP_BARRIER_HPP

#include "core/core.h"

#include <c10/util/Exception.h>

#include <exception>
#include <new>
#include <string>

namespace nlp {

/* First line of a c10 error: the rest is a C++ backtrace users don't need. */
inline std::string first_line(const char *what)
{
    std::string s(what ? what : "");
    size_t nl = s.find('\n');
    return nl == std::string::npos ? s : s.substr(0, nl);
}

/* Run body (returning nlp_status) and translate any exception. */
template <typename Body>
nlp_status guard(const char *what, Body &&body) noexcept
{
    try {
        return body();
    } catch (const std::bad_alloc &) {
        return nlp__fail(NLP_ERR_NOMEM, "%s: out of memory", what);
    } catch (const c10::Error &e) {
        return nlp__fail(NLP_ERR_RUNTIME, "%s: libtorch: %s", what,
                         first_line(e.what_without_backtrace()).c_str());
    } catch (const std::exception &e) {
        return nlp__fail(NLP_ERR_RUNTIME, "%s: %s", what, first_line(e.what()).c_str());
    } catch (...) {
        return nlp__fail(NLP_ERR_INTERNAL, "%s: unknown exception", what);
    }
}

} // namespace nlp

#endif
