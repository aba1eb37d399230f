// tests/cpp/test_versions.cpp: every RFC 9562 test vector, version by version, and each generator.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "oruuid/oruuid.hpp"

using oruuid::Uuid;

namespace {

const nlohmann::json& vectors() {
    static const nlohmann::json j = [] {
        std::ifstream in(ORUUID_VECTORS);
        if (!in) throw std::runtime_error("cannot open " ORUUID_VECTORS);
        return nlohmann::json::parse(in);
    }();
    return j;
}

std::uint64_t hex(const nlohmann::json& v) {
    return std::stoull(v.get<std::string>(), nullptr, 16);
}

Uuid expected(const char* name) {
    auto u = oruuid::parse(vectors()[name]["uuid"].get<std::string>());
    if (!u) throw std::runtime_error(std::string("bad vector ") + name);
    return *u;
}

}  // namespace

TEST(Vectors, V1FromTicksClockSeqAndNode) {
    const auto& v = vectors()["v1"];
    Uuid u = oruuid::build::v1(hex(v["gregorian_100ns_ticks"]),
                               static_cast<std::uint16_t>(hex(v["clock_seq"])), hex(v["node"]));
    EXPECT_EQ(u, expected("v1"));
    EXPECT_EQ(u.version(), 1);
    auto ts = oruuid::Timestamp::from_gregorian(hex(v["gregorian_100ns_ticks"]));
    EXPECT_EQ(ts.seconds(), v["unix_seconds"].get<std::int64_t>());
    EXPECT_EQ(oruuid::uuid1_at(ts, hex(v["node"]), static_cast<std::uint16_t>(hex(v["clock_seq"]))),
              u);
}

TEST(Vectors, V3) {
    const auto& v = vectors()["v3"];
    auto ns = oruuid::parse(v["namespace"].get<std::string>());
    ASSERT_TRUE(ns);
    EXPECT_EQ(*ns, oruuid::NAMESPACE_DNS);
    EXPECT_EQ(oruuid::uuid3(*ns, v["name"].get<std::string>()), expected("v3"));
}

TEST(Vectors, V4FromRandomBits) {
    auto bits = oruuid::parse(vectors()["v4"]["random_128_bits"].get<std::string>());
    ASSERT_TRUE(bits);
    EXPECT_EQ(oruuid::build::from_digest(bits->bytes(), 4), expected("v4"));
}

TEST(Vectors, V5) {
    const auto& v = vectors()["v5"];
    auto ns = oruuid::parse(v["namespace"].get<std::string>());
    ASSERT_TRUE(ns);
    EXPECT_EQ(oruuid::uuid5(*ns, v["name"].get<std::string>()), expected("v5"));
}

TEST(Vectors, V6FromTicksClockSeqAndNode) {
    const auto& v = vectors()["v6"];
    auto ticks = hex(v["gregorian_100ns_ticks"]);
    auto cs = static_cast<std::uint16_t>(hex(v["clock_seq"]));
    Uuid u = oruuid::build::v6(ticks, cs, hex(v["node"]));
    EXPECT_EQ(u, expected("v6"));
    EXPECT_EQ(oruuid::uuid6_at(oruuid::Timestamp::from_gregorian(ticks), hex(v["node"]), cs), u);
    EXPECT_EQ(oruuid::raw_time_of(u), ticks);
}

TEST(Vectors, V7FromMillisAndRandomBits) {
    const auto& v = vectors()["v7"];
    EXPECT_EQ(hex(v["unix_ts_ms"]), v["unix_ms_decimal"].get<std::uint64_t>());
    Uuid u = oruuid::build::v7(hex(v["unix_ts_ms"]), static_cast<std::uint16_t>(hex(v["rand_a"])),
                               hex(v["rand_b_62_bits"]));
    EXPECT_EQ(u, expected("v7"));
    EXPECT_EQ(oruuid::timestamp_of(u)->unix_ms(), v["unix_ms_decimal"].get<std::int64_t>());
}

TEST(Vectors, V8TimeBased) {
    // Appendix B.1 in CPython 3.14's a/b/c terms.
    Uuid u = oruuid::build::v8(0x2489E9AD2EE2ULL, 0xE00, 0x0EC932D5F69181C0ULL);
    EXPECT_EQ(u, expected("v8_time_based"));
    EXPECT_EQ(oruuid::uuid8(0x2489E9AD2EE2ULL, 0xE00, 0x0EC932D5F69181C0ULL), u);
}

