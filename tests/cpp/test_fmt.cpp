// tests/cpp/test_fmt.cpp: formatting UUIDs as text, every style and case, scalar against SIMD.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <iomanip>
#include <random>
#include <sstream>
#include <string>

#include "internal/text_kernels.hpp"
#include "oruuid/fmt.hpp"

namespace {

using oruuid::Case;
using oruuid::Style;
using oruuid::Uuid;

// RFC 9562 §4's example (time_low f81d4fae ...).
const Uuid kRfcExample = Uuid::from_u64(0xf81d4fae7dec11d0ULL, 0xa76500a0c91e6bf6ULL);

std::string fmt(const Uuid& u, Style s, Case c) {
    return oruuid::to_string(u, s, c);
}

Uuid random_uuid(std::mt19937_64& rng) {
    return Uuid::from_u64(rng(), rng());
}

// Runs before main, possibly before fmt.cpp's own statics: the dispatch must already work.
const std::string kFormattedBeforeMain = oruuid::to_string(kRfcExample, Style::braced, Case::upper);

TEST(Format, WorksDuringStaticInitialisation) {
    EXPECT_EQ(kFormattedBeforeMain, "{F81D4FAE-7DEC-11D0-A765-00A0C91E6BF6}");
}

TEST(Format, FormattedSize) {
    EXPECT_EQ(oruuid::formatted_size(Style::hyphenated), 36u);
    EXPECT_EQ(oruuid::formatted_size(Style::simple), 32u);
    EXPECT_EQ(oruuid::formatted_size(Style::urn), 45u);
    EXPECT_EQ(oruuid::formatted_size(Style::braced), 38u);
}

TEST(Format, RfcExampleEveryStyleAndCase) {
    const Uuid& u = kRfcExample;
    EXPECT_EQ(oruuid::to_string(u), "f81d4fae-7dec-11d0-a765-00a0c91e6bf6");
    EXPECT_EQ(fmt(u, Style::hyphenated, Case::lower), "f81d4fae-7dec-11d0-a765-00a0c91e6bf6");
    EXPECT_EQ(fmt(u, Style::hyphenated, Case::upper), "F81D4FAE-7DEC-11D0-A765-00A0C91E6BF6");
    EXPECT_EQ(fmt(u, Style::simple, Case::lower), "f81d4fae7dec11d0a76500a0c91e6bf6");
    EXPECT_EQ(fmt(u, Style::simple, Case::upper), "F81D4FAE7DEC11D0A76500A0C91E6BF6");
    EXPECT_EQ(fmt(u, Style::urn, Case::lower), "urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6");
    // Only the digits change case; the URN prefix stays as RFC 9562 writes it.
    EXPECT_EQ(fmt(u, Style::urn, Case::upper), "urn:uuid:F81D4FAE-7DEC-11D0-A765-00A0C91E6BF6");
    EXPECT_EQ(fmt(u, Style::braced, Case::lower), "{f81d4fae-7dec-11d0-a765-00a0c91e6bf6}");
    EXPECT_EQ(fmt(u, Style::braced, Case::upper), "{F81D4FAE-7DEC-11D0-A765-00A0C91E6BF6}");
}

TEST(Format, NilAndMax) {
    for (Case c : {Case::lower, Case::upper}) {
        EXPECT_EQ(fmt(Uuid::nil(), Style::hyphenated, c), "00000000-0000-0000-0000-000000000000");
        EXPECT_EQ(fmt(Uuid::nil(), Style::simple, c), "00000000000000000000000000000000");
        EXPECT_EQ(fmt(Uuid::nil(), Style::urn, c), "urn:uuid:00000000-0000-0000-0000-000000000000");
        EXPECT_EQ(fmt(Uuid::nil(), Style::braced, c), "{00000000-0000-0000-0000-000000000000}");
    }
    EXPECT_EQ(fmt(Uuid::max(), Style::hyphenated, Case::lower),
              "ffffffff-ffff-ffff-ffff-ffffffffffff");
    EXPECT_EQ(fmt(Uuid::max(), Style::hyphenated, Case::upper),
              "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF");
    EXPECT_EQ(fmt(Uuid::max(), Style::simple, Case::lower), "ffffffffffffffffffffffffffffffff");
    EXPECT_EQ(fmt(Uuid::max(), Style::urn, Case::upper),
              "urn:uuid:FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF");
    EXPECT_EQ(fmt(Uuid::max(), Style::braced, Case::lower),
              "{ffffffff-ffff-ffff-ffff-ffffffffffff}");
}

TEST(Format, EveryNibbleValueInEveryPosition) {
    // Byte i holds i * 0x11, so each digit value appears, in order, in both halves of a byte.
    Uuid::bytes_type b{};
    for (int i = 0; i < 16; ++i) b[i] = static_cast<std::uint8_t>(i * 0x11);
    EXPECT_EQ(fmt(Uuid(b), Style::hyphenated, Case::lower), "00112233-4455-6677-8899-aabbccddeeff");
    EXPECT_EQ(fmt(Uuid(b), Style::simple, Case::upper), "00112233445566778899AABBCCDDEEFF");
    for (int i = 0; i < 16; ++i) b[i] = static_cast<std::uint8_t>(i << 4 | (15 - i));
    EXPECT_EQ(fmt(Uuid(b), Style::hyphenated, Case::lower), "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");
}

TEST(Format, WritesExactlyFormattedSize) {
    for (Style s : {Style::hyphenated, Style::simple, Style::urn, Style::braced}) {
        for (Case c : {Case::lower, Case::upper}) {
            char buf[64];
            std::memset(buf, '#', sizeof buf);
            oruuid::format_to(kRfcExample, buf + 1, s, c);
            const std::size_t n = oruuid::formatted_size(s);
            EXPECT_EQ(buf[0], '#');
            EXPECT_EQ(buf[n + 1], '#');
            EXPECT_EQ(std::string(buf + 1, n), fmt(kRfcExample, s, c));
            for (std::size_t i = 1; i <= n; ++i) EXPECT_NE(buf[i], '#');
        }
    }
}

TEST(Format, StreamHonoursWidthAndFill) {
    std::ostringstream os;
    os << kRfcExample;
    EXPECT_EQ(os.str(), "f81d4fae-7dec-11d0-a765-00a0c91e6bf6");
    std::ostringstream padded;
    padded << std::setw(38) << std::setfill('*') << std::left << Uuid::nil() << '|';
    EXPECT_EQ(padded.str(), "00000000-0000-0000-0000-000000000000**|");
}

TEST(Format, ScalarKernelsMatchReference) {
    // A slow, obviously right formatter to check the table kernels against.
    std::mt19937_64 rng(1);
    for (int n = 0; n < 10000; ++n) {
        const Uuid u = random_uuid(rng);
        for (bool upper : {false, true}) {
            std::string expected;
            for (int i = 0; i < 16; ++i) {
                if (i == 4 || i == 6 || i == 8 || i == 10) expected += '-';
                char two[3];
                std::snprintf(two, sizeof two, upper ? "%02X" : "%02x", u.bytes()[i]);
                expected += two;
            }
            char buf[36];
            oruuid::detail::format_hyphenated_scalar(u.data(), buf, upper);
            ASSERT_EQ(std::string(buf, 36), expected);
            oruuid::detail::format_simple_scalar(u.data(), buf, upper);
            std::string simple = expected;
            simple.erase(std::remove(simple.begin(), simple.end(), '-'), simple.end());
            ASSERT_EQ(std::string(buf, 32), simple);
        }
    }
}

TEST(Format, SimdMatchesScalar) {
    const oruuid::detail::FormatKernel simd_hyphenated = oruuid::detail::simd_format_kernel(true);
    const oruuid::detail::FormatKernel simd_simple = oruuid::detail::simd_format_kernel(false);
    if (simd_hyphenated == nullptr) GTEST_SKIP() << "CPU lacks the SIMD instructions";
    std::mt19937_64 rng(2);
    for (int n = 0; n < 100000; ++n) {
        const Uuid u = n == 0 ? Uuid::nil() : n == 1 ? Uuid::max() : random_uuid(rng);
        for (bool upper : {false, true}) {
            char scalar[36], simd[36];
            oruuid::detail::format_hyphenated_scalar(u.data(), scalar, upper);
            simd_hyphenated(u.data(), simd, upper);
            ASSERT_EQ(std::string(simd, 36), std::string(scalar, 36));
            oruuid::detail::format_simple_scalar(u.data(), scalar, upper);
            simd_simple(u.data(), simd, upper);
            ASSERT_EQ(std::string(simd, 32), std::string(scalar, 32));
        }
    }
}

TEST(Format, SimdUnalignedBuffers) {
    const oruuid::detail::FormatKernel simd_hyphenated = oruuid::detail::simd_format_kernel(true);
    if (simd_hyphenated == nullptr) GTEST_SKIP() << "CPU lacks the SIMD instructions";
    alignas(64) std::uint8_t in[64];
    alignas(64) char out[128];
    for (int off = 0; off < 16; ++off) {
        std::memcpy(in + off, kRfcExample.data(), 16);
        std::memset(out, '#', sizeof out);
        simd_hyphenated(in + off, out + off, false);
        EXPECT_EQ(std::string(out + off, 36), "f81d4fae-7dec-11d0-a765-00a0c91e6bf6");
        EXPECT_EQ(out[off + 36], '#');
    }
}

TEST(Format, FromBytesPointer) {
    const std::uint8_t raw[17] = {0xAA, 0xf8, 0x1d, 0x4f, 0xae, 0x7d, 0xec, 0x11, 0xd0,
                                  0xa7, 0x65, 0x00, 0xa0, 0xc9, 0x1e, 0x6b, 0xf6};
    EXPECT_EQ(Uuid::from_bytes(raw + 1), kRfcExample);
}

}  // namespace
