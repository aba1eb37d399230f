// tests/cpp/test_chacha20.cpp: the ChaCha20 kernels against RFC 8439 and against each other.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "internal/chacha20.hpp"

namespace {

using oruuid::detail::chacha20_avx2_available;
using oruuid::detail::chacha20_avx512_available;
using oruuid::detail::chacha20_blocks;
using oruuid::detail::chacha20_blocks_avx2;
using oruuid::detail::chacha20_blocks_avx512;
using oruuid::detail::chacha20_blocks_scalar;
using oruuid::detail::kChaChaBlockSize;

using Kernel = void (*)(const std::uint32_t*, std::uint64_t, const std::uint32_t*, std::uint8_t*,
                        std::size_t) noexcept;

std::vector<std::uint8_t> unhex(const std::string& hex) {
    std::vector<std::uint8_t> out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
        out.push_back(static_cast<std::uint8_t>(std::stoi(hex.substr(i, 2), nullptr, 16)));
    return out;
}

// RFC 8439 §2.3: the key and nonce are read as little-endian words.
void load_words(const std::vector<std::uint8_t>& bytes, std::uint32_t* words, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i)
        words[i] = std::uint32_t{bytes[4 * i]} | std::uint32_t{bytes[4 * i + 1]} << 8 |
                   std::uint32_t{bytes[4 * i + 2]} << 16 | std::uint32_t{bytes[4 * i + 3]} << 24;
}

struct KernelCase {
    const char* name;
    Kernel fn;
};

class ChaCha20Kernel : public ::testing::TestWithParam<KernelCase> {
protected:
    void SetUp() override {
        if (GetParam().fn == &chacha20_blocks_avx2 && !chacha20_avx2_available())
            GTEST_SKIP() << "CPU lacks AVX2";
        if (GetParam().fn == &chacha20_blocks_avx512 && !chacha20_avx512_available())
            GTEST_SKIP() << "CPU lacks AVX-512";
    }
};

// RFC 8439 §2.3.2: key 00..1f, nonce 00:00:00:09:00:00:00:4a:00:00:00:00, counter 1.
TEST_P(ChaCha20Kernel, Rfc8439BlockFunctionVector) {
    std::uint32_t key[8], nonce[3];
    std::vector<std::uint8_t> key_bytes(32);
    for (int i = 0; i < 32; ++i) key_bytes[i] = static_cast<std::uint8_t>(i);
    load_words(key_bytes, key, 8);
    load_words(unhex("000000090000004a00000000"), nonce, 3);

    const auto expected = unhex(
        "10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e"
        "d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e");
    // Ask for sixteen and eight blocks so the AVX-512 and AVX2 kernels take their
    // full-width paths; the first must be the vector.
    for (std::size_t n : {16, 8}) {
        std::vector<std::uint8_t> out(n * kChaChaBlockSize);
        GetParam().fn(key, 1, nonce, out.data(), n);
        EXPECT_EQ(std::vector<std::uint8_t>(out.begin(), out.begin() + 64), expected) << n;
    }
    // And alone, through the single-block path.
    std::vector<std::uint8_t> one(kChaChaBlockSize);
    GetParam().fn(key, 1, nonce, one.data(), 1);
    EXPECT_EQ(one, expected);
}

// RFC 8439 §2.4.2: the keystream from counter 1 XORed with the "sunscreen" text.
TEST_P(ChaCha20Kernel, Rfc8439EncryptionVector) {
    std::uint32_t key[8], nonce[3];
    std::vector<std::uint8_t> key_bytes(32);
    for (int i = 0; i < 32; ++i) key_bytes[i] = static_cast<std::uint8_t>(i);
    load_words(key_bytes, key, 8);
    load_words(unhex("000000000000004a00000000"), nonce, 3);

    const std::string plaintext =
        "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the "
        "future, sunscreen would be it.";
    const auto expected = unhex(
        "6e2e359a2568f98041ba0728dd0d6981e97e7aec1d4360c20a27afccfd9fae0b"
        "f91b65c5524733ab8f593dabcd62b3571639d624e65152ab8f530c359f0861d8"
        "07ca0dbf500d6a6156a38e088a22b65e52bc514d16ccf806818ce91ab7793736"
        "5af90bbf74a35be6b40b8eedf2785e42874d");
    ASSERT_EQ(plaintext.size(), expected.size());

    std::vector<std::uint8_t> ks(2 * kChaChaBlockSize);
    GetParam().fn(key, 1, nonce, ks.data(), 2);
    std::vector<std::uint8_t> ciphertext(plaintext.size());
    for (std::size_t i = 0; i < plaintext.size(); ++i)
        ciphertext[i] = static_cast<std::uint8_t>(plaintext[i]) ^ ks[i];
    EXPECT_EQ(ciphertext, expected);
}

// RFC 8439 Appendix A.1, test vectors 1 and 2: all-zero key and nonce, counters 0 and 1.
TEST_P(ChaCha20Kernel, Rfc8439AppendixA1ZeroKey) {
    const std::uint32_t key[8] = {};
    const std::uint32_t nonce[3] = {};
    std::vector<std::uint8_t> out(2 * kChaChaBlockSize);
    GetParam().fn(key, 0, nonce, out.data(), 2);
    EXPECT_EQ(out, unhex("76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7"
                         "da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586"
                         "9f07e7be5551387a98ba977c732d080dcb0f29a048e3656912c6533e32ee7aed"
                         "29b721769ce64e43d57133b074d839d531ed1f28510afb45ace10a1f4b794d6f"));
}

