// src/internal/bits.hpp: 32-bit rotation and byte-order loads and stores, for MD5, SHA-1, ChaCha20.
#pragma once

#include <cstdint>
#include <cstring>

#include "internal/config.hpp"

namespace oruuid::detail {

/// Rotates `v` left by `n` bits, 0 < n < 32.
inline std::uint32_t rotl32(std::uint32_t v, int n) noexcept {
    return (v << n) | (v >> (32 - n));
}

inline std::uint32_t load32_le(const std::uint8_t* p) noexcept {
#if !ORUUID_BIG_ENDIAN
    std::uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
#else
    return std::uint32_t{p[0]} | std::uint32_t{p[1]} << 8 | std::uint32_t{p[2]} << 16 |
           std::uint32_t{p[3]} << 24;
#endif
}

inline void store32_le(std::uint8_t* p, std::uint32_t v) noexcept {
#if !ORUUID_BIG_ENDIAN
    std::memcpy(p, &v, 4);
#else
    for (int i = 0; i < 4; ++i) p[i] = static_cast<std::uint8_t>(v >> (8 * i));
#endif
}

inline std::uint32_t load32_be(const std::uint8_t* p) noexcept {
    return std::uint32_t{p[0]} << 24 | std::uint32_t{p[1]} << 16 | std::uint32_t{p[2]} << 8 |
           std::uint32_t{p[3]};
}

inline void store32_be(std::uint8_t* p, std::uint32_t v) noexcept {
    for (int i = 0; i < 4; ++i) p[i] = static_cast<std::uint8_t>(v >> (24 - 8 * i));
}

}  // namespace oruuid::detail
