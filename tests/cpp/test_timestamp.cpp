// tests/cpp/test_timestamp.cpp: Unix and Gregorian time, and the time inside UUIDs.
#include <gtest/gtest.h>

#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <utility>

#include "oruuid/builder.hpp"
#include "oruuid/oruuid.hpp"
#include "oruuid/timestamp.hpp"

using oruuid::ContextV7;
using oruuid::Timestamp;

TEST(Timestamp, NormalisesNanos) {
    EXPECT_EQ(Timestamp::from_unix(1, 1500000000), Timestamp::from_unix(2, 500000000));
    EXPECT_EQ(Timestamp::from_unix(0, -1).seconds(), -1);
    EXPECT_EQ(Timestamp::from_unix(0, -1).nanos(), 999999999u);
}

TEST(Timestamp, UnixMsRoundsDown) {
    EXPECT_EQ(Timestamp::from_unix(1, 999999).unix_ms(), 1000);
    EXPECT_EQ(Timestamp::from_unix_ms(1645557742000).seconds(), 1645557742);
    EXPECT_EQ(Timestamp::from_unix_ms(-1).seconds(), -1);
    EXPECT_EQ(Timestamp::from_unix_ms(-1).nanos(), 999000000u);
    EXPECT_EQ(Timestamp::from_unix_ms(-1).unix_ms(), -1);
}

TEST(Timestamp, GregorianEpochs) {
    EXPECT_EQ(Timestamp::from_gregorian(Timestamp::kGregorianOffset), Timestamp());
    EXPECT_EQ(Timestamp().gregorian_ticks(),
              static_cast<std::int64_t>(Timestamp::kGregorianOffset));
    // 1582-10-15 00:00 UTC is 12219292800 s before the Unix epoch.
    EXPECT_EQ(Timestamp::from_gregorian(0).seconds(), -12219292800LL);
    EXPECT_EQ(Timestamp::from_unix(-12219292800LL).gregorian_ticks(), 0);
    // RFC 9562 Appendix A.1: 0x1EC9414C232AB00 ticks is 2022-02-22 19:22:22 UTC.
    EXPECT_EQ(Timestamp::from_gregorian(0x1EC9414C232AB00ULL).seconds(), 1645557742);
}

TEST(Timestamp, GregorianRoundTripsAt100ns) {
    std::mt19937_64 rng(7);
    for (int i = 0; i < 100000; ++i) {
        std::uint64_t ticks = rng() & Timestamp::kMaxGregorianTicks;
        EXPECT_EQ(Timestamp::from_gregorian(ticks).gregorian_ticks(),
                  static_cast<std::int64_t>(ticks));
    }
}

TEST(Timestamp, Ordered) {
    EXPECT_LT(Timestamp::from_unix(1, 0), Timestamp::from_unix(1, 1));
    EXPECT_LT(Timestamp::from_unix(-1, 999999999), Timestamp::from_unix(0, 0));
    EXPECT_GT(Timestamp::now(), Timestamp::from_unix(1700000000));
}

TEST(Timestamp, RawTimeOfEachVersion) {
    const std::uint64_t ticks = 0x1EC9414C232AB00ULL;
    EXPECT_EQ(oruuid::raw_time_of(oruuid::build::v1(ticks, 0x33C8, 1)), ticks);
    EXPECT_EQ(oruuid::raw_time_of(oruuid::build::v6(ticks, 0x33C8, 1)), ticks);
    EXPECT_EQ(oruuid::raw_time_of(oruuid::build::v7(0x017F22E279B0ULL, 0, 0)), 0x017F22E279B0ULL);
    EXPECT_FALSE(oruuid::raw_time_of(oruuid::build::v8(1, 2, 3)));
    EXPECT_FALSE(oruuid::raw_time_of(oruuid::Uuid::nil()));
    EXPECT_EQ(oruuid::timestamp_of(oruuid::build::v7(1645557742000ULL, 0, 0))->seconds(),
              1645557742);
    EXPECT_EQ(oruuid::timestamp_of(oruuid::build::v1(ticks, 0, 0))->seconds(), 1645557742);
}

// ---- The range (issue 22): every operation is exact or throws std::out_of_range ----

namespace {

constexpr std::int64_t kMin = Timestamp::kMinSeconds;
constexpr std::int64_t kMax = Timestamp::kMaxSeconds;
constexpr std::int64_t kInt64Min = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kInt64Max = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kGregorianSeconds = 12219292800;  // 1582-10-15 to 1970-01-01

// The message of the std::out_of_range that f throws, or "" if it throws none.
template <typename F>
std::string range_error(F&& f) {
    try {
        f();
    } catch (const std::out_of_range& e) {
        return e.what();
    }
    return "";
}

std::uint64_t raw_time(const oruuid::Uuid& u) {
    return *oruuid::raw_time_of(u);
}

}  // namespace

