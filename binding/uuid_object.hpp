// binding/uuid_object.hpp: making and reading exact uuid.UUID objects, shared by the extension
// modules.
#pragma once

#include <nanobind/nanobind.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string_view>

#include "oruuid/uuid.hpp"

namespace oruuid::py {

namespace nb = nanobind;

/// Binds to uuid.UUID: reads the offsets of its `int` and `is_safe` slots from the
/// class's member descriptors. Idempotent; call from each module's init.
void bind_uuid_type();

/// The uuid.UUID class.
PyTypeObject* uuid_type() noexcept;

/// A new reference to the Python int holding the UUID's 128 bits.
PyObject* int_from_uuid(const Uuid& u) noexcept;

/// Reads an int (exact or subclass) when 0 <= v < 2**128; false otherwise, with no
/// Python error left set.
bool uuid_from_int(PyObject* v, Uuid* out) noexcept;

/// A new exact uuid.UUID holding `value` (the reference is stolen) and
/// is_safe=SafeUUID.unknown; nullptr with an error set on failure.
PyObject* make_from_int_object(PyObject* value) noexcept;

/// A new exact uuid.UUID for `u`; nullptr with an error set on failure.
inline PyObject* make_raw(const Uuid& u) noexcept {
    return make_from_int_object(int_from_uuid(u));
}

/// As make_raw, throwing nb::python_error on failure.
nb::object make(const Uuid& u);

/// The `int` slot of `obj` (borrowed), when `obj` is exactly a uuid.UUID; else nullptr.
PyObject* int_slot(PyObject* obj) noexcept;

/// The value of an exact uuid.UUID whose int slot holds a valid exact int.
std::optional<Uuid> exact_uuid(PyObject* obj) noexcept;

/// Calls oruuid._compat.<name>(args...): the stdlib's exact semantics.
nb::object compat_attr(const char* name);
template <typename... Args>
nb::object compat(const char* name, Args... args) {
    return compat_attr(name)(args...);
}

/// Runs `f`, turning the core's range errors (std::out_of_range) into ValueError, as
/// the stdlib raises for out-of-range values.
template <typename F>
auto value_errors(F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (const std::out_of_range& e) {
        throw nb::value_error(e.what());
    }
}

}  // namespace oruuid::py
