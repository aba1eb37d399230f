// src/internal/time_range.hpp: one range check, with one message, per kind of UUID timestamp.
#pragma once

#include <cstdint>

#include "oruuid/timestamp.hpp"

namespace oruuid::detail {

[[noreturn]] void throw_v1_v6_out_of_range();
[[noreturn]] void throw_v7_out_of_range();

/// `ts` as a v1/v6 timestamp: 100 ns ticks since 1582-10-15. Throws std::out_of_range
/// before 1582-10-15 or from 2^60 ticks on. Inline: it is on every uuid1/uuid6 call.
inline std::uint64_t v1_v6_ticks(Timestamp ts) {
    const std::int64_t ticks = ts.gregorian_ticks();
    if (ticks < 0 || static_cast<std::uint64_t>(ticks) > Timestamp::kMaxGregorianTicks) {
        throw_v1_v6_out_of_range();
    }
    return static_cast<std::uint64_t>(ticks);
}

/// `unix_ms` as a v7 timestamp. Throws std::out_of_range before 1970 or from 2^48 ms on.
inline std::uint64_t v7_unix_ms(std::int64_t unix_ms) {
    if (unix_ms < 0 || static_cast<std::uint64_t>(unix_ms) > Timestamp::kMaxUnixMs) {
        throw_v7_out_of_range();
    }
    return static_cast<std::uint64_t>(unix_ms);
}

}  // namespace oruuid::detail
