// binding/time.hpp: oruuid.Timestamp and oruuid.ContextV7, and reading time arguments.
#pragma once

#include <nanobind/nanobind.h>

#include <optional>

#include "oruuid/context.hpp"
#include "oruuid/timestamp.hpp"

namespace oruuid::py {

/// Adds Timestamp and ContextV7 to the module.
void register_time(nanobind::module_& m);

/// A `timestamp=` argument: None, a Timestamp or an aware datetime. Anything else,
/// bare numbers included, raises TypeError naming the explicit constructors.
std::optional<Timestamp> timestamp_arg(nanobind::handle value, const char* function);

/// The ContextV7 behind a `context=` argument; TypeError if it is not one.
ContextV7* context_arg(nanobind::handle value, const char* function);

}  // namespace oruuid::py
