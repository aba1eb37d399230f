// oruuid/random.hpp: the CSPRNG behind v4, v7 and clock sequences (RFC 9562 §6.9).
//
// Each thread keeps a ChaCha20 keystream (RFC 8439 block function) keyed from
// getrandom(2), with fast key erasure and a reseed after every 1 MiB. A fork
// bumps a generation counter (pthread_atfork) and wipes the state page
// (MADV_WIPEONFORK), so a child never repeats its parent's output.
//
// Setting ORUUID_RANDOM=kernel in the environment (read once, at first use)
// makes every byte come straight from the kernel instead.
#pragma once

#include <cstddef>
#include <cstdint>

#include "oruuid/export.hpp"

namespace oruuid {

/// Fills `out` with `n` cryptographically secure random bytes. Thread-safe, fork-safe.
ORUUID_API void fill_random(void* out, std::size_t n) noexcept;

/// A random 64-bit integer from the same generator.
ORUUID_API std::uint64_t random_u64() noexcept;

enum class RandomSource { chacha20, kernel };

/// Where `fill_random` takes its bytes from: fixed at first use by ORUUID_RANDOM.
ORUUID_API RandomSource random_source() noexcept;

}  // namespace oruuid
