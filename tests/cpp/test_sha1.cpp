// tests/cpp/test_sha1.cpp: SHA-1 against the FIPS 180 / RFC 3174 vectors and incremental use.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "hash_checks.hpp"
#include "internal/sha1.hpp"

namespace {

using oruuid::detail::Sha1;

std::string sha1_hex(const std::string& msg) {
    return oruuid_test::hex_digest<Sha1>(msg);
}

// RFC 3174 §7.3 TEST1-TEST4 (the FIPS 180 examples).
TEST(Sha1, Rfc3174Vectors) {
    EXPECT_EQ(sha1_hex("abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
    EXPECT_EQ(sha1_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
    std::string test4;
    for (int i = 0; i < 10; ++i)
        test4 += "0123456701234567012345670123456701234567012345670123456701234567";
    EXPECT_EQ(sha1_hex(test4), "dea356a2cddd90c7a7ecedc5ebb563934f460452");
    EXPECT_EQ(sha1_hex(""), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
}

// RFC 3174 TEST3: one million 'a', fed in uneven pieces as well as at once.
TEST(Sha1, OneMillionA) {
    const std::string m(1000000, 'a');
    EXPECT_EQ(sha1_hex(m), "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
    Sha1 h;
    std::size_t done = 0, piece = 1;
    while (done < m.size()) {
        const std::size_t n = std::min(piece, m.size() - done);
        h.update(m.data() + done, n);
        done += n;
        piece = piece * 3 + 1;
        if (piece > 10000) piece = 7;
    }
    EXPECT_EQ(oruuid_test::hex(h.finish()), "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
}

// Lengths around the padding boundaries (55/56 and 119/120 bytes); digests from CPython's hashlib.
TEST(Sha1, PaddingBoundaries) {
    oruuid_test::expect_pattern_digests<Sha1>({
        {55, "ddf57317ef34bfee3b6df83d359098930eb278bc"},
        {56, "a0d492bb0fc889d0eca3bc137066ab6f4f74f369"},
        {57, "11a02dcf95859677a62e75024067c22b165d890f"},
        {63, "c55856749bef509bdfe6bfebfc7bf4e793e82132"},
        {64, "bede92be29c3874e1b54ddc77988d606fc857a8e"},
        {65, "b05a80522b053d6dc7e0a517d0e70212c7dad11f"},
        {119, "504e27376a6e0f0dba8295b85cb25dc4dfa17d23"},
        {120, "82134b02fb3f702491be9bed581eeab59334acb2"},
    });
}

// Splitting the message at any offset must not change the digest.
TEST(Sha1, SplitUpdatesEqualOneShot) {
    oruuid_test::expect_split_updates_equal_one_shot<Sha1>();
}

// finish() leaves the object ready for a new message.
TEST(Sha1, FinishResets) {
    oruuid_test::expect_finish_resets<Sha1>("a9993e364706816aba3e25717850c26c9cd0d89d",
                                            "da39a3ee5e6b4b0d3255bfef95601890afd80709");
}

}  // namespace

// The kernels agree on random states and blocks; the vectors above go through
// whichever one the CPU gets.
TEST(Sha1, ShaExtensionsMatchTheScalarKernel) {
    if (!oruuid::detail::sha1_shani_available()) GTEST_SKIP() << "no SHA extensions";
    std::mt19937_64 rng(180);
    for (int i = 0; i < 20000; ++i) {
        std::uint32_t a[5], b[5];
        for (auto& w : a) w = static_cast<std::uint32_t>(rng());
        std::copy(a, a + 5, b);
        std::uint8_t block[64];
        for (auto& x : block) x = static_cast<std::uint8_t>(rng());
        oruuid::detail::sha1_compress_scalar(a, block);
        oruuid::detail::sha1_compress_shani(b, block);
        ASSERT_TRUE(std::equal(a, a + 5, b)) << "iteration " << i;
    }
}
