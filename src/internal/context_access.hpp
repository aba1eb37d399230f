// src/internal/context_access.hpp: the private door into the contexts, for fork handlers and tests.
#pragma once

#include <cstdint>

#include "oruuid/context.hpp"

namespace oruuid::detail {

/// The one friend of ContextV7 and ClockSequence.
struct ContextAccess {
    static SpinLock& lock(ContextV7& c) noexcept { return c.lock_; }
    static SpinLock& lock(ClockSequence& c) noexcept { return c.lock_; }

    /// Test hook: sets the counter of `c` as if it had been incremented that far, so
    /// that overflow can be exercised. Clamped to the counter's width.
    static void set_counter_for_testing(ContextV7& c, std::uint64_t counter) noexcept;
};

}  // namespace oruuid::detail