// Counter 2^32 - 1 + 1 carries into word 13, so it equals counter 0 with nonce[0] + 1.
// Checked at each position within a full-width pass of both vector kernels.
TEST_P(ChaCha20Kernel, CounterCarriesIntoNonceWord) {
    const std::uint32_t key[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    const std::uint32_t nonce[3] = {0x10, 0x20, 0x30};
    const std::uint32_t bumped[3] = {0x11, 0x20, 0x30};
    for (std::uint64_t before = 1; before < 16; ++before) {
        std::vector<std::uint8_t> across(16 * kChaChaBlockSize), expect(16 * kChaChaBlockSize);
        GetParam().fn(key, 0x100000000ULL - before, nonce, across.data(), 16);
        chacha20_blocks_scalar(key, 0x100000000ULL - before, nonce, expect.data(), before);
        chacha20_blocks_scalar(key, 0, bumped, expect.data() + before * kChaChaBlockSize,
                               16 - before);
        EXPECT_EQ(across, expect) << before;
    }
}

INSTANTIATE_TEST_SUITE_P(Kernels, ChaCha20Kernel,
                         ::testing::Values(KernelCase{"scalar", &chacha20_blocks_scalar},
                                           KernelCase{"avx2", &chacha20_blocks_avx2},
                                           KernelCase{"avx512", &chacha20_blocks_avx512},
                                           KernelCase{"dispatch", &chacha20_blocks}),
                         [](const auto& info) { return std::string(info.param.name); });

// A vector kernel must agree with the scalar one for every key, counter and length,
// including partial passes and counters that wrap 32 bits or the 64-bit sum.
void expect_matches_scalar(Kernel fn, int iterations, std::size_t max_blocks) {
    std::mt19937_64 rng(12345);
    for (int iter = 0; iter < iterations; ++iter) {
        std::uint32_t key[8], nonce[3];
        for (auto& k : key) k = static_cast<std::uint32_t>(rng());
        for (auto& n : nonce) n = static_cast<std::uint32_t>(rng());
        std::uint64_t counter = rng();
        if (iter % 4 == 1) counter = 0xFFFFFFFFULL - (rng() % 40);  // straddle the carry
        if (iter % 4 == 2) counter = rng() % 100;
        if (iter % 8 == 3) counter = ~std::uint64_t{0} - (rng() % 40);  // the sum wraps
        const std::size_t nblocks = 1 + rng() % max_blocks;

        // Sentinel bytes after the output catch overruns from the partial pass.
        std::vector<std::uint8_t> a(nblocks * kChaChaBlockSize + 1024, 0xA5);
        std::vector<std::uint8_t> b(nblocks * kChaChaBlockSize + 1024, 0xA5);
        fn(key, counter, nonce, a.data(), nblocks);
        chacha20_blocks_scalar(key, counter, nonce, b.data(), nblocks);
        ASSERT_EQ(a, b) << "iteration " << iter << " nblocks " << nblocks;
        for (std::size_t i = nblocks * kChaChaBlockSize; i < a.size(); ++i) ASSERT_EQ(a[i], 0xA5);
    }
}

TEST(ChaCha20, Avx2MatchesScalarOnRandomInputs) {
    if (!chacha20_avx2_available()) GTEST_SKIP() << "CPU lacks AVX2";
    expect_matches_scalar(&chacha20_blocks_avx2, 500, 40);
}

// Lengths up to 80 cover every short pass (1-15 blocks) after zero to four full ones.
TEST(ChaCha20, Avx512MatchesScalarOnRandomInputs) {
    if (!chacha20_avx512_available()) GTEST_SKIP() << "CPU lacks AVX-512";
    expect_matches_scalar(&chacha20_blocks_avx512, 2000, 80);
}

// Every length from 1 to 48 blocks, so no short-pass size is left to chance.
TEST(ChaCha20, DispatchMatchesScalarAtEveryLength) {
    const std::uint32_t key[8] = {0xdeadbeef, 2, 3, 4, 5, 6, 7, 0x80000000};
    const std::uint32_t nonce[3] = {0xffffffff, 0, 0x12345678};
    for (std::size_t n = 1; n <= 48; ++n) {
        std::vector<std::uint8_t> a(n * kChaChaBlockSize + 64, 0x5A);
        std::vector<std::uint8_t> b(n * kChaChaBlockSize + 64, 0x5A);
        chacha20_blocks(key, 0xFFFFFFF0ULL, nonce, a.data(), n);
        chacha20_blocks_scalar(key, 0xFFFFFFF0ULL, nonce, b.data(), n);
        ASSERT_EQ(a, b) << n;
    }
}

// Consecutive calls continue the stream: blocks [c, c+n) then [c+n, c+n+m) equal one call.
TEST(ChaCha20, SplitCallsContinueTheStream) {
    const std::uint32_t key[8] = {9, 8, 7, 6, 5, 4, 3, 2};
    const std::uint32_t nonce[3] = {1, 0, 0};
    std::vector<std::uint8_t> whole(20 * kChaChaBlockSize), parts(20 * kChaChaBlockSize);
    chacha20_blocks(key, 7, nonce, whole.data(), 20);
    chacha20_blocks(key, 7, nonce, parts.data(), 5);
    chacha20_blocks(key, 12, nonce, parts.data() + 5 * kChaChaBlockSize, 15);
    EXPECT_EQ(whole, parts);
    // Different blocks differ.
    EXPECT_NE(std::memcmp(whole.data(), whole.data() + kChaChaBlockSize, kChaChaBlockSize), 0);
}

}  // namespace
