// binding/py.hpp: the few pieces of C API glue every binding file uses: owned references, a C++
// exception for "a Python error is set", the entry-point guard and the GIL release.
//
// The binding is written on the raw CPython C API (multi-phase init, module state, heap types),
// so that every interpreter of a process gets its own oruuid (see module.cpp).
#pragma once

#ifndef PY_SSIZE_T_CLEAN
#define PY_SSIZE_T_CLEAN  // also set for every file by binding/CMakeLists.txt
#endif
#include <Python.h>

#include <new>
#include <stdexcept>
#include <string>
#include <utility>

// A thread_local read on every hot call: glibc reserves static TLS for modules loaded
// later, so the initial-exec model reads it without a call into the dynamic loader.
#if defined(__GLIBC__) && defined(__ELF__) && (defined(__GNUC__) || defined(__clang__))
#define ORUUID_HOT_TLS __attribute__((tls_model("initial-exec")))
#else
#define ORUUID_HOT_TLS
#endif

namespace oruuid::py {

/// Thrown once a Python exception is set; the entry point's guard() returns NULL with it.
struct Error {};

/// An owned (strong) reference; nullptr when empty.
class Ref {
public:
    Ref() noexcept = default;
    /// Takes ownership of `p` (a new reference, or nullptr).
    explicit Ref(PyObject* p) noexcept : p_(p) {}
    static Ref borrow(PyObject* p) noexcept { return Ref(Py_XNewRef(p)); }
    Ref(const Ref& o) noexcept : p_(Py_XNewRef(o.p_)) {}
    Ref(Ref&& o) noexcept : p_(std::exchange(o.p_, nullptr)) {}
    Ref& operator=(Ref o) noexcept {
        std::swap(p_, o.p_);
        return *this;
    }
    ~Ref() { Py_XDECREF(p_); }

    PyObject* get() const noexcept { return p_; }
    PyObject* release() noexcept { return std::exchange(p_, nullptr); }
    explicit operator bool() const noexcept { return p_ != nullptr; }

private:
    PyObject* p_ = nullptr;
};

/// `p` (a new reference), or throws Error when it is nullptr (the error is set).
inline Ref own(PyObject* p) {
    if (!p) throw Error{};
    return Ref(p);
}

/// Throws Error when `status` is negative (the C API's failure convention).
inline void check(int status) {
    if (status < 0) throw Error{};
}

/// Sets `type` with `message` and throws Error.
[[noreturn]] inline void raise(PyObject* type, const std::string& message) {
    PyErr_SetString(type, message.c_str());
    throw Error{};
}

/// Sets a new exception of `type` whose __cause__ is the one now set, and throws Error.
[[noreturn]] void raise_from(PyObject* type, const char* format, ...);

/// The name error messages use for the type of `obj`: tp_name, as CPython's own say it.
inline std::string type_name(PyObject* obj) {
    return Py_TYPE(obj)->tp_name;
}

/// Runs `f` at an entry point: its new reference, or nullptr with the Python error
/// set (std::out_of_range from the core becomes ValueError, as the stdlib raises for
/// out-of-range values; any other C++ exception becomes RuntimeError naming it).
template <typename F>
PyObject* guard(F&& f) noexcept {
    try {
        return std::forward<F>(f)();
    } catch (const Error&) {
    } catch (const std::out_of_range& e) {
        PyErr_SetString(PyExc_ValueError, e.what());
    } catch (const std::bad_alloc&) {
        PyErr_NoMemory();
    } catch (const std::exception& e) {
        PyErr_SetString(PyExc_RuntimeError, e.what());
    }
    return nullptr;
}

/// Releases the GIL (detaches from the interpreter) for its scope; no Python API within.
class Unlocked {
public:
    Unlocked() noexcept : saved_(PyEval_SaveThread()) {}
    ~Unlocked() { PyEval_RestoreThread(saved_); }
    Unlocked(const Unlocked&) = delete;
    Unlocked& operator=(const Unlocked&) = delete;

private:
    PyThreadState* saved_;
};

/// A PyCFunction of any of the C API's calling conventions.
template <typename T>
PyCFunction as_cfunction(T f) noexcept {
    return reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(f));
}

}  // namespace oruuid::py
