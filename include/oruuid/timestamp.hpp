// oruuid/timestamp.hpp: instants for time-based UUIDs, in Unix and Gregorian terms.
#pragma once

#include <cstdint>
#include <optional>

#include "oruuid/export.hpp"
#include "oruuid/uuid.hpp"

namespace oruuid {

/// An instant: seconds since the Unix epoch (may be negative) plus nanoseconds.
///
/// v7 uses Unix milliseconds (RFC 9562 §5.7); v1 and v6 use 100 ns ticks since
/// 1582-10-15 00:00 UTC, the Gregorian reform (RFC 9562 §5.1).
///
/// Range: kMinSeconds <= seconds() <= kMaxSeconds, that is -2^39 <= seconds < 2^39
/// (years -15452 to 19391, proleptic Gregorian). It holds every instant a v1, v6 or
/// v7 UUID or a Python datetime can name, and keeps unix_ms() and gregorian_ticks()
/// exact int64 values for every Timestamp. Constructors throw std::out_of_range for an
/// instant outside it; nothing wraps.
class Timestamp {
public:
    /// 100 ns ticks from 1582-10-15 to 1970-01-01.
    static constexpr std::uint64_t kGregorianOffset = 0x01B21DD213814000ULL;
    /// Largest v1/v6 timestamp: 60 bits of ticks.
    static constexpr std::uint64_t kMaxGregorianTicks = (1ULL << 60) - 1;
    /// Largest v7 timestamp: 48 bits of milliseconds.
    static constexpr std::uint64_t kMaxUnixMs = (1ULL << 48) - 1;
    /// The range of seconds(), any nanos() within it.
    static constexpr std::int64_t kMinSeconds = -(std::int64_t{1} << 39);
    static constexpr std::int64_t kMaxSeconds = (std::int64_t{1} << 39) - 1;

    constexpr Timestamp() noexcept = default;

    /// `nanos` may exceed one second or be negative; it is normalised into [0, 1e9)
    /// and carried into the seconds. Throws std::out_of_range outside the range.
    static constexpr Timestamp from_unix(std::int64_t seconds, std::int64_t nanos = 0) {
        // |carry| < 1e10, so neither bound below can overflow, nor can the sum.
        std::int64_t carry = nanos / 1000000000;
        std::int64_t rem = nanos % 1000000000;
        if (rem < 0) {
            rem += 1000000000;
            carry -= 1;
        }
        if (seconds < kMinSeconds - carry || seconds > kMaxSeconds - carry) out_of_range();
        return Timestamp(seconds + carry, static_cast<std::uint32_t>(rem));
    }
    /// Throws std::out_of_range outside the range (any int64 is safe to pass).
    static constexpr Timestamp from_unix_ms(std::int64_t ms) {
        return from_unix(floor_div(ms, 1000), floor_mod(ms, 1000) * 1000000);
    }
    /// Throws std::out_of_range past the range, from about 5.62e18 ticks (year 19391).
    static constexpr Timestamp from_gregorian(std::uint64_t ticks) {
        // Checked first: a larger count would not fit the int64 arithmetic below.
        if (ticks > kMaxTimestampTicks) out_of_range();
        std::int64_t unix_ticks =
            static_cast<std::int64_t>(ticks) - static_cast<std::int64_t>(kGregorianOffset);
        return from_unix(floor_div(unix_ticks, 10000000), floor_mod(unix_ticks, 10000000) * 100);
    }
    /// The wall clock, CLOCK_REALTIME.
    ORUUID_API static Timestamp now() noexcept;

    constexpr std::int64_t seconds() const noexcept { return seconds_; }
    constexpr std::uint32_t nanos() const noexcept { return nanos_; }
    /// Milliseconds since the epoch, rounded down. Exact: |result| < 2^49.
    constexpr std::int64_t unix_ms() const noexcept { return seconds_ * 1000 + nanos_ / 1000000; }
    /// 100 ns ticks since 1582-10-15, rounded down; negative before it. Exact:
    /// |result| < 2^63 over the whole range.
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
    /// The last tick of the range: (kMaxSeconds + 1) s after 1970, less 100 ns.
    static constexpr std::uint64_t kMaxTimestampTicks =
        static_cast<std::uint64_t>(kMaxSeconds + 1) * 10000000 + kGregorianOffset - 1;
    static_assert(kMaxGregorianTicks <= kMaxTimestampTicks, "every UUIDv1/v6 instant fits");

    /// Out of line, so the header needs no <stdexcept> and stays constexpr-friendly.
    [[noreturn]] ORUUID_API static void out_of_range();

    constexpr Timestamp(std::int64_t s, std::uint32_t ns) noexcept : seconds_(s), nanos_(ns) {}
    static constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
        return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
    }
    // From a % b, not a - floor_div(a, b) * b, whose product overflows near INT64_MIN.
    static constexpr std::int64_t floor_mod(std::int64_t a, std::int64_t b) noexcept {
        const std::int64_t r = a % b;
        return r != 0 && ((r < 0) != (b < 0)) ? r + b : r;
    }

    std::int64_t seconds_ = 0;
    std::uint32_t nanos_ = 0;
};

// The accessors are exact over the whole range (these would not compile if they overflowed).
static_assert((Timestamp::kMaxSeconds + 1) * 10000000 +
                      static_cast<std::int64_t>(Timestamp::kGregorianOffset) - 1 >
                  0,
              "gregorian_ticks() fits at the end of the range");
static_assert(Timestamp::kMinSeconds * 10000000 +
                      static_cast<std::int64_t>(Timestamp::kGregorianOffset) <
                  0,
              "gregorian_ticks() fits at the start of the range");
static_assert(Timestamp::kMaxSeconds * 1000 + 999 > 0 && Timestamp::kMinSeconds * 1000 < 0,
              "unix_ms() fits");
static_assert(Timestamp::kMaxSeconds * 1000 + 999 >=
                  static_cast<std::int64_t>(Timestamp::kMaxUnixMs),
              "every UUIDv7 instant is in the range");

/// The instant encoded in a v1, v6 or v7 UUID; nullopt for other versions.
/// v1/v6 keep 100 ns precision, v7 millisecond precision.
ORUUID_API std::optional<Timestamp> timestamp_of(const Uuid& u) noexcept;

/// The raw 60-bit tick count of a v1/v6 UUID, or the 48-bit milliseconds of a v7:
/// what Python's `UUID.time` gives.
ORUUID_API std::optional<std::uint64_t> raw_time_of(const Uuid& u) noexcept;

}  // namespace oruuid
