// src/simd/chacha20_avx512.cpp: the ChaCha20 AVX-512 kernel, 16 blocks a pass (-mavx512f).
//
// See src/simd/chacha20_avx2.cpp for the rules every file in src/simd/ follows.
#include "internal/chacha20.hpp"
#include "internal/config.hpp"

#if ORUUID_X86_KERNELS
// GCC 12.1-12.2 warn inside their own AVX-512 intrinsics (GCC bug 105593).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <immintrin.h>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

namespace oruuid::detail {
namespace {

inline __m512i add_word(__m512i v, std::uint32_t w) {
    return _mm512_add_epi32(v, _mm512_set1_epi32(static_cast<int>(w)));
}

// Block `blk` of a pass goes out only if the caller asked for it.
inline void store_block(std::uint8_t* out, std::size_t nout, std::size_t blk, __m512i v) {
    if (blk < nout) _mm512_storeu_si512(out + blk * kChaChaBlockSize, v);
}

// Sixteen blocks, counters counter..counter+15, each lane of a register one block.
// Writes the first `nout` (1-16) of them to `out`: the transpose leaves one whole
// block per register, so a short pass stores fewer registers and needs no scratch.
void blocks16(const std::uint32_t key[8], std::uint64_t counter, const std::uint32_t nonce[3],
              std::uint8_t* out, std::size_t nout) {
    // Word 12 is the low half of counter + lane; a wrap carries 1 into word 13.
    const __m512i lanes = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    const __m512i base12 = _mm512_set1_epi32(static_cast<int>(counter_word12(counter)));
    const __m512i s12 = _mm512_add_epi32(base12, lanes);
    const __m512i base13 = _mm512_set1_epi32(static_cast<int>(counter_word13(counter, nonce)));
    const __m512i s13 = _mm512_mask_add_epi32(base13, _mm512_cmplt_epu32_mask(s12, base12), base13,
                                              _mm512_set1_epi32(1));

    // The key words enter here and again after the rounds, read afresh from `key`
    // (see below), so that no copy of them has to be kept on the stack meanwhile.
    __m512i x0 = _mm512_set1_epi32(static_cast<int>(kChaChaSigma[0]));
    __m512i x1 = _mm512_set1_epi32(static_cast<int>(kChaChaSigma[1]));
    __m512i x2 = _mm512_set1_epi32(static_cast<int>(kChaChaSigma[2]));
    __m512i x3 = _mm512_set1_epi32(static_cast<int>(kChaChaSigma[3]));
    __m512i x4 = _mm512_set1_epi32(static_cast<int>(key[0]));
    __m512i x5 = _mm512_set1_epi32(static_cast<int>(key[1]));
    __m512i x6 = _mm512_set1_epi32(static_cast<int>(key[2]));
    __m512i x7 = _mm512_set1_epi32(static_cast<int>(key[3]));
    __m512i x8 = _mm512_set1_epi32(static_cast<int>(key[4]));
    __m512i x9 = _mm512_set1_epi32(static_cast<int>(key[5]));
    __m512i x10 = _mm512_set1_epi32(static_cast<int>(key[6]));
    __m512i x11 = _mm512_set1_epi32(static_cast<int>(key[7]));
    __m512i x12 = s12, x13 = s13;
    __m512i x14 = _mm512_set1_epi32(static_cast<int>(nonce[1]));
    __m512i x15 = _mm512_set1_epi32(static_cast<int>(nonce[2]));

    // AVX-512 rotates in one instruction (vprold), where AVX2 needs two shifts and an or.
#define ORUUID_QR(a, b, c, d)                         \
    a = _mm512_add_epi32(a, b);                       \
    d = _mm512_rol_epi32(_mm512_xor_si512(d, a), 16); \
    c = _mm512_add_epi32(c, d);                       \
    b = _mm512_rol_epi32(_mm512_xor_si512(b, c), 12); \
    a = _mm512_add_epi32(a, b);                       \
    d = _mm512_rol_epi32(_mm512_xor_si512(d, a), 8);  \
    c = _mm512_add_epi32(c, d);                       \
    b = _mm512_rol_epi32(_mm512_xor_si512(b, c), 7);

    ORUUID_CHACHA_TWENTY_ROUNDS(ORUUID_QR)
#undef ORUUID_QR

    // The compiler barrier makes the loads below real ones (memory "may have changed"),
    // so the input words are not held in registers, or spilled, across the rounds.
    ORUUID_COMPILER_BARRIER();
    const __m512i x[16] = {
        add_word(x0, kChaChaSigma[0]), add_word(x1, kChaChaSigma[1]), add_word(x2, kChaChaSigma[2]),
        add_word(x3, kChaChaSigma[3]), add_word(x4, key[0]),          add_word(x5, key[1]),
        add_word(x6, key[2]),          add_word(x7, key[3]),          add_word(x8, key[4]),
        add_word(x9, key[5]),          add_word(x10, key[6]),         add_word(x11, key[7]),
        _mm512_add_epi32(x12, s12),    _mm512_add_epi32(x13, s13),    add_word(x14, nonce[1]),
        add_word(x15, nonce[2])};

    // Transpose 16x16 words. Within each 128-bit lane L (blocks 4L..4L+3), the 32- and
    // 64-bit unpacks gather words 4g..4g+3 of block 4L+j into q[g][j].
    __m512i q[4][4];
    for (int g = 0; g < 4; ++g) {
        const __m512i t0 = _mm512_unpacklo_epi32(x[4 * g], x[4 * g + 1]);
        const __m512i t1 = _mm512_unpackhi_epi32(x[4 * g], x[4 * g + 1]);
        const __m512i t2 = _mm512_unpacklo_epi32(x[4 * g + 2], x[4 * g + 3]);
        const __m512i t3 = _mm512_unpackhi_epi32(x[4 * g + 2], x[4 * g + 3]);
        q[g][0] = _mm512_unpacklo_epi64(t0, t2);
        q[g][1] = _mm512_unpackhi_epi64(t0, t2);
        q[g][2] = _mm512_unpacklo_epi64(t1, t3);
        q[g][3] = _mm512_unpackhi_epi64(t1, t3);
    }
    // Then a 4x4 transpose of 128-bit lanes puts block 4L+j whole into one register,
    // stored straight from it: keystream parked on the stack would outlive the call.
    for (std::size_t j = 0; j < 4; ++j) {
        const __m512i a = _mm512_shuffle_i32x4(q[0][j], q[1][j], 0x44);  // lanes 0,1 of each
        const __m512i b = _mm512_shuffle_i32x4(q[0][j], q[1][j], 0xEE);  // lanes 2,3
        const __m512i c = _mm512_shuffle_i32x4(q[2][j], q[3][j], 0x44);
        const __m512i d = _mm512_shuffle_i32x4(q[2][j], q[3][j], 0xEE);
        store_block(out, nout, j, _mm512_shuffle_i32x4(a, c, 0x88));       // lane 0: block j
        store_block(out, nout, 4 + j, _mm512_shuffle_i32x4(a, c, 0xDD));   // lane 1: 4 + j
        store_block(out, nout, 8 + j, _mm512_shuffle_i32x4(b, d, 0x88));   // lane 2: 8 + j
        store_block(out, nout, 12 + j, _mm512_shuffle_i32x4(b, d, 0xDD));  // lane 3: 12 + j
    }
}

}  // namespace

void chacha20_avx512_kernel(const std::uint32_t key[8], std::uint64_t counter,
                            const std::uint32_t nonce[3], std::uint8_t* out,
                            std::size_t nblocks) noexcept {
    for (; nblocks >= 16; nblocks -= 16, counter += 16, out += 16 * kChaChaBlockSize)
        blocks16(key, counter, nonce, out, 16);
    // A short pass costs one full pass; below three blocks the scalar kernel is cheaper.
    if (nblocks >= 3)
        blocks16(key, counter, nonce, out, nblocks);
    else if (nblocks > 0)
        chacha20_blocks_scalar(key, counter, nonce, out, nblocks);
}

}  // namespace oruuid::detail
#endif  // ORUUID_X86_KERNELS
