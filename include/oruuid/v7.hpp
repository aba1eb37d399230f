// oruuid/v7.hpp: version 7, Unix milliseconds then a counter and randomness (RFC 9562 §5.7).
#pragma once

#include "oruuid/context.hpp"
#include "oruuid/timestamp.hpp"
#include "oruuid/uuid.hpp"

namespace oruuid {

/// The next UUID of the process-wide ContextV7: strictly increasing within the
/// process, across threads.
Uuid uuid7();

/// A v7 UUID for instant `ts` that leaves the process-wide sequence alone: its
/// counter is random with the top bit clear, as a fresh millisecond's would be.
/// Throws std::out_of_range before 1970 or past the 48-bit millisecond range.
Uuid uuid7_at(Timestamp ts);

}  // namespace oruuid
