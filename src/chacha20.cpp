// src/chacha20.cpp: ChaCha20 (RFC 8439 §2.3): the scalar kernel, and which kernel runs.
//
// The AVX2 and AVX-512 kernels are in src/simd/chacha20_avx2.cpp and chacha20_avx512.cpp.
#include "internal/chacha20.hpp"

#include <cstring>

#include "internal/bits.hpp"
#include "internal/config.hpp"
#include "internal/lazy.hpp"
#include "internal/platform.hpp"

namespace oruuid::detail {
namespace {

// RFC 8439 §2.1.
inline void quarter_round(std::uint32_t& a, std::uint32_t& b, std::uint32_t& c, std::uint32_t& d) {
    a += b;
    d = rotl32(d ^ a, 16);
    c += d;
    b = rotl32(b ^ c, 12);
    a += b;
    d = rotl32(d ^ a, 8);
    c += d;
    b = rotl32(b ^ c, 7);
}

void init_state(std::uint32_t s[16], const std::uint32_t key[8], std::uint64_t counter,
                const std::uint32_t nonce[3]) {
    for (int i = 0; i < 4; ++i) s[i] = kChaChaSigma[i];
    for (int i = 0; i < 8; ++i) s[4 + i] = key[i];
    s[12] = counter_word12(counter);
    s[13] = counter_word13(counter, nonce);
    s[14] = nonce[1];
    s[15] = nonce[2];
}

// The widest kernel this CPU runs, for three blocks or more.
ChaChaBlocks* pick_wide() noexcept {
#if ORUUID_X86_KERNELS
    if (cpu_supports(CpuFeature::avx512f)) return chacha20_avx512_kernel;
    if (cpu_supports(CpuFeature::avx2)) return chacha20_avx2_kernel;
#endif
    return chacha20_blocks_scalar;
}

}  // namespace

void chacha20_blocks_scalar(const std::uint32_t key[8], std::uint64_t counter,
                            const std::uint32_t nonce[3], std::uint8_t* out,
                            std::size_t nblocks) noexcept {
    std::uint32_t s[16];
    for (std::size_t blk = 0; blk < nblocks; ++blk) {
        init_state(s, key, counter + blk, nonce);
        std::uint32_t x[16];
        std::memcpy(x, s, sizeof x);
        for (int i = 0; i < 10; ++i) {  // RFC 8439 §2.3: columns, then diagonals
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
    // Keystream material left on the stack is as secret as any.
    secure_zero(s, sizeof s);
}

bool chacha20_avx2_available() noexcept {
    return ORUUID_X86_KERNELS && cpu_supports(CpuFeature::avx2);
}

bool chacha20_avx512_available() noexcept {
    return ORUUID_X86_KERNELS && cpu_supports(CpuFeature::avx512f);
}

void chacha20_blocks_avx2(const std::uint32_t key[8], std::uint64_t counter,
                          const std::uint32_t nonce[3], std::uint8_t* out,
                          std::size_t nblocks) noexcept {
#if ORUUID_X86_KERNELS
    if (chacha20_avx2_available()) return chacha20_avx2_kernel(key, counter, nonce, out, nblocks);
#endif
    chacha20_blocks_scalar(key, counter, nonce, out, nblocks);
}

void chacha20_blocks_avx512(const std::uint32_t key[8], std::uint64_t counter,
                            const std::uint32_t nonce[3], std::uint8_t* out,
                            std::size_t nblocks) noexcept {
#if ORUUID_X86_KERNELS
    if (chacha20_avx512_available())
        return chacha20_avx512_kernel(key, counter, nonce, out, nblocks);
#endif
    chacha20_blocks_avx2(key, counter, nonce, out, nblocks);
}

void chacha20_blocks(const std::uint32_t key[8], std::uint64_t counter,
                     const std::uint32_t nonce[3], std::uint8_t* out,
                     std::size_t nblocks) noexcept {
    // Below three blocks a vector pass costs more than the scalar kernel.
    if (nblocks >= 3) return Dispatch<pick_wide>::call(key, counter, nonce, out, nblocks);
    chacha20_blocks_scalar(key, counter, nonce, out, nblocks);
}

}  // namespace oruuid::detail
