// binding/testing.cpp: oruuid._core.testing, test-only control of the generators' clock and v7
// counter.
//
// Compiled into oruuid._core only with ORUUID_BUILD_TESTING_MODULE=ON; a release
// build has neither the submodule nor the core's test seams reachable from Python.
#include <atomic>
#include <cstdint>
#include <stdexcept>

#include "internal/clock.hpp"
#include "internal/context_access.hpp"
#include "internal/platform.hpp"
#include "oruuid/context.hpp"
#include "oruuid/timestamp.hpp"
#include "submodules.hpp"

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
    try {
        return oruuid::Timestamp::from_unix(g_base_seconds.load(std::memory_order_relaxed), ns);
    } catch (const std::out_of_range&) {  // crept past the range: stand at its end
        return oruuid::Timestamp::from_unix(oruuid::Timestamp::kMaxSeconds, 0);
    }
}

PyObject* set_clock(PyObject*, PyObject* args, PyObject* kwargs) noexcept {
    static const char* kw[] = {"seconds", "nanos", "step_ns", nullptr};
    long long seconds, nanos = 0, step_ns = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "L|LL:set_clock", const_cast<char**>(kw),
                                     &seconds, &nanos, &step_ns)) {
        return nullptr;
    }
    try {
        (void)oruuid::Timestamp::from_unix(seconds, nanos);  // in range, or ValueError now
    } catch (const std::out_of_range& e) {
        PyErr_SetString(PyExc_ValueError, e.what());
        return nullptr;
    }
    g_base_seconds.store(seconds, std::memory_order_relaxed);
    g_offset_ns.store(nanos, std::memory_order_relaxed);
    g_step_ns.store(step_ns, std::memory_order_relaxed);
    oruuid::detail::set_time_source_for_testing(&fake_now);
    Py_RETURN_NONE;
}

PyObject* real_clock(PyObject*, PyObject*) noexcept {
    oruuid::detail::set_time_source_for_testing(nullptr);
    Py_RETURN_NONE;
}

PyObject* clock_reads(PyObject*, PyObject*) noexcept {
    return PyLong_FromUnsignedLongLong(g_reads.load(std::memory_order_relaxed));
}

PyObject* set_v7_counter(PyObject*, PyObject* arg) noexcept {
    unsigned long long counter = PyLong_AsUnsignedLongLong(arg);
    if (counter == static_cast<unsigned long long>(-1) && PyErr_Occurred()) return nullptr;
    oruuid::detail::ContextAccess::set_counter_for_testing(oruuid::global_context_v7(), counter);
    Py_RETURN_NONE;
}

PyObject* fork_generation(PyObject*, PyObject*) noexcept {
    return PyLong_FromUnsignedLongLong(oruuid::detail::fork_generation());
}

using oruuid::py::as_cfunction;
PyMethodDef g_testing_methods[] = {
    {"set_clock", as_cfunction(&set_clock), METH_VARARGS | METH_KEYWORDS,
     "set_clock(seconds, nanos=0, step_ns=0)\n--\n\nMakes uuid1, uuid6 and uuid7 read a fake "
     "clock at Unix time seconds + nanos ns, which moves on by step_ns after every read (0: it "
     "stands still)."},
    {"real_clock", as_cfunction(&real_clock), METH_NOARGS,
     "real_clock()\n--\n\nGives uuid1, uuid6 and uuid7 the real clock back."},
    {"clock_reads", as_cfunction(&clock_reads), METH_NOARGS,
     "clock_reads()\n--\n\nHow many times the generators have read the fake clock."},
    {"set_v7_counter", as_cfunction(&set_v7_counter), METH_O,
     "set_v7_counter(counter, /)\n--\n\nSets the process-wide uuid7 counter (42 bits, clamped) "
     "as if it had counted that far, so that the next uuid7 in the same millisecond overflows "
     "it."},
    {"fork_generation", as_cfunction(&fork_generation), METH_NOARGS,
     "fork_generation()\n--\n\nHow many forks the core has seen on the way to this process."},
    {nullptr, nullptr, 0, nullptr}};

}  // namespace

namespace oruuid::py {

void init_testing(PyObject* core, PyObject* sub) {
    check(PyModule_AddStringConstant(sub, "__doc__",
                                     "Test-only hooks into oruuid's generators: a fake clock and "
                                     "the v7 counter. Never part of a release build; for "
                                     "oruuid's own tests."));
    add_functions(core, sub, g_testing_methods);
}

}  // namespace oruuid::py
