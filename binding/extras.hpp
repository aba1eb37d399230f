// binding/extras.hpp: oruuid's own conversions (v7 range bounds, v1 <-> v6, ULID and short
// text), whose raw entry points sit in core.cpp's g_methods.
#pragma once

#include <nanobind/nanobind.h>

#include <optional>

#include "oruuid/encode.hpp"
#include "oruuid/uuid.hpp"

namespace oruuid::py {

/// The value of a uuid.UUID argument (exact, or a subclass through its `int`).
/// TypeError naming `function` for anything else, or for a UUID whose int is not
/// a 128-bit int.
Uuid uuid_arg(nanobind::handle value, const char* function);

/// The alphabet a Python name ("base32", "base58", "base64url") means, or nullopt
/// for any other str. Sets no Python error.
std::optional<Alphabet> alphabet_named(PyObject* name) noexcept;

/// An `alphabet` argument: TypeError if not a str, ValueError naming the choices if
/// not one of them.
Alphabet alphabet_arg(nanobind::handle value, const char* function);

nanobind::object py_uuid7_min(nanobind::handle at);
nanobind::object py_uuid7_max(nanobind::handle at);
nanobind::object py_uuid1_to_uuid6(nanobind::handle u);
nanobind::object py_uuid6_to_uuid1(nanobind::handle u);
nanobind::object py_to_ulid(nanobind::handle u);
nanobind::object py_from_ulid(nanobind::handle text, nanobind::handle version);
nanobind::object py_encode(nanobind::handle u, nanobind::handle alphabet);
nanobind::object py_decode(nanobind::handle text, nanobind::handle alphabet);

}  // namespace oruuid::py
