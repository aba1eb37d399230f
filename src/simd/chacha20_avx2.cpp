// src/simd/chacha20_avx2.cpp: the ChaCha20 AVX2 kernel, eight blocks a pass (-mavx2).
//
// Like every file in src/simd/, this one is compiled with wider -m flags than the rest
// of the library and runs only where the CPU has them (src/chacha20.cpp decides). So it
// defines its helpers with internal linkage and calls no inline function of a shared
// header: a copy built here must never be the one the linker keeps for everyone.
#include "internal/chacha20.hpp"
#include "internal/config.hpp"
#include "internal/platform.hpp"

#if ORUUID_X86_KERNELS
#include <immintrin.h>

#include <cstring>

namespace oruuid::detail {
namespace {

template <int N>
inline __m256i rotl_v(__m256i v) {
    return _mm256_or_si256(_mm256_slli_epi32(v, N), _mm256_srli_epi32(v, 32 - N));
}

// Transposes 8x8 words so that each register holds eight words of one block:
// register i holds word i of blocks 0..7, and block b is words 0..15 of lane b.
// Stores words a..h (0-7 or 8-15) of each of the eight blocks at `dst + 64 * b`.
inline void transpose_store(__m256i a, __m256i b, __m256i c, __m256i d, __m256i e, __m256i f,
                            __m256i g, __m256i h, std::uint8_t* dst) {
    __m256i t0 = _mm256_unpacklo_epi32(a, b);  // a0 b0 a1 b1 | a4 b4 a5 b5
    __m256i t1 = _mm256_unpackhi_epi32(a, b);  // a2 b2 a3 b3 | a6 b6 a7 b7
    __m256i t2 = _mm256_unpacklo_epi32(c, d);
    __m256i t3 = _mm256_unpackhi_epi32(c, d);
    __m256i t4 = _mm256_unpacklo_epi32(e, f);
    __m256i t5 = _mm256_unpackhi_epi32(e, f);
    __m256i t6 = _mm256_unpacklo_epi32(g, h);
    __m256i t7 = _mm256_unpackhi_epi32(g, h);
    __m256i u0 = _mm256_unpacklo_epi64(t0, t2);  // a0 b0 c0 d0 | a4 b4 c4 d4
    __m256i u1 = _mm256_unpackhi_epi64(t0, t2);  // a1 b1 c1 d1 | a5 b5 c5 d5
    __m256i u2 = _mm256_unpacklo_epi64(t1, t3);  // a2 .. | a6 ..
    __m256i u3 = _mm256_unpackhi_epi64(t1, t3);  // a3 .. | a7 ..
    __m256i u4 = _mm256_unpacklo_epi64(t4, t6);  // e0 f0 g0 h0 | e4 f4 g4 h4
    __m256i u5 = _mm256_unpackhi_epi64(t4, t6);
    __m256i u6 = _mm256_unpacklo_epi64(t5, t7);
    __m256i u7 = _mm256_unpackhi_epi64(t5, t7);
    const __m256i rows[8] = {
        _mm256_permute2x128_si256(u0, u4, 0x20), _mm256_permute2x128_si256(u1, u5, 0x20),
        _mm256_permute2x128_si256(u2, u6, 0x20), _mm256_permute2x128_si256(u3, u7, 0x20),
        _mm256_permute2x128_si256(u0, u4, 0x31), _mm256_permute2x128_si256(u1, u5, 0x31),
        _mm256_permute2x128_si256(u2, u6, 0x31), _mm256_permute2x128_si256(u3, u7, 0x31)};
    for (int blk = 0; blk < 8; ++blk)
        _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + blk * kChaChaBlockSize), rows[blk]);
}

