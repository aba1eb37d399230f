// src/sha1.cpp: SHA-1 (FIPS 180-4 §6.1) from the specification: scalar kernel and kernel choice.
#include "internal/sha1.hpp"

#include "internal/bits.hpp"
#include "internal/config.hpp"
#include "internal/lazy.hpp"
#include "internal/platform.hpp"

namespace oruuid::detail {

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
    for (int t = 16; t < 80; ++t) w[t] = rotl32(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);

    std::uint32_t a = state[0], b = state[1], c = state[2], d = state[3], e = state[4];
    // One loop per §4.1.1 function and §4.2.1 constant, so no step branches.
    auto step = [&](std::uint32_t f, std::uint32_t k, std::uint32_t wt) {
        const std::uint32_t temp = rotl32(a, 5) + f + e + k + wt;
        e = d;
        d = c;
        c = rotl32(b, 30);
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

bool sha1_shani_available() noexcept {
    return ORUUID_X86_KERNELS && cpu_supports(CpuFeature::sha) && cpu_supports(CpuFeature::sse41);
}

void sha1_compress_shani(std::uint32_t state[5], const std::uint8_t* block) noexcept {
#if ORUUID_X86_KERNELS
    if (sha1_shani_available()) return sha1_shani_kernel(state, block);
#endif
    sha1_compress_scalar(state, block);
}

namespace {
using Kernel = void (*)(std::uint32_t*, const std::uint8_t*) noexcept;

Kernel pick() noexcept {
#if ORUUID_X86_KERNELS
    if (sha1_shani_available()) return sha1_shani_kernel;
#endif
    return sha1_compress_scalar;
}
}  // namespace

void Sha1::compress(const std::uint8_t* block) noexcept {
    Dispatch<pick>::call(state_, block);
}

}  // namespace oruuid::detail
