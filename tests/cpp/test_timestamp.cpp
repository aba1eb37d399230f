// tests/cpp/test_timestamp.cpp: Unix and Gregorian time, and the time inside UUIDs.
#include <gtest/gtest.h>

#include <random>

#include "oruuid/builder.hpp"
#include "oruuid/timestamp.hpp"

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
