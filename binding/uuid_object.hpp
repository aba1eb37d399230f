// binding/uuid_object.hpp: making and reading exact uuid.UUID objects of the calling
// interpreter's class.
#pragma once

#include <cstdint>
#include <optional>

#include "oruuid/uuid.hpp"
#include "state.hpp"

namespace oruuid::py {

/// A new reference to the Python int holding the UUID's 128 bits.
PyObject* int_from_uuid(const Uuid& u) noexcept;

/// Reads an int (exact or subclass) when 0 <= v < 2**128; false otherwise, with no
/// Python error left set.
bool uuid_from_int(PyObject* v, Uuid* out) noexcept;

/// A new exact uuid.UUID holding `value` (the reference is stolen) and
/// is_safe=SafeUUID.unknown; nullptr with an error set on failure.
PyObject* make_from_int_object(State& st, PyObject* value) noexcept;

/// A new exact uuid.UUID for `u`; nullptr with an error set on failure.
PyObject* make_raw(State& st, const Uuid& u) noexcept;

/// As make_raw, throwing Error on failure.
inline Ref make(State& st, const Uuid& u) {
    return own(make_raw(st, u));
}

/// The `int` slot of `obj` (borrowed), when `obj` is exactly the bound uuid.UUID;
/// else nullptr.
PyObject* int_slot(State& st, PyObject* obj) noexcept;

/// The value of an exact uuid.UUID whose int slot holds a valid exact int.
std::optional<Uuid> exact_uuid(State& st, PyObject* obj) noexcept;

}  // namespace oruuid::py
