// src/internal/platform.hpp: the one platform layer: randomness, fork, time, CPU, pages, MACs.
//
// Every system call and CPU-specific builtin of the library is behind these functions
// (src/platform.cpp); the rest of src/ is portable C++.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "internal/config.hpp"

namespace oruuid::detail {

// ---- Randomness -------------------------------------------------------------------

/// Bytes straight from the kernel (getrandom, or the platform's equivalent). Aborts
/// rather than return predictable bytes.
void fill_kernel_random(void* out, std::size_t n) noexcept;

// ---- Fork -------------------------------------------------------------------------

/// The counter behind fork_generation(), bumped in every forked child by a
/// pthread_atfork handler.
extern std::atomic<std::uint64_t> g_fork_generation;

/// Incremented in every forked child; lets per-process state notice a fork cheaply.
/// Registers the counting handler first if needed.
std::uint64_t fork_generation() noexcept;

/// fork_generation() without the handler check, for hot paths whose state was
/// set up after ensure_fork_handler().
inline std::uint64_t fork_generation_relaxed() noexcept {
    return g_fork_generation.load(std::memory_order_relaxed);
}

/// Registers the handler that counts forks, once (also done at load time); thread-safe
/// and lock-free. Call it before seeding per-process state, so a later fork cannot go
/// unnoticed. If registration fails, a later call tries again.
void ensure_fork_handler() noexcept;

/// Runs `lock_all` in the forking thread just before fork() and `unlock_all` just after
/// it, in parent and child alike (pthread_atfork), so a child never inherits a lock held
/// by a thread it does not have. Returns true on success; a no-op on Windows.
bool hold_locks_across_fork(void (*lock_all)(), void (*unlock_all)()) noexcept;

// ---- Time and scheduling ----------------------------------------------------------

/// The wall clock: seconds and nanoseconds since 1970 (CLOCK_REALTIME).
void realtime_now(std::int64_t* seconds, std::uint32_t* nanos) noexcept;

/// Gives up the rest of the time slice (sched_yield / SwitchToThread).
void yield_cpu() noexcept;

/// Tells the CPU this thread is spinning (x86 `pause`); nothing elsewhere.
inline void spin_pause() noexcept {
#if ORUUID_X86_BUILTINS
    __builtin_ia32_pause();
#endif
}

// ---- CPU features -----------------------------------------------------------------

enum class CpuFeature { ssse3, sse41, avx2, avx512f, sha };

/// Whether the CPU (and the OS, for the wide registers) supports `feature`; false off x86.
bool cpu_supports(CpuFeature feature) noexcept;

// ---- Secret memory ----------------------------------------------------------------

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

// ---- Network interfaces -----------------------------------------------------------

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
/// getifaddrs, AF_PACKET; Windows: GetAdaptersAddresses). Empty on other platforms or
/// on failure. Throws only std::bad_alloc.
std::vector<NetworkInterface> network_interfaces();

}  // namespace oruuid::detail
