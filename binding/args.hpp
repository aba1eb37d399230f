// binding/args.hpp: which Python arguments the native paths take, and the UUID each one means.
//
// The one place that decides "native or fall back" for every constructor form
// (uuid.UUID's hex, bytes, bytes_le, fields and int, and oruuid's parse/from_*):
// core.cpp, patch.cpp and batch.cpp all ask here. Anything declined goes to code
// with the stdlib's own semantics, so a decline is never an error.
#pragma once

#include <Python.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "oruuid/uuid.hpp"

namespace oruuid::py {

/// uuid.UUID's constructor forms, in the order of its parameters.
enum class Form { hex, bytes, bytes_le, fields, int_ };

/// Text whose meaning is the same under the stdlib's looser rules: 32 digits,
/// hyphenated or braced (its `urn:` removal is case-sensitive, so URNs are left to
/// it). The text must still parse.
constexpr bool canonical_length(std::size_t n) noexcept {
    return n == 32 || n == 36 || n == 38;
}

/// The UUID of canonical ASCII text, or nullopt.
std::optional<Uuid> uuid_from_text(std::string_view text) noexcept;

/// The UUID a plain argument of `form` means: an exact str (ASCII, canonical), an
/// exact 16-byte bytes, an exact 6-tuple of exact ints in range, an exact int in
/// [0, 2**128). nullopt means "ask the stdlib's semantics". Sets no Python error.
std::optional<Uuid> uuid_from_arg(Form form, PyObject* arg) noexcept;

/// An exact int in [0, limit), or nullopt. Sets no Python error.
std::optional<std::uint64_t> exact_int_below(PyObject* value, std::uint64_t limit) noexcept;

/// A Python-level signature: `positional` leading parameters may be passed by position,
/// the rest by keyword only; the first `required` have no default.
struct Signature {
    const char* name;
    const char* params[3];
    int count;
    int positional;
    int required;
};

/// Binds a vectorcall's arguments to `sig`: argv[i] (of sig.count) borrowed, nullptr when
/// not given. False with the TypeError, and its message, that CPython raises for a Python
/// function with that signature.
bool bind_args(const Signature& sig, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames,
               PyObject** argv) noexcept;

}  // namespace oruuid::py
