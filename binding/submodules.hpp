// binding/submodules.hpp: the parts of oruuid._core that module.cpp assembles: the submodules
// (batch, patch, bench, testing) and the types (Timestamp, ContextV7).
//
// A submodule is a plain module object registered in sys.modules under its dotted name;
// its functions get the oruuid._core module as `self`, so they reach the interpreter's
// State with state_of(self).
#pragma once

#include "state.hpp"

namespace oruuid::py {

/// Adds each of `defs` (up to the all-null entry) to `sub` as a builtin function whose
/// self is `core`.
void add_functions(PyObject* core, PyObject* sub, PyMethodDef* defs);

/// oruuid._core.batch (batch.cpp): uuid4_many, parse_many and the rest's native half.
void init_batch(PyObject* core, PyObject* sub);

/// oruuid._core.patch (patch.cpp): uuid.UUID's native paths for oruuid.install().
void init_patch(PyObject* core, PyObject* sub);

/// oruuid._core.bench (bench.cpp): the floor rows of `python -m oruuid.bench`.
void init_bench(PyObject* core, PyObject* sub);

#ifdef ORUUID_TESTING_MODULE
/// oruuid._core.testing (testing.cpp): a fake clock and the v7 counter, for tests.
void init_testing(PyObject* core, PyObject* sub);
#endif

/// Timestamp and ContextV7 (time.cpp): made with PyType_FromModuleAndSpec, added to
/// `core` and recorded in its State. The interpreter's datetime is bound on first need;
/// traverse_time and clear_time visit and drop it.
void init_time(PyObject* core, State& st);
int traverse_time(State& st, visitproc visit, void* arg) noexcept;
void clear_time(State& st) noexcept;

/// Puts uuid.UUID back and drops what patch.cpp keeps in `st` (module teardown), freeing
/// its memory too when `release`; traverse_patch visits it for the GC.
void free_patch(State& st, bool release) noexcept;
#if PY_VERSION_HEX >= 0x030C0000
/// The module's dict watcher saw `dict` change (patch.cpp counts uuid.UUID's changes).
void note_class_dict_change(State& st, PyObject* dict) noexcept;
#endif
int traverse_patch(State& st, visitproc visit, void* arg) noexcept;

}  // namespace oruuid::py
