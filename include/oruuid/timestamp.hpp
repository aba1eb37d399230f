// oruuid/timestamp.hpp: instants for time-based UUIDs, in Unix and Gregorian terms.
#pragma once

#include <cstdint>
#include <optional>

#include "oruuid/uuid.hpp"

namespace oruuid {

/// An instant: seconds since the Unix epoch (may be negative) plus nanoseconds.
///
/// v7 uses Unix milliseconds (RFC 9562 §5.7); v1 and v6 use 100 ns ticks since
/// 1582-10-15 00:00 UTC, the Gregorian reform (RFC 9562 §5.1).
class Timestamp {
public:
    /// 100 ns ticks from 1582-10-15 to 1970-01-01.
    static constexpr std::uint64_t kGregorianOffset = 0x01B21DD213814000ULL;
    /// Largest v1/v6 timestamp: 60 bits of ticks.
    static constexpr std::uint64_t kMaxGregorianTicks = (1ULL << 60) - 1;
    /// Largest v7 timestamp: 48 bits of milliseconds.
    static constexpr std::uint64_t kMaxUnixMs = (1ULL << 48) - 1;

    constexpr Timestamp() noexcept = default;

    /// `nanos` may exceed one second or be negative; it is normalised into [0, 1e9).
    static constexpr Timestamp from_unix(std::int64_t seconds, std::int64_t nanos = 0) noexcept {
        std::int64_t carry = nanos / 1000000000;
        std::int64_t rem = nanos % 1000000000;
        if (rem < 0) {
            rem += 1000000000;
            carry -= 1;
        }
        return Timestamp(seconds + carry, static_cast<std::uint32_t>(rem));
    }
    static constexpr Timestamp from_unix_ms(std::int64_t ms) noexcept {
        return from_unix(floor_div(ms, 1000), floor_mod(ms, 1000) * 1000000);
    }
    static constexpr Timestamp from_gregorian(std::uint64_t ticks) noexcept {
        std::int64_t unix_ticks =
            static_cast<std::int64_t>(ticks) - static_cast<std::int64_t>(kGregorianOffset);
        return from_unix(floor_div(unix_ticks, 10000000), floor_mod(unix_ticks, 10000000) * 100);
    }
    /// The wall clock, CLOCK_REALTIME.
    static Timestamp now() noexcept;

    constexpr std::int64_t seconds() const noexcept { return seconds_; }
    constexpr std::uint32_t nanos() const noexcept { return nanos_; }
    /// Milliseconds since the epoch, rounded down.
    constexpr std::int64_t unix_ms() const noexcept { return seconds_ * 1000 + nanos_ / 1000000; }
    /// 100 ns ticks since 1582-10-15, rounded down; negative before it.
    constexpr std::int64_t gregorian_ticks() const noexcept {
        return seconds_ * 10000000 + nanos_ / 100 + static_cast<std::int64_t>(kGregorianOffset);
    }

    friend constexpr bool operator==(Timestamp a, Timestamp b) noexcept {
        return a.seconds_ == b.seconds_ && a.nanos_ == b.nanos_;
    }
    friend constexpr bool operator!=(Timestamp a, Timestamp b) noexcept { return !(a == b); }
    friend constexpr bool operator<(Timestamp a, Timestamp b) noexcept {
        return a.seconds_ < b.seconds_ || (a.seconds_ == b.seconds_ && a.nanos_ < b.nanos_);
    }
    friend constexpr bool operator>(Timestamp a, Timestamp b) noexcept { return b < a; }
    friend constexpr bool operator<=(Timestamp a, Timestamp b) noexcept { return !(b < a); }
    friend constexpr bool operator>=(Timestamp a, Timestamp b) noexcept { return !(a < b); }

private:
    constexpr Timestamp(std::int64_t s, std::uint32_t ns) noexcept : seconds_(s), nanos_(ns) {}
    static constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
        return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
    }
    static constexpr std::int64_t floor_mod(std::int64_t a, std::int64_t b) noexcept {
        return a - floor_div(a, b) * b;
    }

    std::int64_t seconds_ = 0;
    std::uint32_t nanos_ = 0;
};

/// The instant encoded in a v1, v6 or v7 UUID; nullopt for other versions.
/// v1/v6 keep 100 ns precision, v7 millisecond precision.
std::optional<Timestamp> timestamp_of(const Uuid& u) noexcept;

/// The raw 60-bit tick count of a v1/v6 UUID, or the 48-bit milliseconds of a v7:
/// what Python's `UUID.time` gives.
std::optional<std::uint64_t> raw_time_of(const Uuid& u) noexcept;

}  // namespace oruuid
