// src/chacha20.cpp: the ChaCha20 block function (RFC 8439 §2.3), scalar, AVX2 and AVX-512 kernels.
#include "oruuid/detail/chacha20.hpp"
#include "oruuid/detail/platform.hpp"

#include <cstring>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define ORUUID_CHACHA_AVX2 1
#define ORUUID_CHACHA_AVX512 1
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
#else
#define ORUUID_CHACHA_AVX2 0
#define ORUUID_CHACHA_AVX512 0
#endif

namespace oruuid::detail {
namespace {

// "expand 32-byte k", RFC 8439 §2.3.
constexpr std::uint32_t kSigma[4] = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};

inline std::uint32_t rotl(std::uint32_t v, int n) {
    return (v << n) | (v >> (32 - n));
}

// RFC 8439 §2.1.
inline void quarter_round(std::uint32_t& a, std::uint32_t& b, std::uint32_t& c, std::uint32_t& d) {
    a += b;
    d = rotl(d ^ a, 16);
    c += d;
    b = rotl(b ^ c, 12);
    a += b;
    d = rotl(d ^ a, 8);
    c += d;
    b = rotl(b ^ c, 7);
}

// The keystream is the state words serialised little-endian (RFC 8439 §2.3).
inline void store32_le(std::uint8_t* p, std::uint32_t v) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    std::memcpy(p, &v, 4);
#else
    p[0] = static_cast<std::uint8_t>(v);
    p[1] = static_cast<std::uint8_t>(v >> 8);
    p[2] = static_cast<std::uint8_t>(v >> 16);
    p[3] = static_cast<std::uint8_t>(v >> 24);
#endif
}

// Words 12 and 13 for block counter `c`; see the header for the carry into word 13.
inline std::uint32_t counter_word12(std::uint64_t c) {
    return static_cast<std::uint32_t>(c);
}
inline std::uint32_t counter_word13(std::uint64_t c, const std::uint32_t nonce[3]) {
    return nonce[0] + static_cast<std::uint32_t>(c >> 32);
}

void init_state(std::uint32_t s[16], const std::uint32_t key[8], std::uint64_t counter,
                const std::uint32_t nonce[3]) {
    for (int i = 0; i < 4; ++i) s[i] = kSigma[i];
    for (int i = 0; i < 8; ++i) s[4 + i] = key[i];
    s[12] = counter_word12(counter);
    s[13] = counter_word13(counter, nonce);
    s[14] = nonce[1];
    s[15] = nonce[2];
}

// Keystream left over from a partial pass is as secret as any; clear it so
// that the optimiser cannot drop the store.
void wipe(void* p, std::size_t n) {
    std::memset(p, 0, n);
#if defined(__GNUC__) || defined(__clang__)
    __asm__ __volatile__("" : : "r"(p) : "memory");
#endif
}

// RFC 8439 §2.3: ten double rounds, columns then diagonals, on the state words x0-x15
// of the vector kernels (one lane per block) with their quarter round QR.
#define ORUUID_TWENTY_ROUNDS(QR)   \
    for (int i = 0; i < 10; ++i) { \
        QR(x0, x4, x8, x12)        \
        QR(x1, x5, x9, x13)        \
        QR(x2, x6, x10, x14)       \
        QR(x3, x7, x11, x15)       \
        QR(x0, x5, x10, x15)       \
        QR(x1, x6, x11, x12)       \
        QR(x2, x7, x8, x13)        \
        QR(x3, x4, x9, x14)        \
    }

#if ORUUID_CHACHA_AVX2
#define ORUUID_AVX2 __attribute__((target("avx2")))

template <int N>
ORUUID_AVX2 inline __m256i rotl_v(__m256i v) {
    return _mm256_or_si256(_mm256_slli_epi32(v, N), _mm256_srli_epi32(v, 32 - N));
}

