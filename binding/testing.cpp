// binding/testing.cpp: oruuid._core.testing, test-only control of the generators' clock and v7
// counter.
//
// Compiled into oruuid._core only with ORUUID_BUILD_TESTING_MODULE=ON; a release
// build has neither the submodule nor the core's test seams reachable from Python.
#include <nanobind/nanobind.h>

#include <atomic>
#include <cstdint>

#include "internal/clock.hpp"
#include "internal/context_access.hpp"
#include "internal/platform.hpp"
#include "oruuid/context.hpp"
#include "oruuid/timestamp.hpp"

namespace nb = nanobind;

namespace {

// The fake clock: base_seconds plus an offset in nanoseconds that each read advances
// by step_ns, so a test can have a clock that stands still (step 0) or creeps.
std::atomic<std::int64_t> g_base_seconds{0};
std::atomic<std::int64_t> g_offset_ns{0};
std::atomic<std::int64_t> g_step_ns{0};
std::atomic<std::uint64_t> g_reads{0};

oruuid::Timestamp fake_now() noexcept {
    g_reads.fetch_add(1, std::memory_order_relaxed);
    const std::int64_t ns =
        g_offset_ns.fetch_add(g_step_ns.load(std::memory_order_relaxed), std::memory_order_relaxed);
    return oruuid::Timestamp::from_unix(g_base_seconds.load(std::memory_order_relaxed), ns);
}

}  // namespace

namespace oruuid::py {

void register_testing(nb::module_ m) {
    m.doc() =
        "Test-only hooks into oruuid's generators: a fake clock and the v7 counter. Never "
        "part of a release build; for oruuid's own tests.";

    m.def(
        "set_clock",
        [](std::int64_t seconds, std::int64_t nanos, std::int64_t step_ns) {
            g_base_seconds.store(seconds, std::memory_order_relaxed);
            g_offset_ns.store(nanos, std::memory_order_relaxed);
            g_step_ns.store(step_ns, std::memory_order_relaxed);
            oruuid::detail::set_time_source_for_testing(&fake_now);
        },
        nb::arg("seconds"), nb::arg("nanos") = 0, nb::arg("step_ns") = 0,
        "Makes uuid1, uuid6 and uuid7 read a fake clock at Unix time seconds + nanos ns, "
        "which moves on by step_ns after every read (0: it stands still).");
    m.def(
        "real_clock", [] { oruuid::detail::set_time_source_for_testing(nullptr); },
        "Gives uuid1, uuid6 and uuid7 the real clock back.");
    m.def(
        "clock_reads", [] { return g_reads.load(std::memory_order_relaxed); },
        "How many times the generators have read the fake clock.");
    m.def(
        "set_v7_counter",
        [](std::uint64_t counter) {
            oruuid::detail::ContextAccess::set_counter_for_testing(oruuid::global_context_v7(),
                                                                   counter);
        },
        nb::arg("counter"),
        "Sets the process-wide uuid7 counter (42 bits, clamped) as if it had counted that "
        "far, so that the next uuid7 in the same millisecond overflows it.");
    m.def(
        "fork_generation", [] { return oruuid::detail::fork_generation(); },
        "How many forks the core has seen on the way to this process.");
}

}  // namespace oruuid::py
