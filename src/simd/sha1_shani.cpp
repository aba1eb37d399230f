// src/simd/sha1_shani.cpp: SHA-1 compression with the x86 SHA extensions (-msha -msse4.1).
//
// See src/simd/chacha20_avx2.cpp for the rules every file in src/simd/ follows.
#include "internal/config.hpp"
#include "internal/sha1.hpp"

#if ORUUID_X86_KERNELS
#include <immintrin.h>

namespace oruuid::detail {
namespace {

// Four steps with function group F (0-3: Ch, Parity, Maj, Parity). `e` carries the
// fifth word (plus the schedule words) in its top lane, as sha1rnds4 wants.
template <int F>
inline void four_steps(__m128i& abcd, __m128i& prev, __m128i w) noexcept {
    const __m128i e = _mm_sha1nexte_epu32(prev, w);
    prev = abcd;
    abcd = _mm_sha1rnds4_epu32(abcd, e, F);
}

}  // namespace

// The SHA extensions: sha1rnds4 does four steps, sha1nexte derives the next E from
// the A of four steps back, sha1msg1/sha1msg2 extend the schedule four words at a
// time. Lanes hold words highest-first, so A (and W[t]) sit in lane 3.
void sha1_shani_kernel(std::uint32_t state[5], const std::uint8_t* block) noexcept {
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

}  // namespace oruuid::detail
#endif  // ORUUID_X86_KERNELS
