// src/internal/clock.hpp: the time source of the global generators, replaceable in tests.
#pragma once

#include "oruuid/timestamp.hpp"

namespace oruuid::detail {

using TimeSource = Timestamp (*)() noexcept;

/// The time the global generators (uuid1, uuid6, uuid7) use: the real clock unless a
/// test has installed another source.
Timestamp now() noexcept;

/// Test-only: replaces the time source of the global generators; nullptr restores the
/// real clock. Not thread-safe against generation.
void set_time_source_for_testing(TimeSource source) noexcept;

}  // namespace oruuid::detail
