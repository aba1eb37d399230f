// oruuid/v6.hpp: version 6, v1's fields reordered to sort by time (RFC 9562 §5.6).
#pragma once

#include <cstdint>
#include <optional>

#include "oruuid/timestamp.hpp"
#include "oruuid/uuid.hpp"

namespace oruuid {

/// A v6 UUID for the current time. `node` defaults to getnode(); `clock_seq`
/// (14 bits, higher bits ignored) to the process's random clock sequence. The
/// timestamp strictly increases across the calls of one process (§6.1).
Uuid uuid6(std::optional<std::uint64_t> node = std::nullopt,
           std::optional<std::uint16_t> clock_seq = std::nullopt);

/// A v6 UUID for instant `ts`, touching no shared state. Throws std::out_of_range
/// when `ts` lies before 1582-10-15 or past the 60-bit tick range.
Uuid uuid6_at(Timestamp ts, std::uint64_t node, std::uint16_t clock_seq);

}  // namespace oruuid
