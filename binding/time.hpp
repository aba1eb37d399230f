// binding/time.hpp: oruuid.Timestamp and oruuid.ContextV7, and reading time arguments.
//
// The types are made by init_time() (submodules.hpp), per module, so per interpreter.
#pragma once

#include <optional>

#include "oruuid/context.hpp"
#include "oruuid/timestamp.hpp"
#include "state.hpp"

namespace oruuid::py {

/// A `timestamp=` argument: None (or nullptr), a Timestamp or an aware datetime.
/// Anything else, bare numbers included, raises TypeError naming the explicit
/// constructors; throws Error with the Python error set.
std::optional<Timestamp> timestamp_arg(State& st, PyObject* value, const char* function);

/// The ContextV7 behind a `context=` argument (borrowed from `value`); TypeError if
/// it is not one.
ContextV7* context_arg(State& st, PyObject* value, const char* function);

/// A new exact oruuid.Timestamp holding `t`.
Ref timestamp_object(State& st, const Timestamp& t);

/// `t` as an aware datetime in UTC (truncated to microseconds).
Ref datetime_of(State& st, const Timestamp& t);

}  // namespace oruuid::py
