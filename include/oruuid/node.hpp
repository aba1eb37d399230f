// oruuid/node.hpp: the 48-bit node id of v1 and v6 UUIDs (RFC 9562 §6.10).
#pragma once

#include <cstdint>
#include <optional>

#include "oruuid/export.hpp"

namespace oruuid {

/// The hardware address of a real network interface (not loopback, not all-zero,
/// not multicast), or nullopt when there is none.
ORUUID_API std::optional<std::uint64_t> hardware_node() noexcept;

/// The node for v1/v6: `hardware_node()`, or else 48 random bits with the multicast
/// bit set (§6.10) so it can never clash with a real MAC. Computed once per process.
ORUUID_API std::uint64_t getnode() noexcept;

/// A node for v1/v6 that says nothing about the host: 48 random bits with the
/// multicast bit set (§6.10), drawn once per process and drawn again in a forked
/// child, so parent and child never share one. Thread-safe and lock-free.
ORUUID_API std::uint64_t random_node() noexcept;

}  // namespace oruuid
