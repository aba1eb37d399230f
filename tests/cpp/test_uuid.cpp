// tests/cpp/test_uuid.cpp: the Uuid value type and the bit-laying builder.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <unordered_set>
#include <utility>

#include "oruuid/builder.hpp"
#include "oruuid/namespaces.hpp"
#include "oruuid/uuid.hpp"
#include "oruuid/version.hpp"

using oruuid::Uuid;
using oruuid::Variant;

TEST(Uuid, NilAndMax) {
    static_assert(Uuid::nil().is_nil());
    static_assert(Uuid::max().is_max());
    static_assert(Uuid() == Uuid::nil());
    static_assert(Uuid::nil() < Uuid::max());
    EXPECT_EQ(Uuid::max().high(), ~0ULL);
    EXPECT_EQ(Uuid::max().low(), ~0ULL);
    const Uuid max = Uuid::max();
    for (auto b : max.bytes()) EXPECT_EQ(b, 0xFF);
}

TEST(Uuid, FromU64IsBigEndian) {
    constexpr Uuid u = Uuid::from_u64(0x0011223344556677ULL, 0x8899AABBCCDDEEFFULL);
    for (int i = 0; i < 16; ++i) EXPECT_EQ(u.bytes()[i], 0x11 * i) << i;
    static_assert(u.high() == 0x0011223344556677ULL);
    static_assert(u.low() == 0x8899AABBCCDDEEFFULL);
}

#if ORUUID_HAS_INT128
TEST(Uuid, U128RoundTrip) {
    unsigned __int128 v =
        (static_cast<unsigned __int128>(0x0123456789ABCDEFULL) << 64) | 0xFEDCBA9876543210ULL;
    EXPECT_EQ(Uuid::from_u128(v).to_u128(), v);
    EXPECT_EQ(Uuid::from_u128(v).high(), 0x0123456789ABCDEFULL);
}
#endif

// The portable paths (ORUUID_PORTABLE, MSVC) and the bswap ones must agree, at run
// time as at compile time.
TEST(Uuid, HalvesRoundTripAtRunTime) {
    volatile std::uint64_t hi = 0x0123456789ABCDEFULL, lo = 0xFEDCBA9876543210ULL;
    const Uuid u = Uuid::from_u64(hi, lo);
    EXPECT_EQ(u.bytes()[0], 0x01);
    EXPECT_EQ(u.bytes()[7], 0xEF);
    EXPECT_EQ(u.bytes()[8], 0xFE);
    EXPECT_EQ(u.bytes()[15], 0x10);
    EXPECT_EQ(u.high(), hi);
    EXPECT_EQ(u.low(), lo);
    EXPECT_EQ(oruuid::detail::bswap64(hi), 0xEFCDAB8967452301ULL);
    static_assert(oruuid::detail::bswap64(0x0123456789ABCDEFULL) == 0xEFCDAB8967452301ULL);
}

TEST(Uuid, BytesLeSwapsTheFirstThreeFields) {
    // Python: UUID(bytes_le=b'\x78\x56\x34\x12\x34\x12\x78\x56' + b'\x12\x34\x56\x78' * 2)
    //   == UUID('12345678-1234-5678-1234-567812345678')
    Uuid::bytes_type le{0x78, 0x56, 0x34, 0x12, 0x34, 0x12, 0x78, 0x56,
                        0x12, 0x34, 0x56, 0x78, 0x12, 0x34, 0x56, 0x78};
    Uuid u = Uuid::from_bytes_le(le);
    EXPECT_EQ(u, Uuid::from_u64(0x1234567812345678ULL, 0x1234567812345678ULL));
    EXPECT_EQ(u.bytes_le(), le);
}

TEST(Uuid, FieldsRoundTrip) {
    oruuid::Fields f{0x12345678, 0x1234, 0x5678, 0x12, 0x34, 0x567812345678ULL};
    Uuid u = Uuid::from_fields(f);
    EXPECT_EQ(u, Uuid::from_u64(0x1234567812345678ULL, 0x1234567812345678ULL));
    auto g = u.fields();
    EXPECT_EQ(g.time_low, f.time_low);
    EXPECT_EQ(g.time_mid, f.time_mid);
    EXPECT_EQ(g.time_hi_version, f.time_hi_version);
    EXPECT_EQ(g.clock_seq_hi_variant, f.clock_seq_hi_variant);
    EXPECT_EQ(g.clock_seq_low, f.clock_seq_low);
    EXPECT_EQ(g.node, f.node);
}

