// oruuid/detail/chacha20.hpp: the ChaCha20 block function (RFC 8439 §2.3), scalar, AVX2, AVX-512.
#pragma once

#include <cstddef>
#include <cstdint>

namespace oruuid::detail {

/// Bytes in one ChaCha20 block.
inline constexpr std::size_t kChaChaBlockSize = 64;

/// Writes `nblocks` consecutive 64-byte ChaCha20 keystream blocks to `out`.
///
/// The state is laid out as RFC 8439 §2.3: four constants, the 256-bit key, the
/// 32-bit block counter (word 12) and the 96-bit nonce (words 13-15). Block `i`
/// uses counter `counter + i`; the part of that sum above 32 bits is added to
/// word 13, as in the original 64-bit-counter ChaCha, so a long stream never
/// repeats a block. For counters below 2^32 the output is exactly RFC 8439's.
///
/// Picks the AVX-512 kernel when the CPU has it, then AVX2, then the scalar one.
void chacha20_blocks(const std::uint32_t key[8], std::uint64_t counter,
                     const std::uint32_t nonce[3], std::uint8_t* out, std::size_t nblocks) noexcept;

/// The portable kernel: one block at a time.
void chacha20_blocks_scalar(const std::uint32_t key[8], std::uint64_t counter,
                            const std::uint32_t nonce[3], std::uint8_t* out,
                            std::size_t nblocks) noexcept;

/// The AVX2 kernel: eight blocks per pass. Call it only when
/// `chacha20_avx2_available()`; elsewhere it falls back to the scalar kernel.
void chacha20_blocks_avx2(const std::uint32_t key[8], std::uint64_t counter,
                          const std::uint32_t nonce[3], std::uint8_t* out,
                          std::size_t nblocks) noexcept;

/// True when this build and this CPU can run the AVX2 kernel.
bool chacha20_avx2_available() noexcept;

/// The AVX-512 kernel: sixteen blocks per pass. Call it only when
/// `chacha20_avx512_available()`; elsewhere it falls back to the AVX2 kernel.
void chacha20_blocks_avx512(const std::uint32_t key[8], std::uint64_t counter,
                            const std::uint32_t nonce[3], std::uint8_t* out,
                            std::size_t nblocks) noexcept;

/// True when this build and this CPU can run the AVX-512 (AVX-512F) kernel.
bool chacha20_avx512_available() noexcept;

}  // namespace oruuid::detail
