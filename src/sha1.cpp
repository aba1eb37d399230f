// src/sha1.cpp: SHA-1 (FIPS 180-4 §6.1), written from the specification.
#include "oruuid/detail/sha1.hpp"

#include <cstring>

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
void Sha1::compress(const std::uint8_t* block) noexcept {
    std::uint32_t w[80];
    for (int t = 0; t < 16; ++t) w[t] = load32_be(block + 4 * t);
    for (int t = 16; t < 80; ++t) w[t] = rotl(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);

    std::uint32_t a = state_[0], b = state_[1], c = state_[2], d = state_[3], e = state_[4];
    for (int t = 0; t < 80; ++t) {
        // §4.1.1 functions and §4.2.1 constants.
        std::uint32_t f, k;
        if (t < 20) {
            f = (b & c) ^ (~b & d);  // Ch
            k = 0x5a827999;
        } else if (t < 40) {
            f = b ^ c ^ d;  // Parity
            k = 0x6ed9eba1;
        } else if (t < 60) {
            f = (b & c) ^ (b & d) ^ (c & d);  // Maj
            k = 0x8f1bbcdc;
        } else {
            f = b ^ c ^ d;  // Parity
            k = 0xca62c1d6;
        }
        const std::uint32_t temp = rotl(a, 5) + f + e + k + w[t];
        e = d;
        d = c;
        c = rotl(b, 30);
        b = a;
        a = temp;
    }
    state_[0] += a;
    state_[1] += b;
    state_[2] += c;
    state_[3] += d;
    state_[4] += e;
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