TEST(TimestampRange, SecondsAtTheLimits) {
    EXPECT_EQ(kMin, -(std::int64_t{1} << 39));
    EXPECT_EQ(kMax, (std::int64_t{1} << 39) - 1);
    EXPECT_EQ(Timestamp::from_unix(kMax, 999999999).seconds(), kMax);
    EXPECT_EQ(Timestamp::from_unix(kMin).seconds(), kMin);
    // Not a structured binding: C++17 lambdas cannot capture one (clang rejects it).
    for (const auto& limit : {std::pair{kMax, std::int64_t{1000000000}},
                              {kMax + 1, 0},
                              {kMin, -1},
                              {kMin - 1, 999999999},
                              {kInt64Max, 0},
                              {kInt64Min, 0},
                              {kInt64Max, 999999999},
                              {kInt64Max, 1000000000},
                              {kInt64Min, -1},
                              {kInt64Max, kInt64Max},
                              {kInt64Min, kInt64Min},
                              {kInt64Min, kInt64Max},
                              {kInt64Max, kInt64Min}}) {
        const std::int64_t s = limit.first, ns = limit.second;
        const std::string what = range_error([&] { Timestamp::from_unix(s, ns); });
        EXPECT_NE(what.find("Timestamp out of range"), std::string::npos) << s << " " << ns;
        EXPECT_NE(what.find("2**39"), std::string::npos) << what;
    }
}

TEST(TimestampRange, NanosCarriesAreExact) {
    // A carry may bring out-of-range seconds back in, and reaches +-9.2e9 s.
    EXPECT_EQ(Timestamp::from_unix(kMax + 9, -9000000000), Timestamp::from_unix(kMax));
    EXPECT_EQ(Timestamp::from_unix(kMin - 9, 9000000000), Timestamp::from_unix(kMin));
    const Timestamp up = Timestamp::from_unix(0, kInt64Max);
    EXPECT_EQ(up.seconds(), 9223372036);
    EXPECT_EQ(up.nanos(), 854775807u);
    const Timestamp down = Timestamp::from_unix(0, kInt64Min);
    EXPECT_EQ(down.seconds(), -9223372037);
    EXPECT_EQ(down.nanos(), 145224192u);
}

TEST(TimestampRange, AccessorsAreExactAtTheLimits) {
    const Timestamp last = Timestamp::from_unix(kMax, 999999999);
    const Timestamp first = Timestamp::from_unix(kMin);
    EXPECT_EQ(last.unix_ms(), kMax * 1000 + 999);
    EXPECT_EQ(first.unix_ms(), kMin * 1000);
    EXPECT_EQ(last.gregorian_ticks(), (kMax + kGregorianSeconds) * 10000000 + 9999999);
    EXPECT_EQ(first.gregorian_ticks(), (kMin + kGregorianSeconds) * 10000000);
    EXPECT_LT(first.gregorian_ticks(), 0);
    // Ordering follows the instants, at both ends.
    EXPECT_LT(first, Timestamp::from_unix(kMin, 1));
    EXPECT_LT(Timestamp::from_unix(kMin, 999999999), Timestamp::from_unix(-1));
    EXPECT_LT(Timestamp::from_unix(kMax), last);
    EXPECT_LT(Timestamp(), last);
}

TEST(TimestampRange, FromUnixMsAtTheLimits) {
    EXPECT_EQ(Timestamp::from_unix_ms((kMax + 1) * 1000 - 1).unix_ms(), (kMax + 1) * 1000 - 1);
    EXPECT_EQ(Timestamp::from_unix_ms(kMin * 1000).unix_ms(), kMin * 1000);
    for (std::int64_t ms : {(kMax + 1) * 1000, kMin * 1000 - 1, kInt64Max, kInt64Min}) {
        EXPECT_NE(range_error([&] { Timestamp::from_unix_ms(ms); }), "") << ms;
    }
}

TEST(TimestampRange, FromGregorianAtTheLimits) {
    const auto last_tick =
        static_cast<std::uint64_t>((kMax + 1 + kGregorianSeconds) * 10000000 - 1);
    EXPECT_EQ(Timestamp::from_gregorian(last_tick), Timestamp::from_unix(kMax, 999999900));
    EXPECT_EQ(Timestamp::from_gregorian(last_tick).gregorian_ticks(),
              static_cast<std::int64_t>(last_tick));
    for (std::uint64_t ticks : {last_tick + 1, static_cast<std::uint64_t>(kInt64Max),
                                std::uint64_t{1} << 63, ~std::uint64_t{0}}) {
        EXPECT_NE(range_error([&] { Timestamp::from_gregorian(ticks); }), "") << ticks;
    }
}