TEST(Uuid, VersionAndVariant) {
    EXPECT_EQ(oruuid::NAMESPACE_DNS.version(), 1);
    EXPECT_EQ(oruuid::NAMESPACE_DNS.variant(), Variant::rfc_4122);
    EXPECT_EQ(Uuid::nil().variant(), Variant::reserved_ncs);
    EXPECT_EQ(Uuid::max().variant(), Variant::reserved_future);
    EXPECT_EQ(Uuid::from_u64(0, 0xC000000000000000ULL).variant(), Variant::reserved_microsoft);
    EXPECT_EQ(Uuid::from_u64(0, 0x8000000000000000ULL).variant(), Variant::rfc_4122);
}

TEST(Uuid, OrderIsTheIntegerOrder) {
    std::vector<Uuid> v{Uuid::from_u64(1, 0), Uuid::from_u64(0, ~0ULL), Uuid::from_u64(0, 1),
                        Uuid::from_u64(~0ULL, 0), Uuid::nil()};
    std::sort(v.begin(), v.end());
    for (std::size_t i = 1; i < v.size(); ++i) {
        const auto a = std::make_pair(v[i - 1].high(), v[i - 1].low());
        EXPECT_LT(a, std::make_pair(v[i].high(), v[i].low()));
        EXPECT_LT(v[i - 1], v[i]);
        EXPECT_NE(v[i - 1], v[i]);
    }
}

TEST(Uuid, HashDistinguishesValues) {
    std::unordered_set<Uuid> set;
    for (std::uint64_t i = 0; i < 1000; ++i) {
        set.insert(Uuid::from_u64(i, 0));
        set.insert(Uuid::from_u64(0, i));
    }
    EXPECT_EQ(set.size(), 1999u);  // (0, 0) twice
    EXPECT_EQ(std::hash<Uuid>{}(oruuid::NAMESPACE_URL), std::hash<Uuid>{}(oruuid::NAMESPACE_URL));
}

TEST(Builder, WithVersionSetsOnlyVersionAndVariant) {
    Uuid u = oruuid::build::with_version(Uuid::max(), 4);
    EXPECT_EQ(u, Uuid::from_u64(0xFFFFFFFFFFFF4FFFULL, 0xBFFFFFFFFFFFFFFFULL));
    u = oruuid::build::with_version(Uuid::nil(), 5);
    EXPECT_EQ(u, Uuid::from_u64(0x5000, 0x8000000000000000ULL));
}

TEST(Builder, LayoutsMaskTheirInputs) {
    // Every field given all ones must not spill into version or variant bits.
    for (Uuid u :
         {oruuid::build::v1(~0ULL, 0xFFFF, ~0ULL), oruuid::build::v6(~0ULL, 0xFFFF, ~0ULL),
          oruuid::build::v7(~0ULL, 0xFFFF, ~0ULL), oruuid::build::v8(~0ULL, 0xFFFF, ~0ULL)}) {
        EXPECT_EQ(u.variant(), Variant::rfc_4122);
        EXPECT_EQ(u.high() | 0xF000, ~0ULL);
        EXPECT_EQ(u.low(), 0xBFFFFFFFFFFFFFFFULL);
    }
    EXPECT_EQ(oruuid::build::v7(1, 0, 0).version(), 7);
    EXPECT_EQ(oruuid::build::v8(0, 0, 0).version(), 8);
}

TEST(Builder, V8MatchesCpython314Formula) {
    // (a << 80) | (b << 64) | c, then version 8 and the RFC variant.
    Uuid u = oruuid::build::v8(0x123456789ABCULL, 0xDEF, 0x0123456789ABCDEFULL);
    EXPECT_EQ(u, Uuid::from_u64(0x123456789ABC8DEFULL, 0x8123456789ABCDEFULL));
}

TEST(Version, StringMatchesTheNumbers) {
    // CMake and the Python package read the string; C++ users may test the numbers.
    EXPECT_EQ(std::to_string(ORUUID_VERSION_MAJOR) + "." + std::to_string(ORUUID_VERSION_MINOR) +
                  "." + std::to_string(ORUUID_VERSION_PATCH),
              ORUUID_VERSION_STRING);
}
