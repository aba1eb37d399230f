// oruuid/detail/platform.hpp: the one platform layer: randomness, fork, pages, MAC addresses.
//
// fill_kernel_random() and fork_generation() are declared in <oruuid/random.hpp>.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "oruuid/random.hpp"

namespace oruuid::detail {

/// The counter behind fork_generation(), bumped by a pthread_atfork child handler.
extern std::atomic<std::uint64_t> g_fork_generation;

/// fork_generation() without the handler check, for hot paths whose state was
/// set up after ensure_fork_handler().
inline std::uint64_t fork_generation_relaxed() noexcept {
    return g_fork_generation.load(std::memory_order_relaxed);
}

/// Registers the fork handler once (also done at load time); thread-safe. Call it
/// before seeding per-process state, so a later fork cannot go unnoticed.
void ensure_fork_handler() noexcept;

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
