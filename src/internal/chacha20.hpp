// src/internal/chacha20.hpp: the ChaCha20 block function (RFC 8439 §2.3): its kernels.
#pragma once

#include <cstddef>
#include <cstdint>

namespace oruuid::detail {

/// Bytes in one ChaCha20 block.
inline constexpr std::size_t kChaChaBlockSize = 64;

/// The shape of every ChaCha20 kernel: writes `nblocks` consecutive 64-byte keystream
/// blocks to `out`.
///
/// The state is laid out as RFC 8439 §2.3: four constants, the 256-bit key, the
/// 32-bit block counter (word 12) and the 96-bit nonce (words 13-15). Block `i`
/// uses counter `counter + i`; the part of that sum above 32 bits is added to
/// word 13, as in the original 64-bit-counter ChaCha, so a long stream never
/// repeats a block. For counters below 2^32 the output is exactly RFC 8439's.
using ChaChaBlocks = void(const std::uint32_t key[8], std::uint64_t counter,
                          const std::uint32_t nonce[3], std::uint8_t* out,
                          std::size_t nblocks) noexcept;

/// Picks the AVX-512 kernel when the CPU has it, then AVX2, then the scalar one.
ChaChaBlocks chacha20_blocks;
/// The portable kernel: one block at a time.
ChaChaBlocks chacha20_blocks_scalar;
/// The AVX2 kernel: eight blocks per pass; the scalar one where
/// `chacha20_avx2_available()` is false.
ChaChaBlocks chacha20_blocks_avx2;
/// The AVX-512 kernel: sixteen blocks per pass; the AVX2 one where
/// `chacha20_avx512_available()` is false.
ChaChaBlocks chacha20_blocks_avx512;

/// True when this build and this CPU can run the AVX2 kernel.
bool chacha20_avx2_available() noexcept;
/// True when this build and this CPU can run the AVX-512 (AVX-512F) kernel.
bool chacha20_avx512_available() noexcept;

// ---- For the kernels themselves (src/chacha20.cpp, src/simd/chacha20_*.cpp) ----------

/// The vector kernels without the CPU check (src/simd/, built only where
/// ORUUID_X86_KERNELS): call them only where the CPU has the instructions.
ChaChaBlocks chacha20_avx2_kernel;
ChaChaBlocks chacha20_avx512_kernel;

/// "expand 32-byte k", RFC 8439 §2.3.
inline constexpr std::uint32_t kChaChaSigma[4] = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};

// Words 12 and 13 for block counter `c`; see chacha20_blocks for the carry into word 13.
// Internal linkage (static), so that a kernel file built with wider -m flags never lends
// the linker its copy of them.
static constexpr std::uint32_t counter_word12(std::uint64_t c) noexcept {
    return static_cast<std::uint32_t>(c);
}
static constexpr std::uint32_t counter_word13(std::uint64_t c,
                                              const std::uint32_t nonce[3]) noexcept {
    return nonce[0] + static_cast<std::uint32_t>(c >> 32);
}

}  // namespace oruuid::detail

// RFC 8439 §2.3: ten double rounds, columns then diagonals, on the state words x0-x15
// of the vector kernels (one lane per block) with their quarter round QR.
#define ORUUID_CHACHA_TWENTY_ROUNDS(QR) \
    for (int i = 0; i < 10; ++i) {      \
        QR(x0, x4, x8, x12)             \
        QR(x1, x5, x9, x13)             \
        QR(x2, x6, x10, x14)            \
        QR(x3, x7, x11, x15)            \
        QR(x0, x5, x10, x15)            \
        QR(x1, x6, x11, x12)            \
        QR(x2, x7, x8, x13)             \
        QR(x3, x4, x9, x14)             \
    }
