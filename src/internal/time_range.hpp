// src/internal/time_range.hpp: one range check, with one message, per kind of UUID timestamp.
#pragma once

#include <cstdint>

#include "oruuid/timestamp.hpp"

namespace oruuid::detail {

/// `ts` as a v1/v6 timestamp: 100 ns ticks since 1582-10-15. Throws std::out_of_range
/// before 1582-10-15 or from 2^60 ticks on.
std::uint64_t v1_v6_ticks(Timestamp ts);

/// `unix_ms` as a v7 timestamp. Throws std::out_of_range before 1970 or from 2^48 ms on.
std::uint64_t v7_unix_ms(std::int64_t unix_ms);

}  // namespace oruuid::detail
