// src/timestamp.cpp: the clock, the time in v1, v6 and v7 UUIDs, and each version's time range.
#include "oruuid/timestamp.hpp"

#include <atomic>
#include <stdexcept>

#include "internal/clock.hpp"
#include "internal/platform.hpp"
#include "internal/time_range.hpp"

namespace oruuid {

Timestamp Timestamp::now() noexcept {
    std::int64_t seconds;
    std::uint32_t nanos;
    detail::realtime_now(&seconds, &nanos);
    // Clamped, not wrapped: a clock past year 19391 stays the latest instant, which
    // every generator then refuses as out of its range.
    if (seconds < kMinSeconds) return Timestamp(kMinSeconds, 0);
    if (seconds > kMaxSeconds) return Timestamp(kMaxSeconds, 999999999);
    return Timestamp(seconds, nanos);
}

void Timestamp::out_of_range() {
    throw std::out_of_range(
        "Timestamp out of range: seconds must be within [-2**39, 2**39) of 1970-01-01 "
        "(years -15452 to 19391)");
}

std::optional<std::uint64_t> raw_time_of(const Uuid& u) noexcept {
    if (u.variant() != Variant::rfc_4122) return std::nullopt;
    const std::uint64_t hi = u.high();
    switch (u.version()) {
        case 1:  // time_low | time_mid | ver time_high
            return ((hi & 0x0FFF) << 48) | (((hi >> 16) & 0xFFFF) << 32) | (hi >> 32);
        case 6:  // time_high | time_mid | ver time_low
            return ((hi >> 16) << 12) | (hi & 0x0FFF);
        case 7:
            return hi >> 16;
        default:
            return std::nullopt;
    }
}

std::optional<Timestamp> timestamp_of(const Uuid& u) noexcept {
    auto raw = raw_time_of(u);
    if (!raw) return std::nullopt;
    // Neither throws: 48-bit ms and 60-bit ticks are well inside Timestamp's range.
    if (u.version() == 7) return Timestamp::from_unix_ms(static_cast<std::int64_t>(*raw));
    return Timestamp::from_gregorian(*raw);
}

namespace detail {

// The one message for each range.
void throw_v1_v6_out_of_range() {
    throw std::out_of_range(
        "timestamp out of range for UUIDv1/v6: needs 1582-10-15 <= time < 2**60 ticks of "
        "100 ns (5236-03-31)");
}

void throw_v7_out_of_range() {
    throw std::out_of_range(
        "timestamp out of range for UUIDv7: needs 0 <= unix_ms < 2**48 (1970-01-01 to "
        "10889-08-02)");
}

namespace {
std::atomic<TimeSource> g_time_source{nullptr};
}

Timestamp now() noexcept {
    TimeSource source = g_time_source.load(std::memory_order_relaxed);
    return source ? source() : Timestamp::now();
}

void set_time_source_for_testing(TimeSource source) noexcept {
    g_time_source.store(source, std::memory_order_relaxed);
}

}  // namespace detail
}  // namespace oruuid
