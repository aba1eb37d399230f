// oruuid/v6.hpp: version 6, v1's fields reordered to sort by time (RFC 9562 §5.6).
#pragma once

#include <cstdint>
#include <optional>

#include "oruuid/builder.hpp"
#include "oruuid/export.hpp"
#include "oruuid/timestamp.hpp"
#include "oruuid/uuid.hpp"

namespace oruuid {

/// A v6 UUID for the current time. `node` defaults to getnode(); `clock_seq`
/// (14 bits, higher bits ignored) to the process's random clock sequence. The
/// timestamp strictly increases across the calls of one process (§6.1).
ORUUID_API Uuid uuid6(std::optional<std::uint64_t> node = std::nullopt,
                      std::optional<std::uint16_t> clock_seq = std::nullopt);

/// A v6 UUID for instant `ts`, touching no shared state. Throws std::out_of_range
/// when `ts` lies before 1582-10-15 or past the 60-bit tick range.
ORUUID_API Uuid uuid6_at(Timestamp ts, std::uint64_t node, std::uint16_t clock_seq);

/// Whether `u` has the RFC 9562 variant (0b10) and version `version`.
constexpr bool is_rfc_version(const Uuid& u, int version) noexcept {
    return u.variant() == Variant::rfc_4122 && u.version() == version;
}

/// The v6 UUID with the same timestamp, clock sequence and node as the v1 UUID `u`
/// (RFC 9562 §5.6: v6 is v1 with the 60-bit timestamp stored most significant bits
/// first, so that it sorts by time):
///
///     v1:  time_low = ts[31:0] (32) | time_mid = ts[47:32] (16) | 0001 ts[59:48] (12)
///     v6:  ts[59:28] (32)           | ts[27:12] (16)            | 0110 ts[11:0] (12)
///
/// The low 64 bits (variant, clock sequence, node) are copied as they are. nullopt
/// unless `u` is an RFC-variant version 1 UUID.
constexpr std::optional<Uuid> uuid1_to_uuid6(const Uuid& u) noexcept {
    if (!is_rfc_version(u, 1)) return std::nullopt;
    const std::uint64_t hi = u.high();
    const std::uint64_t ticks = ((hi & 0x0FFF) << 48) | (((hi >> 16) & 0xFFFF) << 32) | (hi >> 32);
    const Uuid v6 = build::v6(ticks, 0, 0);
    return Uuid::from_u64(v6.high(), u.low());
}

/// The inverse of uuid1_to_uuid6: the v1 UUID with the v6 UUID `u`'s timestamp, clock
/// sequence and node. nullopt unless `u` is an RFC-variant version 6 UUID.
constexpr std::optional<Uuid> uuid6_to_uuid1(const Uuid& u) noexcept {
    if (!is_rfc_version(u, 6)) return std::nullopt;
    const std::uint64_t hi = u.high();
    const std::uint64_t ticks = ((hi >> 16) << 12) | (hi & 0x0FFF);
    const Uuid v1 = build::v1(ticks, 0, 0);
    return Uuid::from_u64(v1.high(), u.low());
}

}  // namespace oruuid
