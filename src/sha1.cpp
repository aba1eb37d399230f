// src/sha1.cpp: SHA-1 (FIPS 180-4 §6.1), written from the specification.
#include "oruuid/detail/sha1.hpp"

#include <atomic>
#include <cstring>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#endif

#include "oruuid/detail/platform.hpp"

namespace oruuid::detail {
namespace {

inline std::uint32_t rotl(std::uint32_t v, int n) {
    return (v << n) | (v >> (32 - n));
}

// SHA-1 is big-endian throughout (FIPS 180-4 §3.1).
inline std::uint32_t load32_be(const std::uint8_t* p) {
    return std::uint32_t{p[0]} << 24 | std::uint32_t{p[1]} << 16 | std::uint32_t{p[2]} << 8 |
           std::uint32_t{p[3]};
}
inline void store32_be(std::uint8_t* p, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) p[i] = static_cast<std::uint8_t>(v >> (24 - 8 * i));
}

}  // namespace

void Sha1::reset() noexcept {
    // FIPS 180-4 §5.3.1: H(0).
    state_[0] = 0x67452301;
    state_[1] = 0xefcdab89;
    state_[2] = 0x98badcfe;
    state_[3] = 0x10325476;
    state_[4] = 0xc3d2e1f0;
    reset_buffer();
}

// FIPS 180-4 §6.1.2: the message schedule and eighty steps over one 64-byte block.
void sha1_compress_scalar(std::uint32_t state[5], const std::uint8_t* block) noexcept {
    std::uint32_t w[80];
    for (int t = 0; t < 16; ++t) w[t] = load32_be(block + 4 * t);
    for (int t = 16; t < 80; ++t) w[t] = rotl(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);

    std::uint32_t a = state[0], b = state[1], c = state[2], d = state[3], e = state[4];
    // One loop per §4.1.1 function and §4.2.1 constant, so no step branches.
    auto step = [&](std::uint32_t f, std::uint32_t k, std::uint32_t wt) {
        const std::uint32_t temp = rotl(a, 5) + f + e + k + wt;
        e = d;
        d = c;
        c = rotl(b, 30);
        b = a;
        a = temp;
    };
    for (int t = 0; t < 20; ++t) step((b & c) ^ (~b & d), 0x5a827999, w[t]);            // Ch
    for (int t = 20; t < 40; ++t) step(b ^ c ^ d, 0x6ed9eba1, w[t]);                    // Parity
    for (int t = 40; t < 60; ++t) step((b & c) ^ (b & d) ^ (c & d), 0x8f1bbcdc, w[t]);  // Maj
    for (int t = 60; t < 80; ++t) step(b ^ c ^ d, 0xca62c1d6, w[t]);                    // Parity
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
    state[4] += e;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define ORUUID_SHA1_SHANI 1
#define ORUUID_SHANI __attribute__((target("sha,sse4.1")))

namespace {

// Four steps with function group F (0-3: Ch, Parity, Maj, Parity). `e` carries the
// fifth word (plus the schedule words) in its top lane, as sha1rnds4 wants.
template <int F>
ORUUID_SHANI inline void four_steps(__m128i& abcd, __m128i& prev, __m128i w) noexcept {
    const __m128i e = _mm_sha1nexte_epu32(prev, w);
    prev = abcd;
    abcd = _mm_sha1rnds4_epu32(abcd, e, F);
}

}  // namespace

// The SHA extensions: sha1rnds4 does four steps, sha1nexte derives the next E from
// the A of four steps back, sha1msg1/sha1msg2 extend the schedule four words at a
// time. Lanes hold words highest-first, so A (and W[t]) sit in lane 3.
ORUUID_SHANI void sha1_compress_shani(std::uint32_t state[5], const std::uint8_t* block) noexcept {
    // Reverses the 16 bytes: big-endian words, W[4i] in the top lane.
    const __m128i reverse = _mm_set_epi64x(0x0001020304050607LL, 0x08090a0b0c0d0e0fLL);
    const __m128i abcd0 =
        _mm_shuffle_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(state)), 0x1B);
    const __m128i e0 = _mm_set_epi32(static_cast<int>(state[4]), 0, 0, 0);

    // FIPS 180-4 §6.1.2 step 1: the schedule, four words per vector.
    __m128i w[20];
    for (int i = 0; i < 4; ++i) {
        w[i] = _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(block + 16 * i)),
                                reverse);
    }
    for (int i = 4; i < 20; ++i) {
        w[i] = _mm_sha1msg2_epu32(_mm_xor_si128(_mm_sha1msg1_epu32(w[i - 4], w[i - 3]), w[i - 2]),
                                  w[i - 1]);
    }

    // Steps 0-3 take E from the state; later groups derive it with sha1nexte.
    __m128i abcd = abcd0;
    __m128i prev = abcd;
    abcd = _mm_sha1rnds4_epu32(abcd, _mm_add_epi32(e0, w[0]), 0);
    for (int i = 1; i < 5; ++i) four_steps<0>(abcd, prev, w[i]);
    for (int i = 5; i < 10; ++i) four_steps<1>(abcd, prev, w[i]);
    for (int i = 10; i < 15; ++i) four_steps<2>(abcd, prev, w[i]);
    for (int i = 15; i < 20; ++i) four_steps<3>(abcd, prev, w[i]);

    // §6.1.2 step 4: add the working variables into the state.
    const __m128i e = _mm_sha1nexte_epu32(prev, e0);
    abcd = _mm_shuffle_epi32(_mm_add_epi32(abcd, abcd0), 0x1B);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(state), abcd);
    state[4] = static_cast<std::uint32_t>(_mm_extract_epi32(e, 3));
}
#else
#define ORUUID_SHA1_SHANI 0
void sha1_compress_shani(std::uint32_t state[5], const std::uint8_t* block) noexcept {
    sha1_compress_scalar(state, block);
}
#endif

bool sha1_shani_available() noexcept {
    return ORUUID_SHA1_SHANI && cpu_supports(CpuFeature::sha) && cpu_supports(CpuFeature::sse41);
}

namespace {
// Starts at a stub that picks the kernel on first use: constant-initialised, and
// racing first calls store the same value.
using Kernel = void (*)(std::uint32_t*, const std::uint8_t*) noexcept;
void resolve(std::uint32_t* state, const std::uint8_t* block) noexcept;
std::atomic<Kernel> g_compress{resolve};

void resolve(std::uint32_t* state, const std::uint8_t* block) noexcept {
    const Kernel k = sha1_shani_available() ? sha1_compress_shani : sha1_compress_scalar;
    g_compress.store(k, std::memory_order_relaxed);
    k(state, block);
}
}  // namespace

void Sha1::compress(const std::uint8_t* block) noexcept {
    g_compress.load(std::memory_order_relaxed)(state_, block);
}

Sha1::Digest Sha1::finish() noexcept {
    // FIPS 180-4 §5.1.1: the bit length goes in big-endian.
    pad(/*big_endian_length=*/true);

    Digest out;
    for (int i = 0; i < 5; ++i) store32_be(out.data() + 4 * i, state_[i]);
    reset();
    return out;
}

}  // namespace oruuid::detail
