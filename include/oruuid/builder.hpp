// oruuid/builder.hpp: lays the bits of each UUID version; no clocks, no randomness.
//
// Policy (which time, which counter) lives in the generators and contexts; this
// header only places given values, so every layout is testable with fixed input.
#pragma once

#include <cstdint>

#include "oruuid/uuid.hpp"

namespace oruuid::build {

/// Sets the version nibble and the RFC 9562 variant (0b10) on `u`.
constexpr Uuid with_version(const Uuid& u, int version) noexcept {
    std::uint64_t hi = (u.high() & ~0xF000ULL) | (std::uint64_t(version & 0xF) << 12);
    std::uint64_t lo = (u.low() & ~(0xC000ULL << 48)) | (0x8000ULL << 48);
    return Uuid::from_u64(hi, lo);
}

/// v1 (RFC 9562 §5.1): 60-bit Gregorian 100 ns ticks, 14-bit clock sequence, 48-bit node.
///
///     time_low(32) | time_mid(16) | ver=1(4) time_high(12) | var(2) clock_seq(14) | node(48)
constexpr Uuid v1(std::uint64_t ticks, std::uint16_t clock_seq, std::uint64_t node) noexcept {
    std::uint64_t hi = ((ticks & 0xFFFFFFFFULL) << 32) | (((ticks >> 32) & 0xFFFF) << 16) | 0x1000 |
                       ((ticks >> 48) & 0x0FFF);
    std::uint64_t lo = (0x8000ULL | (clock_seq & 0x3FFFULL)) << 48 | (node & 0xFFFFFFFFFFFFULL);
    return Uuid::from_u64(hi, lo);
}

/// v6 (RFC 9562 §5.6): v1's fields with the timestamp reordered to sort by time.
///
///     time_high(32) | time_mid(16) | ver=6(4) time_low(12) | var(2) clock_seq(14) | node(48)
constexpr Uuid v6(std::uint64_t ticks, std::uint16_t clock_seq, std::uint64_t node) noexcept {
    std::uint64_t hi = ((ticks >> 12) & 0xFFFFFFFFFFFFULL) << 16 | 0x6000 | (ticks & 0x0FFF);
    std::uint64_t lo = (0x8000ULL | (clock_seq & 0x3FFFULL)) << 48 | (node & 0xFFFFFFFFFFFFULL);
    return Uuid::from_u64(hi, lo);
}

/// v7 (RFC 9562 §5.7): 48-bit Unix milliseconds, 12-bit rand_a, 62-bit rand_b.
///
///     unix_ts_ms(48) | ver=7(4) rand_a(12) | var(2) rand_b(62)
constexpr Uuid v7(std::uint64_t unix_ms, std::uint16_t rand_a, std::uint64_t rand_b) noexcept {
    std::uint64_t hi = (unix_ms & 0xFFFFFFFFFFFFULL) << 16 | 0x7000 | (rand_a & 0x0FFF);
    std::uint64_t lo = 0x8000000000000000ULL | (rand_b & 0x3FFFFFFFFFFFFFFFULL);
    return Uuid::from_u64(hi, lo);
}

/// v8 (RFC 9562 §5.8) with CPython 3.14's layout: `a` 48 bits, `b` 12 bits, `c` 62 bits.
///
///     custom_a(48) | ver=8(4) custom_b(12) | var(2) custom_c(62)
constexpr Uuid v8(std::uint64_t a, std::uint16_t b, std::uint64_t c) noexcept {
    std::uint64_t hi = (a & 0xFFFFFFFFFFFFULL) << 16 | 0x8000 | (b & 0x0FFF);
    std::uint64_t lo = 0x8000000000000000ULL | (c & 0x3FFFFFFFFFFFFFFFULL);
    return Uuid::from_u64(hi, lo);
}

/// v3/v4/v5 (RFC 9562 §5.3-5.5): 16 bytes of digest or randomness, version and variant set.
constexpr Uuid from_digest(const Uuid::bytes_type& first16, int version) noexcept {
    return with_version(Uuid(first16), version);
}

}  // namespace oruuid::build