// Transposes 8x8 words so that each register holds eight words of one block:
// register i holds word i of blocks 0..7, and block b is words 0..15 of lane b.
// Stores words a..h (0-7 or 8-15) of each of the eight blocks at `dst + 64 * b`.
ORUUID_AVX2 inline void transpose_store(__m256i a, __m256i b, __m256i c, __m256i d, __m256i e,
                                        __m256i f, __m256i g, __m256i h, std::uint8_t* dst) {
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
ORUUID_AVX2 void blocks8_avx2(const std::uint32_t key[8], std::uint64_t counter,
                              const std::uint32_t nonce[3], std::uint8_t* out) {
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

    const __m256i s0 = _mm256_set1_epi32(static_cast<int>(kSigma[0]));
    const __m256i s1 = _mm256_set1_epi32(static_cast<int>(kSigma[1]));
    const __m256i s2 = _mm256_set1_epi32(static_cast<int>(kSigma[2]));
    const __m256i s3 = _mm256_set1_epi32(static_cast<int>(kSigma[3]));
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

    ORUUID_TWENTY_ROUNDS(ORUUID_QR)
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
#undef ORUUID_AVX2
#endif  // ORUUID_CHACHA_AVX2

#if ORUUID_CHACHA_AVX512
#define ORUUID_AVX512 __attribute__((target("avx512f")))

ORUUID_AVX512 inline __m512i add_word(__m512i v, std::uint32_t w) {
    return _mm512_add_epi32(v, _mm512_set1_epi32(static_cast<int>(w)));
}

// Block `blk` of a pass goes out only if the caller asked for it.
ORUUID_AVX512 inline void store_block(std::uint8_t* out, std::size_t nout, std::size_t blk,
                                      __m512i v) {
    if (blk < nout) _mm512_storeu_si512(out + blk * kChaChaBlockSize, v);
}

// Sixteen blocks, counters counter..counter+15, each lane of a register one block.
// Writes the first `nout` (1-16) of them to `out`: the transpose leaves one whole
// block per register, so a short pass stores fewer registers and needs no scratch.
ORUUID_AVX512 void blocks16_avx512(const std::uint32_t key[8], std::uint64_t counter,
                                   const std::uint32_t nonce[3], std::uint8_t* out,
                                   std::size_t nout) {
    // Word 12 is the low half of counter + lane; a wrap carries 1 into word 13.
    const __m512i lanes = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    const __m512i base12 = _mm512_set1_epi32(static_cast<int>(counter_word12(counter)));
    const __m512i s12 = _mm512_add_epi32(base12, lanes);
    const __m512i base13 = _mm512_set1_epi32(static_cast<int>(counter_word13(counter, nonce)));
    const __m512i s13 = _mm512_mask_add_epi32(base13, _mm512_cmplt_epu32_mask(s12, base12), base13,
                                              _mm512_set1_epi32(1));

    // The key words enter here and again after the rounds, read afresh from `key`
    // (see below), so that no copy of them has to be kept on the stack meanwhile.
    __m512i x0 = _mm512_set1_epi32(static_cast<int>(kSigma[0]));
    __m512i x1 = _mm512_set1_epi32(static_cast<int>(kSigma[1]));
    __m512i x2 = _mm512_set1_epi32(static_cast<int>(kSigma[2]));
    __m512i x3 = _mm512_set1_epi32(static_cast<int>(kSigma[3]));
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

    ORUUID_TWENTY_ROUNDS(ORUUID_QR)
#undef ORUUID_QR

    // The compiler barrier makes the loads below real ones (memory "may have changed"),
    // so the input words are not held in registers, or spilled, across the rounds.
    __asm__ __volatile__("" : : : "memory");
    const __m512i x[16] = {
        add_word(x0, kSigma[0]),    add_word(x1, kSigma[1]),    add_word(x2, kSigma[2]),
        add_word(x3, kSigma[3]),    add_word(x4, key[0]),       add_word(x5, key[1]),
        add_word(x6, key[2]),       add_word(x7, key[3]),       add_word(x8, key[4]),
        add_word(x9, key[5]),       add_word(x10, key[6]),      add_word(x11, key[7]),
        _mm512_add_epi32(x12, s12), _mm512_add_epi32(x13, s13), add_word(x14, nonce[1]),
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
#undef ORUUID_AVX512
#endif  // ORUUID_CHACHA_AVX512

}  // namespace

void chacha20_blocks_scalar(const std::uint32_t key[8], std::uint64_t counter,
                            const std::uint32_t nonce[3], std::uint8_t* out,
                            std::size_t nblocks) noexcept {
    std::uint32_t s[16];
    for (std::size_t blk = 0; blk < nblocks; ++blk) {
        init_state(s, key, counter + blk, nonce);
        std::uint32_t x[16];
        std::memcpy(x, s, sizeof x);
        for (int i = 0; i < 10; ++i) {
            quarter_round(x[0], x[4], x[8], x[12]);
            quarter_round(x[1], x[5], x[9], x[13]);
            quarter_round(x[2], x[6], x[10], x[14]);
            quarter_round(x[3], x[7], x[11], x[15]);
            quarter_round(x[0], x[5], x[10], x[15]);
            quarter_round(x[1], x[6], x[11], x[12]);
            quarter_round(x[2], x[7], x[8], x[13]);
            quarter_round(x[3], x[4], x[9], x[14]);
        }
        for (int i = 0; i < 16; ++i) store32_le(out + 4 * i, x[i] + s[i]);
        out += kChaChaBlockSize;
    }
    wipe(s, sizeof s);
}

void chacha20_blocks_avx2(const std::uint32_t key[8], std::uint64_t counter,
                          const std::uint32_t nonce[3], std::uint8_t* out,
                          std::size_t nblocks) noexcept {
#if ORUUID_CHACHA_AVX2
    if (!chacha20_avx2_available())
        return chacha20_blocks_scalar(key, counter, nonce, out, nblocks);
    for (; nblocks >= 8; nblocks -= 8, counter += 8, out += 8 * kChaChaBlockSize)
        blocks8_avx2(key, counter, nonce, out);
    if (nblocks >= 3) {
        // One more pass into scratch is cheaper than three or more scalar blocks.
        alignas(32) std::uint8_t tmp[8 * kChaChaBlockSize];
        blocks8_avx2(key, counter, nonce, tmp);
        std::memcpy(out, tmp, nblocks * kChaChaBlockSize);
        wipe(tmp, sizeof tmp);
    } else if (nblocks > 0) {
        chacha20_blocks_scalar(key, counter, nonce, out, nblocks);
    }
#else
    chacha20_blocks_scalar(key, counter, nonce, out, nblocks);
#endif
}

void chacha20_blocks_avx512(const std::uint32_t key[8], std::uint64_t counter,
                            const std::uint32_t nonce[3], std::uint8_t* out,
                            std::size_t nblocks) noexcept {
#if ORUUID_CHACHA_AVX512
    if (!chacha20_avx512_available())
        return chacha20_blocks_avx2(key, counter, nonce, out, nblocks);
    for (; nblocks >= 16; nblocks -= 16, counter += 16, out += 16 * kChaChaBlockSize)
        blocks16_avx512(key, counter, nonce, out, 16);
    // A short pass costs one full pass; below three blocks the scalar kernel is cheaper.
    if (nblocks >= 3)
        blocks16_avx512(key, counter, nonce, out, nblocks);
    else if (nblocks > 0)
        chacha20_blocks_scalar(key, counter, nonce, out, nblocks);
#else
    chacha20_blocks_avx2(key, counter, nonce, out, nblocks);
#endif
}

bool chacha20_avx512_available() noexcept {
    return ORUUID_CHACHA_AVX512 && cpu_supports(CpuFeature::avx512f);
}

bool chacha20_avx2_available() noexcept {
    return ORUUID_CHACHA_AVX2 && cpu_supports(CpuFeature::avx2);
}

void chacha20_blocks(const std::uint32_t key[8], std::uint64_t counter,
                     const std::uint32_t nonce[3], std::uint8_t* out,
                     std::size_t nblocks) noexcept {
    if (nblocks >= 3 && chacha20_avx512_available())
        chacha20_blocks_avx512(key, counter, nonce, out, nblocks);
    else if (nblocks >= 3 && chacha20_avx2_available())
        chacha20_blocks_avx2(key, counter, nonce, out, nblocks);
    else
        chacha20_blocks_scalar(key, counter, nonce, out, nblocks);
}

}  // namespace oruuid::detail
