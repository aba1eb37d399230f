// binding/extras.hpp: oruuid's own conversions (v7 range bounds, v1 <-> v6, ULID and short
// text), whose raw entry points sit in core.cpp's method table and call these in guard().
#pragma once

#include <optional>

#include "oruuid/encode.hpp"
#include "oruuid/uuid.hpp"
#include "state.hpp"

namespace oruuid::py {

/// The value of a uuid.UUID argument (exact, or a subclass through its `int`).
/// TypeError naming `function` for anything else, or for a UUID whose int is not
/// a 128-bit int.
Uuid uuid_arg(State& st, PyObject* value, const char* function);

/// The alphabet a Python name ("base32", "base58", "base64url") means, or nullopt
/// for any other str. Sets no Python error.
std::optional<Alphabet> alphabet_named(PyObject* name) noexcept;

/// An `alphabet` argument: TypeError if not a str, ValueError naming the choices if
/// not one of them.
Alphabet alphabet_arg(PyObject* value, const char* function);

// The functions behind oruuid's uuid7_min, ..., decode: a new reference, or Error.
Ref py_uuid7_min(State& st, PyObject* at);
Ref py_uuid7_max(State& st, PyObject* at);
Ref py_uuid1_to_uuid6(State& st, PyObject* u);
Ref py_uuid6_to_uuid1(State& st, PyObject* u);
Ref py_to_ulid(State& st, PyObject* u);
Ref py_from_ulid(State& st, PyObject* text, PyObject* version);
Ref py_encode(State& st, PyObject* u, PyObject* alphabet);
Ref py_decode(State& st, PyObject* text, PyObject* alphabet);

}  // namespace oruuid::py
