// tests/cpp/test_bounds_convert.cpp: v7 range bounds (v7.hpp), v1 <-> v6 (v6.hpp), random_node.
#include <gtest/gtest.h>

#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "oruuid/oruuid.hpp"
#include "support.hpp"

using oruuid::Timestamp;
using oruuid::Uuid;

namespace {

constexpr std::uint64_t kMulticastBit = 0x010000000000ULL;

// RFC 9562 §5.6's example: the same instant, clock sequence and node as v1 and v6.
constexpr Uuid kV1 = oruuid::build::v1(0x1EC9414C232AB00ULL, 0x33C8, 0x9F6BDECED846ULL);
constexpr Uuid kV6 = oruuid::build::v6(0x1EC9414C232AB00ULL, 0x33C8, 0x9F6BDECED846ULL);
static_assert(oruuid::uuid1_to_uuid6(kV1) == kV6, "v1 -> v6 at compile time");
static_assert(oruuid::uuid6_to_uuid1(kV6) == kV1, "v6 -> v1 at compile time");

}  // namespace

TEST(Uuid7Bounds, BitsAreVersionVariantAndTheMillisecond) {
    const Timestamp t = Timestamp::from_unix_ms(0x017F22E279B0);  // RFC 9562 §A.6
    EXPECT_EQ(oruuid::uuid7_min(t), *oruuid::parse("017f22e2-79b0-7000-8000-000000000000"));
    EXPECT_EQ(oruuid::uuid7_max(t), *oruuid::parse("017f22e2-79b0-7fff-bfff-ffffffffffff"));
    // Any instant within the millisecond gives the same bounds.
    const Timestamp late = Timestamp::from_unix(t.seconds(), t.nanos() + 999999);
    EXPECT_EQ(oruuid::uuid7_min(late), oruuid::uuid7_min(t));
    EXPECT_EQ(oruuid::uuid7_max(late), oruuid::uuid7_max(t));
}

TEST(Uuid7Bounds, EveryV7OfTheMillisecondLiesBetween) {
    oruuid::ContextV7 method3({true, 0});
    oruuid::ContextV7 method1;
    for (int i = 0; i < 2000; ++i) {
        const Timestamp t = Timestamp::from_unix(1700000000 + i * 7919, i * 499979);
        for (Uuid u : {oruuid::uuid7_at(t), method1.next(t), method3.next(t)}) {
            if (oruuid::timestamp_of(u)->unix_ms() != t.unix_ms()) continue;  // counter overflow
            EXPECT_LE(oruuid::uuid7_min(t), u);
            EXPECT_LE(u, oruuid::uuid7_max(t));
        }
        const Timestamp next_ms = Timestamp::from_unix_ms(t.unix_ms() + 1);
        EXPECT_LT(oruuid::uuid7_max(t), oruuid::uuid7_min(next_ms));
    }
}

TEST(Uuid7Bounds, RangeLimitsAsUuid7At) {
    EXPECT_EQ(oruuid::uuid7_min(Timestamp::from_unix_ms(0)),
              *oruuid::parse("00000000-0000-7000-8000-000000000000"));
    EXPECT_EQ(oruuid::uuid7_max(Timestamp::from_unix_ms(Timestamp::kMaxUnixMs)),
              *oruuid::parse("ffffffff-ffff-7fff-bfff-ffffffffffff"));
    EXPECT_THROW(oruuid::uuid7_min(Timestamp::from_unix_ms(-1)), std::out_of_range);
    EXPECT_THROW(oruuid::uuid7_max(Timestamp::from_unix_ms(Timestamp::kMaxUnixMs + 1)),
                 std::out_of_range);
}

TEST(Convert, V1AndV6AreExactInverses) {
    EXPECT_EQ(oruuid::uuid1_to_uuid6(kV1), kV6);
    EXPECT_EQ(*oruuid::uuid6_to_uuid1(kV6), kV1);
    for (int i = 0; i < 5000; ++i) {
        const Uuid v1 = i % 2 ? oruuid::uuid1() : oruuid::uuid1(oruuid::random_u64());
        const auto v6 = oruuid::uuid1_to_uuid6(v1);
        ASSERT_TRUE(v6);
        EXPECT_EQ(v6->version(), 6);
        EXPECT_EQ(v6->variant(), oruuid::Variant::rfc_4122);
        EXPECT_EQ(v6->low(), v1.low());  // clock sequence and node untouched
        EXPECT_EQ(oruuid::timestamp_of(*v6), oruuid::timestamp_of(v1));
        EXPECT_EQ(oruuid::uuid6_to_uuid1(*v6), v1);
        const Uuid w6 = oruuid::uuid6();
        EXPECT_EQ(oruuid::uuid1_to_uuid6(*oruuid::uuid6_to_uuid1(w6)), w6);
    }
}

