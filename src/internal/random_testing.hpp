// src/internal/random_testing.hpp: test and benchmark seams of the CSPRNG (src/random.cpp).
#pragma once

#include <cstdint>

#include "oruuid/random.hpp"

namespace oruuid::detail {

/// Overrides the source `fill_random` uses (normally fixed at first use by ORUUID_RANDOM).
void set_random_source_for_testing(RandomSource source) noexcept;

struct ThreadRandomStats {
    bool active = false;                ///< this thread has a ChaCha20 state page
    bool wipe_on_fork = false;          ///< the kernel accepted MADV_WIPEONFORK for that page
    std::uint64_t kernel_seeds = 0;     ///< keys drawn from the kernel so far (seeds and reseeds)
    std::uint64_t keystream_bytes = 0;  ///< keystream generated so far
};

/// What `fill_random` has done on this thread.
ThreadRandomStats thread_random_stats_for_testing() noexcept;

}  // namespace oruuid::detail