// Reported: these made 1970 UUIDs instead of failing.
TEST(TimestampRange, ReportedWraps) {
    EXPECT_NE(range_error([] { oruuid::uuid7_at(Timestamp::from_unix(kInt64Min)); }), "");
    EXPECT_NE(range_error([] { oruuid::uuid1_at(Timestamp::from_unix(1844674407371), 0, 0); }), "");
    EXPECT_NE(range_error([] { Timestamp::from_unix(kInt64Max, 1000000000); }), "");
    EXPECT_NE(range_error([] { Timestamp::from_unix(kInt64Max, 999999999).unix_ms(); }), "");
}

TEST(TimestampRange, V7AtItsLimits) {
    constexpr auto kLastMs = static_cast<std::int64_t>(Timestamp::kMaxUnixMs);
    // The last nanosecond of the last millisecond, and the first of 1970.
    const Timestamp last = Timestamp::from_unix(kLastMs / 1000, kLastMs % 1000 * 1000000 + 999999);
    EXPECT_EQ(raw_time(oruuid::uuid7_at(last)), Timestamp::kMaxUnixMs);
    EXPECT_EQ(raw_time(oruuid::uuid7_max(last)), Timestamp::kMaxUnixMs);
    EXPECT_EQ(raw_time(oruuid::uuid7_at(Timestamp())), 0u);
    const Timestamp after =
        Timestamp::from_unix(kLastMs / 1000, kLastMs % 1000 * 1000000 + 1000000);
    for (Timestamp t : {after, Timestamp::from_unix(kMax, 999999999)}) {
        EXPECT_NE(range_error([&] { oruuid::uuid7_at(t); }).find("2**48"), std::string::npos);
        EXPECT_NE(range_error([&] { oruuid::uuid7_min(t); }).find("2**48"), std::string::npos);
        EXPECT_NE(range_error([&] { ContextV7().next(t); }).find("2**48"), std::string::npos);
    }
    for (Timestamp t : {Timestamp::from_unix(-1, 999999999), Timestamp::from_unix(kMin)}) {
        EXPECT_NE(range_error([&] { oruuid::uuid7_at(t); }).find("1970"), std::string::npos);
        EXPECT_NE(range_error([&] { ContextV7().next(t); }).find("1970"), std::string::npos);
    }
    // adjust_by_millis at the int64 limits neither overflows nor wraps.
    EXPECT_NE(range_error([&] { ContextV7({false, kInt64Max}).next(last); }), "");
    EXPECT_NE(range_error([&] { ContextV7({true, kInt64Min}).next(Timestamp()); }), "");
    EXPECT_EQ(raw_time(ContextV7({false, -kLastMs}).next(last)), 0u);
}

TEST(TimestampRange, V1V6AtTheirLimits) {
    constexpr auto kLastTick = static_cast<std::int64_t>(Timestamp::kMaxGregorianTicks);
    // The last 100 ns tick, reached from Unix time, and its last nanosecond.
    const std::int64_t unix_ticks = kLastTick - kGregorianSeconds * 10000000;
    const Timestamp last =
        Timestamp::from_unix(unix_ticks / 10000000, unix_ticks % 10000000 * 100 + 99);
    EXPECT_EQ(Timestamp::from_gregorian(Timestamp::kMaxGregorianTicks),
              Timestamp::from_unix(unix_ticks / 10000000, unix_ticks % 10000000 * 100));
    EXPECT_EQ(raw_time(oruuid::uuid1_at(last, 0, 0)), Timestamp::kMaxGregorianTicks);
    EXPECT_EQ(raw_time(oruuid::uuid6_at(last, 0, 0)), Timestamp::kMaxGregorianTicks);
    const Timestamp first = Timestamp::from_unix(-kGregorianSeconds);
    EXPECT_EQ(raw_time(oruuid::uuid1_at(first, 0, 0)), 0u);
    const Timestamp after =
        Timestamp::from_unix(unix_ticks / 10000000, unix_ticks % 10000000 * 100 + 100);
    for (Timestamp t : {after, Timestamp::from_gregorian(Timestamp::kMaxGregorianTicks + 1),
                        Timestamp::from_unix(kMax, 999999999)}) {
        EXPECT_NE(range_error([&] { oruuid::uuid1_at(t, 0, 0); }).find("2**60"), std::string::npos);
        EXPECT_NE(range_error([&] { oruuid::uuid6_at(t, 0, 0); }).find("2**60"), std::string::npos);
        EXPECT_NE(range_error([&] { oruuid::ClockSequence().next(t); }).find("2**60"),
                  std::string::npos);
    }
    for (Timestamp t : {Timestamp::from_unix(-kGregorianSeconds, -1), Timestamp::from_unix(kMin)}) {
        EXPECT_NE(range_error([&] { oruuid::uuid1_at(t, 0, 0); }).find("1582-10-15"),
                  std::string::npos);
    }
}
