// oruuid/v1.hpp: version 1, Gregorian time, clock sequence and node (RFC 9562 §5.1).
#pragma once

#include <cstdint>
#include <optional>

#include "oruuid/export.hpp"
#include "oruuid/timestamp.hpp"
#include "oruuid/uuid.hpp"

namespace oruuid {

/// A v1 UUID for the current time. `node` defaults to getnode(); `clock_seq`
/// (14 bits, higher bits ignored) to the process's random clock sequence. The
/// timestamp strictly increases across the calls of one process (§6.1).
ORUUID_API Uuid uuid1(std::optional<std::uint64_t> node = std::nullopt,
                      std::optional<std::uint16_t> clock_seq = std::nullopt);

/// A v1 UUID for instant `ts`, touching no shared state. Throws std::out_of_range
/// when `ts` lies before 1582-10-15 or past the 60-bit tick range.
ORUUID_API Uuid uuid1_at(Timestamp ts, std::uint64_t node, std::uint16_t clock_seq);

}  // namespace oruuid
