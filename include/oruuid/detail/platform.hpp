// oruuid/detail/platform.hpp: the one platform layer: randomness, fork, time, pages, MACs.
//
// fill_kernel_random() and fork_generation() are declared in <oruuid/random.hpp>.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "oruuid/random.hpp"

#if defined(__cpp_constinit)
#define ORUUID_CONSTINIT constinit
#elif defined(__clang__)
#define ORUUID_CONSTINIT [[clang::require_constant_initialization]]
#elif defined(__GNUC__)
#define ORUUID_CONSTINIT __constinit
#else
#define ORUUID_CONSTINIT
#endif

namespace oruuid::detail {

/// Computes a value once without a lock: racing threads may each call `compute`, and
/// the first to store its result wins, so every caller sees the same value. Unlike a
/// function-local static, it has no guard that a forked child could wait on forever.
/// `compute` must never return `kUnset`.
template <std::uint64_t kUnset, typename F>
std::uint64_t compute_once(std::atomic<std::uint64_t>& cache, F compute) noexcept {
    std::uint64_t value = cache.load(std::memory_order_acquire);
    if (value != kUnset) return value;
    value = compute();
    std::uint64_t expected = kUnset;
    if (!cache.compare_exchange_strong(expected, value, std::memory_order_acq_rel)) {
        return expected;
    }
    return value;
}

enum class CpuFeature { ssse3, sse41, avx2, avx512f, sha };

/// Whether the CPU (and the OS, for the wide registers) supports `feature`; false off x86.
bool cpu_supports(CpuFeature feature) noexcept;

/// The counter behind fork_generation(), bumped by a pthread_atfork child handler.
extern std::atomic<std::uint64_t> g_fork_generation;

/// fork_generation() without the handler check, for hot paths whose state was
/// set up after ensure_fork_handler().
inline std::uint64_t fork_generation_relaxed() noexcept {
    return g_fork_generation.load(std::memory_order_relaxed);
}

/// Registers the fork handler once (also done at load time); thread-safe and
/// lock-free. Call it before seeding per-process state, so a later fork cannot go
/// unnoticed.
void ensure_fork_handler() noexcept;

/// Runs `prepare` in the forking thread before fork() and `release` after it, in both
/// parent and child (pthread_atfork). Returns true; a no-op on Windows.
bool register_fork_handlers(void (*prepare)(), void (*release)()) noexcept;

/// Gives up the rest of the time slice (sched_yield / SwitchToThread).
void yield_cpu() noexcept;

/// The wall clock: seconds and nanoseconds since 1970 (CLOCK_REALTIME).
void realtime_now(std::int64_t* seconds, std::uint32_t* nanos) noexcept;

/// Allocates `size` bytes (rounded up to whole pages) of zeroed private memory,
/// kept out of core dumps where the platform allows; nullptr on failure.
void* allocate_pages(std::size_t size) noexcept;
/// Releases memory from allocate_pages(); `size` as given to it.
void free_pages(void* p, std::size_t size) noexcept;
/// Asks the kernel to hand a forked child zeroed copies of these pages
/// (Linux MADV_WIPEONFORK, BSD INHERIT_ZERO). False where unsupported.
bool wipe_pages_on_fork(void* p, std::size_t size) noexcept;

/// Zeroes memory with a store the optimiser cannot drop.
void secure_zero(void* p, std::size_t size) noexcept;

/// A network interface with a 48-bit hardware address.
struct NetworkInterface {
    std::string name;
    std::uint64_t mac = 0;  ///< first octet in bits 40-47
    bool loopback = false;
    /// Position among the interfaces that have an IPv4 address, in the order the
    /// system lists those addresses; SIZE_MAX when it has none.
    std::size_t ipv4_rank = SIZE_MAX;
};

/// The interfaces with a 6-byte hardware address, in the kernel's order (Linux:
/// getifaddrs, AF_PACKET). Empty on other platforms or on failure. Throws only
/// std::bad_alloc.
std::vector<NetworkInterface> network_interfaces();

}  // namespace oruuid::detail