// Eight blocks, counters counter..counter+7, each lane of a register one block.
void blocks8(const std::uint32_t key[8], std::uint64_t counter, const std::uint32_t nonce[3],
             std::uint8_t* out) {
    // Rotations by 16 and 8 are byte shuffles within each 32-bit word.
    const __m256i rot16 = _mm256_setr_epi8(2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13, 2,
                                           3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13);
    const __m256i rot8 = _mm256_setr_epi8(3, 0, 1, 2, 7, 4, 5, 6, 11, 8, 9, 10, 15, 12, 13, 14, 3,
                                          0, 1, 2, 7, 4, 5, 6, 11, 8, 9, 10, 15, 12, 13, 14);

    alignas(32) std::uint32_t w12[8], w13[8];
    for (int i = 0; i < 8; ++i) {
        w12[i] = counter_word12(counter + i);
        w13[i] = counter_word13(counter + i, nonce);
    }

    const __m256i s0 = _mm256_set1_epi32(static_cast<int>(kChaChaSigma[0]));
    const __m256i s1 = _mm256_set1_epi32(static_cast<int>(kChaChaSigma[1]));
    const __m256i s2 = _mm256_set1_epi32(static_cast<int>(kChaChaSigma[2]));
    const __m256i s3 = _mm256_set1_epi32(static_cast<int>(kChaChaSigma[3]));
    const __m256i s4 = _mm256_set1_epi32(static_cast<int>(key[0]));
    const __m256i s5 = _mm256_set1_epi32(static_cast<int>(key[1]));
    const __m256i s6 = _mm256_set1_epi32(static_cast<int>(key[2]));
    const __m256i s7 = _mm256_set1_epi32(static_cast<int>(key[3]));
    const __m256i s8 = _mm256_set1_epi32(static_cast<int>(key[4]));
    const __m256i s9 = _mm256_set1_epi32(static_cast<int>(key[5]));
    const __m256i s10 = _mm256_set1_epi32(static_cast<int>(key[6]));
    const __m256i s11 = _mm256_set1_epi32(static_cast<int>(key[7]));
    const __m256i s12 = _mm256_load_si256(reinterpret_cast<const __m256i*>(w12));
    const __m256i s13 = _mm256_load_si256(reinterpret_cast<const __m256i*>(w13));
    const __m256i s14 = _mm256_set1_epi32(static_cast<int>(nonce[1]));
    const __m256i s15 = _mm256_set1_epi32(static_cast<int>(nonce[2]));

    __m256i x0 = s0, x1 = s1, x2 = s2, x3 = s3, x4 = s4, x5 = s5, x6 = s6, x7 = s7;
    __m256i x8 = s8, x9 = s9, x10 = s10, x11 = s11, x12 = s12, x13 = s13, x14 = s14, x15 = s15;

#define ORUUID_QR(a, b, c, d)                               \
    a = _mm256_add_epi32(a, b);                             \
    d = _mm256_shuffle_epi8(_mm256_xor_si256(d, a), rot16); \
    c = _mm256_add_epi32(c, d);                             \
    b = rotl_v<12>(_mm256_xor_si256(b, c));                 \
    a = _mm256_add_epi32(a, b);                             \
    d = _mm256_shuffle_epi8(_mm256_xor_si256(d, a), rot8);  \
    c = _mm256_add_epi32(c, d);                             \
    b = rotl_v<7>(_mm256_xor_si256(b, c));

    ORUUID_CHACHA_TWENTY_ROUNDS(ORUUID_QR)
#undef ORUUID_QR

    x0 = _mm256_add_epi32(x0, s0);
    x1 = _mm256_add_epi32(x1, s1);
    x2 = _mm256_add_epi32(x2, s2);
    x3 = _mm256_add_epi32(x3, s3);
    x4 = _mm256_add_epi32(x4, s4);
    x5 = _mm256_add_epi32(x5, s5);
    x6 = _mm256_add_epi32(x6, s6);
    x7 = _mm256_add_epi32(x7, s7);
    x8 = _mm256_add_epi32(x8, s8);
    x9 = _mm256_add_epi32(x9, s9);
    x10 = _mm256_add_epi32(x10, s10);
    x11 = _mm256_add_epi32(x11, s11);
    x12 = _mm256_add_epi32(x12, s12);
    x13 = _mm256_add_epi32(x13, s13);
    x14 = _mm256_add_epi32(x14, s14);
    x15 = _mm256_add_epi32(x15, s15);

    transpose_store(x0, x1, x2, x3, x4, x5, x6, x7, out);
    transpose_store(x8, x9, x10, x11, x12, x13, x14, x15, out + 32);
}

}  // namespace

void chacha20_avx2_kernel(const std::uint32_t key[8], std::uint64_t counter,
                          const std::uint32_t nonce[3], std::uint8_t* out,
                          std::size_t nblocks) noexcept {
    for (; nblocks >= 8; nblocks -= 8, counter += 8, out += 8 * kChaChaBlockSize)
        blocks8(key, counter, nonce, out);
    if (nblocks >= 3) {
        // One more pass into scratch is cheaper than three or more scalar blocks.
        alignas(32) std::uint8_t tmp[8 * kChaChaBlockSize];
        blocks8(key, counter, nonce, tmp);
        std::memcpy(out, tmp, nblocks * kChaChaBlockSize);
        secure_zero(tmp, sizeof tmp);
    } else if (nblocks > 0) {
        chacha20_blocks_scalar(key, counter, nonce, out, nblocks);
    }
}

}  // namespace oruuid::detail
#endif  // ORUUID_X86_KERNELS