TEST(Convert, OtherVersionsAndVariantsAreRefused) {
    for (int version = 0; version < 16; ++version) {
        const Uuid u = oruuid::build::with_version(oruuid::uuid4(), version);
        EXPECT_EQ(oruuid::uuid1_to_uuid6(u).has_value(), version == 1) << version;
        EXPECT_EQ(oruuid::uuid6_to_uuid1(u).has_value(), version == 6) << version;
    }
    // Version nibble 1 or 6 but another variant: not a v1/v6 UUID.
    for (std::uint64_t variant : {0x0ULL, 0xCULL, 0xEULL}) {
        const Uuid v1 = Uuid::from_u64(kV1.high(), (kV1.low() & ~(0xFULL << 60)) | variant << 60);
        const Uuid v6 = Uuid::from_u64(kV6.high(), (kV6.low() & ~(0xFULL << 60)) | variant << 60);
        EXPECT_FALSE(oruuid::uuid1_to_uuid6(v1));
        EXPECT_FALSE(oruuid::uuid6_to_uuid1(v6));
    }
    EXPECT_FALSE(oruuid::uuid1_to_uuid6(Uuid::nil()));
    EXPECT_FALSE(oruuid::uuid6_to_uuid1(Uuid::max()));
}

TEST(RandomNode, MulticastStableAndNotTheHardwareAddress) {
    const std::uint64_t node = oruuid::random_node();
    EXPECT_LT(node, std::uint64_t{1} << 48);
    EXPECT_NE(node & kMulticastBit, 0u);
    if (auto hw = oruuid::hardware_node()) {
        EXPECT_NE(node, *hw);
    }
    std::vector<std::uint64_t> seen(8);
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; ++i) threads.emplace_back([&, i] { seen[i] = oruuid::random_node(); });
    for (auto& t : threads) t.join();
    for (auto v : seen) EXPECT_EQ(v, node);
}

TEST(RandomNode, ThreadsRacingTheFirstDrawAgree) {
#if !ORUUID_TEST_HAS_FORK
    GTEST_SKIP() << "needs fork: the first draw must happen in a fresh child";
#else
    // In a fresh child no node has been drawn yet: its threads race for the first.
    auto child = oruuid_test::spawn([](int out) {
        std::vector<std::uint64_t> seen(16);
        std::vector<std::thread> threads;
        for (int i = 0; i < 16; ++i)
            threads.emplace_back([&, i] { seen[i] = oruuid::random_node(); });
        for (auto& t : threads) t.join();
        for (auto v : seen)
            if (v != seen[0]) return 2;
        return oruuid_test::write_all(out, &seen[0], sizeof seen[0]) ? 0 : 1;
    });
    ASSERT_GE(child.pid, 0);
    std::uint64_t theirs = 0;
    ASSERT_TRUE(oruuid_test::read_all(child.out, &theirs, sizeof theirs));
    EXPECT_EQ(oruuid_test::wait_for(child), 0);
    EXPECT_NE(theirs & kMulticastBit, 0u);
#endif
}

TEST(RandomNode, AForkedChildDrawsItsOwn) {
#if !ORUUID_TEST_HAS_FORK
    GTEST_SKIP() << "needs fork";
#else
    const std::uint64_t parent = oruuid::random_node();
    std::set<std::uint64_t> nodes = {parent};
    constexpr int kChildren = 8;
    for (int c = 0; c < kChildren; ++c) {
        auto child = oruuid_test::spawn([](int out) {
            const std::uint64_t mine[2] = {
                oruuid::random_node(),
                oruuid::uuid1(oruuid::random_node()).low() & 0xFFFFFFFFFFFFULL};
            // A grandchild draws again too.
            auto grandchild = oruuid_test::spawn([](int gout) {
                const std::uint64_t n = oruuid::random_node();
                return oruuid_test::write_all(gout, &n, sizeof n) ? 0 : 1;
            });
            std::uint64_t theirs = 0;
            if (grandchild.pid < 0 ||
                !oruuid_test::read_all(grandchild.out, &theirs, sizeof theirs) ||
                oruuid_test::wait_for(grandchild) != 0)
                return 3;
            const std::uint64_t all[3] = {mine[0], mine[1], theirs};
            return oruuid_test::write_all(out, all, sizeof all) ? 0 : 1;
        });
        ASSERT_GE(child.pid, 0);
        std::uint64_t got[3] = {};
        ASSERT_TRUE(oruuid_test::read_all(child.out, got, sizeof got));
        EXPECT_EQ(oruuid_test::wait_for(child), 0);
        EXPECT_EQ(got[0], got[1]);  // stable within the child
        nodes.insert(got[0]);
        nodes.insert(got[2]);
    }
    EXPECT_EQ(nodes.size(),
              static_cast<std::size_t>(1 + 2 * kChildren));  // 2^-47 per pair otherwise
    EXPECT_EQ(oruuid::random_node(), parent);                // the parent keeps its own
#endif
}