TEST(Vectors, V8NameBasedSha256) {
    auto digest =
        oruuid::parse(vectors()["v8_name_based_sha256"]["sha256"].get<std::string>().substr(0, 32));
    ASSERT_TRUE(digest);
    EXPECT_EQ(oruuid::build::from_digest(digest->bytes(), 8), expected("v8_name_based_sha256"));
}

TEST(Generators, VersionAndVariant) {
    using oruuid::Variant;
    const std::pair<Uuid, int> cases[] = {
        {oruuid::uuid1(), 1}, {oruuid::uuid3(oruuid::NAMESPACE_URL, "x"), 3},
        {oruuid::uuid4(), 4}, {oruuid::uuid5(oruuid::NAMESPACE_OID, "x"), 5},
        {oruuid::uuid6(), 6}, {oruuid::uuid7(), 7},
        {oruuid::uuid8(), 8},
    };
    for (const auto& [u, version] : cases) {
        EXPECT_EQ(u.version(), version);
        EXPECT_EQ(u.variant(), Variant::rfc_4122);
    }
}

TEST(Generators, OptionalArguments) {
    Uuid u = oruuid::uuid1(0x123456789ABCULL, 0x3FFF);
    EXPECT_EQ(u.fields().node, 0x123456789ABCULL);
    EXPECT_EQ(u.low() >> 48, 0xBFFFu);
    u = oruuid::uuid6(0x010203040506ULL, 0x1234);
    EXPECT_EQ(u.fields().node, 0x010203040506ULL);
    EXPECT_EQ((u.low() >> 48) & 0x3FFF, 0x1234u);
    EXPECT_EQ(oruuid::uuid1().fields().node, oruuid::getnode());
    u = oruuid::uuid8(0x123456789ABCULL);
    EXPECT_EQ(u.high() >> 16, 0x123456789ABCULL);
}

TEST(Generators, TimeIsNow) {
    const auto before = oruuid::Timestamp::now();
    const Uuid v1 = oruuid::uuid1(), v6 = oruuid::uuid6(), v7 = oruuid::uuid7();
    const auto after = oruuid::Timestamp::now();
    for (Uuid u : {v1, v6}) {
        auto t = oruuid::timestamp_of(u);
        ASSERT_TRUE(t);
        // The sequence may have advanced a few ticks past the clock.
        EXPECT_GE(t->gregorian_ticks(), before.gregorian_ticks());
        EXPECT_LE(t->gregorian_ticks(), after.gregorian_ticks() + 10000);
    }
    EXPECT_GE(oruuid::timestamp_of(v7)->unix_ms(), before.unix_ms());
    EXPECT_LE(oruuid::timestamp_of(v7)->unix_ms(), after.unix_ms() + 1);
}

TEST(Generators, V4BitBalance) {
    // Each of the 122 random bits must be set about half the time: with n = 200000,
    // a deviation of 6 sigma (0.0067) has probability ~1e-9 per bit.
    constexpr int n = 200000;
    std::vector<int> ones(128, 0);
    std::vector<Uuid> batch(n);
    oruuid::uuid4_many(batch.data(), n);
    for (int i = 0; i < n; ++i) {
        Uuid u = i % 2 ? batch[i] : oruuid::uuid4();
        for (int bit = 0; bit < 128; ++bit) ones[bit] += (u.bytes()[bit / 8] >> (7 - bit % 8)) & 1;
    }
    for (int bit = 0; bit < 128; ++bit) {
        double p = static_cast<double>(ones[bit]) / n;
        if (bit >= 48 && bit < 52) {  // version 0100
            EXPECT_EQ(ones[bit], bit == 49 ? n : 0) << bit;
        } else if (bit == 64 || bit == 65) {  // variant 10
            EXPECT_EQ(ones[bit], bit == 64 ? n : 0) << bit;
        } else {
            EXPECT_NEAR(p, 0.5, 0.0067) << "bit " << bit;
        }
    }
}

TEST(Generators, V4Unique) {
    std::set<Uuid> seen;
    for (int i = 0; i < 200000; ++i) ASSERT_TRUE(seen.insert(oruuid::uuid4()).second);
}
