// oruuid/v7.hpp: version 7, Unix milliseconds then a counter and randomness (RFC 9562 §5.7).
#pragma once

#include <cstddef>

#include "oruuid/context.hpp"
#include "oruuid/export.hpp"
#include "oruuid/timestamp.hpp"
#include "oruuid/uuid.hpp"

namespace oruuid {

/// The next UUID of the process-wide ContextV7: strictly increasing within the
/// process, across threads.
ORUUID_API Uuid uuid7();

/// A v7 UUID for instant `ts` that leaves the process-wide sequence alone: its
/// counter is random with the top bit clear, as a fresh millisecond's would be.
/// Throws std::out_of_range before 1970 or past the 48-bit millisecond range.
ORUUID_API Uuid uuid7_at(Timestamp ts);

/// `out[i]` = uuid7_at(ts[i]) for each i in [0, n). Every instant is checked first: on
/// one out of range it throws std::out_of_range, sets `*bad` (when not null) to its
/// index, and writes nothing.
ORUUID_API void uuid7_at_many(const Timestamp* ts, Uuid* out, std::size_t n,
                              std::size_t* bad = nullptr);

/// Range bounds for the millisecond of `ts` (RFC 9562 §5.7, §6.13: a v7 key's
/// first 48 bits are its creation time, so "created in [t0, t1]" is a key range).
///
///     unix_ts_ms(48) | 0111 | rand_a(12)   | 10 | rand_b(62)
///     uuid7_min:       0111 | 000000000000 | 10 | 000...000
///     uuid7_max:       0111 | 111111111111 | 10 | 111...111
///
/// `uuid7_min(t) <= u <= uuid7_max(t)` for every v7 UUID `u` whose timestamp is the
/// millisecond of `t`, however its other 74 bits were filled (counter, sub-millisecond
/// precision, randomness), and `uuid7_max(t0) < uuid7_min(t1)` when `t0`'s millisecond
/// is before `t1`'s. Throws std::out_of_range as uuid7_at does.
ORUUID_API Uuid uuid7_min(Timestamp ts);
/// See uuid7_min.
ORUUID_API Uuid uuid7_max(Timestamp ts);

}  // namespace oruuid
