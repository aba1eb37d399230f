// oruuid/detail/random_testing.hpp: a view of the calling thread's generator, for tests.
#pragma once

#include <cstdint>

namespace oruuid::detail {

struct ThreadRandomStats {
    bool active = false;                ///< this thread has a ChaCha20 state page
    bool wipe_on_fork = false;          ///< the kernel accepted MADV_WIPEONFORK for that page
    std::uint64_t kernel_seeds = 0;     ///< keys drawn from the kernel so far (seeds and reseeds)
    std::uint64_t keystream_bytes = 0;  ///< keystream generated so far
};

/// What `fill_random` has done on this thread. Not for production use.
ThreadRandomStats thread_random_stats_for_testing() noexcept;

}  // namespace oruuid::detail
