// src/internal/sha1.hpp: incremental SHA-1 (FIPS 180-4), the hash behind v5 UUIDs.
#pragma once

#include <cstdint>

#include "internal/block_hash.hpp"

namespace oruuid::detail {

/// One FIPS 180-4 §6.1.2 compression of a 64-byte block into `state`, portable.
void sha1_compress_scalar(std::uint32_t state[5], const std::uint8_t* block) noexcept;
/// The same with the x86 SHA extensions; where `sha1_shani_available()` is false it is
/// the scalar kernel.
void sha1_compress_shani(std::uint32_t state[5], const std::uint8_t* block) noexcept;
bool sha1_shani_available() noexcept;
/// The SHA-extensions kernel without the CPU check (src/simd/sha1_shani.cpp, built only
/// where ORUUID_X86_KERNELS): call it only where the CPU has SHA and SSE4.1.
void sha1_shani_kernel(std::uint32_t state[5], const std::uint8_t* block) noexcept;

/// SHA-1 as FIPS 180-4 §6.1 specifies it. Broken for security; RFC 9562 §5.5 still needs it.
class Sha1 : public BlockHash<Sha1, 5, /*kBigEndian=*/true> {
public:
    Sha1() noexcept { reset(); }
    /// Starts a new message: FIPS 180-4 §5.3.1's H(0).
    void reset() noexcept;

private:
    friend class BlockHash<Sha1, 5, true>;
    void compress(const std::uint8_t* block) noexcept;
};

}  // namespace oruuid::detail
