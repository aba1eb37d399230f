// binding/testing_hooks.hpp: the table through which oruuid._testing reaches oruuid._core's core.
//
// Each extension module links its own copy of the core, so _testing cannot call the
// core's test hooks directly: it would change its own copy's clock, not _core's. A
// _core built with ORUUID_BUILD_TESTING_MODULE exports this table under a C name, and
// _testing looks it up in the already loaded _core. Release builds export nothing.
#pragma once

#include <cstdint>

#include "internal/clock.hpp"

extern "C" {

struct oruuid_testing_hooks_table {
    std::uint32_t size;  ///< sizeof(oruuid_testing_hooks_table), a guard against a stale build
    /// oruuid::detail::set_time_source_for_testing of _core's copy of the core.
    void (*set_time_source)(oruuid::detail::TimeSource source) noexcept;
    /// ContextV7::set_counter_for_testing on _core's process-wide v7 context.
    void (*set_v7_counter)(std::uint64_t counter) noexcept;
    /// oruuid::detail::fork_generation() of _core's copy.
    std::uint64_t (*fork_generation)() noexcept;
};

/// The exported name of the function returning _core's table.
#define ORUUID_TESTING_HOOKS_SYMBOL "oruuid_testing_hooks"
typedef const oruuid_testing_hooks_table* (*oruuid_testing_hooks_fn)();
}
