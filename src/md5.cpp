// src/md5.cpp: MD5 (RFC 1321), written from the specification.
#include "internal/md5.hpp"

#include "internal/bits.hpp"

namespace oruuid::detail {
namespace {

// RFC 1321 §3.4: T[i] = floor(2^32 * |sin(i + 1)|).
constexpr std::uint32_t kT[64] = {
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
    0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
    0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
    0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
    0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
    0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
};

// RFC 1321 §3.4: the per-round shift amounts.
constexpr int kShift[4][4] = {{7, 12, 17, 22}, {5, 9, 14, 20}, {4, 11, 16, 23}, {6, 10, 15, 21}};

}  // namespace

void Md5::reset() noexcept {
    // RFC 1321 §3.3: words A, B, C, D.
    state_[0] = 0x67452301;
    state_[1] = 0xefcdab89;
    state_[2] = 0x98badcfe;
    state_[3] = 0x10325476;
    reset_buffer();
}

// RFC 1321 §3.4: four rounds of sixteen operations over one 64-byte block.
void Md5::compress(const std::uint8_t* block) noexcept {
    std::uint32_t x[16];
    for (int i = 0; i < 16; ++i) x[i] = load32_le(block + 4 * i);

    std::uint32_t a = state_[0], b = state_[1], c = state_[2], d = state_[3];
    // a = b + ((a + f(b,c,d) + X[k] + T[i]) <<< s), then rotate the roles of a..d. One
    // loop per round, so no per-operation branches.
    auto op = [&](std::uint32_t f, int i, int k) {
        const std::uint32_t next = b + rotl32(a + f + x[k] + kT[i], kShift[i / 16][i % 4]);
        a = d;
        d = c;
        c = b;
        b = next;
    };
    for (int i = 0; i < 16; ++i) op((b & c) | (~b & d), i, i);                  // F = XY v not(X) Z
    for (int i = 16; i < 32; ++i) op((b & d) | (c & ~d), i, (5 * i + 1) % 16);  // G = XZ v Y not(Z)
    for (int i = 32; i < 48; ++i) op(b ^ c ^ d, i, (3 * i + 5) % 16);           // H = X xor Y xor Z
    for (int i = 48; i < 64; ++i) op(c ^ (b | ~d), i, (7 * i) % 16);  // I = Y xor (X v not(Z))
    state_[0] += a;
    state_[1] += b;
    state_[2] += c;
    state_[3] += d;
}

}  // namespace oruuid::detail
