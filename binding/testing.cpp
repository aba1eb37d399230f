// binding/testing.cpp: oruuid._testing, test-only control of the clock and v7 counter that
// oruuid._core's generators use. Built only with ORUUID_BUILD_TESTING_MODULE=ON.
//
// The fake clock lives here; _core's copy of the core is pointed at it through the
// hooks table that _core exports in such a build (see testing_hooks.hpp).
#include <dlfcn.h>
#include <nanobind/nanobind.h>
#include <nanobind/stl/string.h>

#include <atomic>
#include <cstdint>
#include <string>

#include "oruuid/timestamp.hpp"
#include "testing_hooks.hpp"

namespace nb = nanobind;

namespace {

const oruuid_testing_hooks_table* g_hooks = nullptr;

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

const oruuid_testing_hooks_table* find_hooks() {
    // _core is already loaded (imported just before); find its table without loading
    // anything new.
    std::string path = nb::cast<std::string>(nb::module_::import_("oruuid._core").attr("__file__"));
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_NOLOAD);
    void* sym = handle ? dlsym(handle, ORUUID_TESTING_HOOKS_SYMBOL) : nullptr;
    if (handle) dlclose(handle);  // drops the reference RTLD_NOLOAD added; _core stays loaded
    if (!sym) {
        throw nb::import_error(
            "oruuid._core was built without ORUUID_BUILD_TESTING_MODULE, so it has no test "
            "hooks; reinstall with --config-settings=cmake.define.ORUUID_BUILD_TESTING_MODULE=ON");
    }
    const oruuid_testing_hooks_table* hooks = reinterpret_cast<oruuid_testing_hooks_fn>(sym)();
    if (hooks->size != sizeof(oruuid_testing_hooks_table)) {
        throw nb::import_error("oruuid._core and oruuid._testing come from different builds");
    }
    return hooks;
}

}  // namespace

NB_MODULE(_testing, m) {
    m.doc() =
        "Test-only hooks into oruuid's generators: a fake clock and the v7 counter. Never "
        "part of a release build; for oruuid's own tests.";
    g_hooks = find_hooks();

    m.def(
        "set_clock",
        [](std::int64_t seconds, std::int64_t nanos, std::int64_t step_ns) {
            g_base_seconds.store(seconds, std::memory_order_relaxed);
            g_offset_ns.store(nanos, std::memory_order_relaxed);
            g_step_ns.store(step_ns, std::memory_order_relaxed);
            g_hooks->set_time_source(&fake_now);
        },
        nb::arg("seconds"), nb::arg("nanos") = 0, nb::arg("step_ns") = 0,
        "Makes uuid1, uuid6 and uuid7 read a fake clock at Unix time seconds + nanos ns, "
        "which moves on by step_ns after every read (0: it stands still).");
    m.def(
        "real_clock", [] { g_hooks->set_time_source(nullptr); },
        "Gives uuid1, uuid6 and uuid7 the real clock back.");
    m.def(
        "clock_reads", [] { return g_reads.load(std::memory_order_relaxed); },
        "How many times the generators have read the fake clock.");
    m.def(
        "set_v7_counter", [](std::uint64_t counter) { g_hooks->set_v7_counter(counter); },
        nb::arg("counter"),
        "Sets the process-wide uuid7 counter (42 bits, clamped) as if it had counted that "
        "far, so that the next uuid7 in the same millisecond overflows it.");
    m.def(
        "fork_generation", [] { return g_hooks->fork_generation(); },
        "How many forks the core has seen on the way to this process.");
}
