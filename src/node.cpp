// src/node.cpp: the 48-bit node id for v1 and v6 UUIDs (RFC 9562 §6.10).
#include "oruuid/node.hpp"

#include <atomic>
#include <vector>

#include "internal/lazy.hpp"
#include "internal/platform.hpp"
#include "oruuid/random.hpp"

namespace oruuid {
namespace {

constexpr std::uint64_t kMulticastBit = 0x010000000000ULL;  // I/G bit of the first octet
constexpr std::uint64_t kLocalBit = 0x020000000000ULL;      // U/L bit of the first octet
constexpr std::uint64_t kMask48 = 0xFFFFFFFFFFFFULL;
constexpr std::uint64_t kUnset = ~std::uint64_t{0};  // no 48-bit node has this value

// getnode()'s answer once known; at namespace scope, so no guard (see lazy.hpp).
std::atomic<std::uint64_t> g_node{kUnset};

// random_node()'s answer for one fork generation. The first caller of a generation
// claims it (g_random_claimed = generation + 1), stores the node, then publishes it
// (g_random_ready = generation + 1); the other threads of that process wait out the
// few instructions between. A forked child has a new generation, so it draws anew
// whatever state its parent's threads left these in.
std::atomic<std::uint64_t> g_random_claimed{0};
std::atomic<std::uint64_t> g_random_ready{0};
std::atomic<std::uint64_t> g_random_node{0};

bool usable(const detail::NetworkInterface& nic) {
    return !nic.loopback && nic.mac != 0 && (nic.mac & kMulticastBit) == 0;
}

}  // namespace

// The order follows CPython's uuid.getnode() on Linux without spawning anything:
// 1. libuuid's uuid_generate_time (CPython's first getter) walks SIOCGIFCONF, which
//    lists the interfaces that have an IPv4 address, and takes the first hardware
//    address that is not all zero;
// 2. failing that, CPython parses `ip link` (ifindex order) and takes the first
//    universally administered address, else the first locally administered one.
std::optional<std::uint64_t> hardware_node() noexcept {
    try {
        const std::vector<detail::NetworkInterface> nics = detail::network_interfaces();
        const detail::NetworkInterface* best = nullptr;
        for (const auto& nic : nics)
            if (usable(nic) && nic.ipv4_rank != SIZE_MAX &&
                (best == nullptr || nic.ipv4_rank < best->ipv4_rank))
                best = &nic;
        if (best != nullptr) return best->mac;
        for (const auto& nic : nics)
            if (usable(nic) && (nic.mac & kLocalBit) == 0) return nic.mac;
        for (const auto& nic : nics)
            if (usable(nic)) return nic.mac;
    } catch (...) {
        // Out of memory while listing: behave as if there were no interface.
    }
    return std::nullopt;
}

std::uint64_t getnode() noexcept {
    return detail::compute_once<kUnset>(g_node, [] {
        if (auto hw = hardware_node()) return *hw;
        // RFC 9562 §6.10: random bits with the multicast bit set.
        return (random_u64() & kMask48) | kMulticastBit;
    });
}

std::uint64_t random_node() noexcept {
    const std::uint64_t mark = detail::fork_generation() + 1;
    if (g_random_ready.load(std::memory_order_acquire) == mark) {
        return g_random_node.load(std::memory_order_relaxed);
    }
    // RFC 9562 §6.10: random bits with the multicast bit set. Drawn before claiming,
    // so the claim is held for two stores only.
    const std::uint64_t fresh = (random_u64() & kMask48) | kMulticastBit;
    std::uint64_t claimed = g_random_claimed.load(std::memory_order_relaxed);
    while (claimed != mark) {
        if (g_random_claimed.compare_exchange_weak(claimed, mark, std::memory_order_acq_rel)) {
            g_random_node.store(fresh, std::memory_order_relaxed);
            g_random_ready.store(mark, std::memory_order_release);
            return fresh;
        }
    }
    // Another thread of this process claimed this generation: wait for its node.
    for (int spins = 0; g_random_ready.load(std::memory_order_acquire) != mark; ++spins) {
        detail::spin_pause();
        if (spins > 64) detail::yield_cpu();
    }
    return g_random_node.load(std::memory_order_relaxed);
}

}  // namespace oruuid
