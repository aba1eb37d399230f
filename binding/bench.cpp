// binding/bench.cpp: oruuid._core.bench, native floor helpers for `python -m oruuid.bench`.
//
// Each helper stops at one layer of a native call so that the bench can show how
// much of oruuid's per-call cost is the bridge, the object, the int and the UUID work.
#include <nanobind/nanobind.h>

#include "oruuid/uuid.hpp"
#include "uuid_object.hpp"

namespace nb = nanobind;

namespace {

// Held for the life of the process: a module-level cache that needs no teardown.
PyObject* g_stdlib_uuid4 = nullptr;
PyObject* g_shared_int = nullptr;

// A fixed UUID (the README's example) whose int is built on every call.
constexpr oruuid::Uuid kFixed =
    oruuid::Uuid::from_u64(0x67e5504410b1426fULL, 0x9247bb680e5fe0c8ULL);

}  // namespace

namespace oruuid::py {

void register_bench(nb::module_ m) {
    m.doc() = "Native floor helpers for oruuid.bench; private, not part of the API.";

    g_stdlib_uuid4 = nb::object(nb::module_::import_("uuid").attr("uuid4")).release().ptr();
    g_shared_int = oruuid::py::int_from_uuid(kFixed);
    if (!g_shared_int) throw nb::python_error();

    m.def(
        "noop", [] {}, "Do nothing: the cost of calling a native function and getting None.");
    m.def(
        "uuid4p",
        []() -> nb::object {
            PyObject* r = PyObject_CallNoArgs(g_stdlib_uuid4);
            if (!r) throw nb::python_error();
            return nb::steal(r);
        },
        "uuid.uuid4() called from native code: the bridge plus the stdlib's Python uuid4.");
    m.def(
        "alloc_shared",
        []() -> nb::object {
            Py_INCREF(g_shared_int);
            PyObject* r = oruuid::py::make_from_int_object(g_shared_int);
            if (!r) throw nb::python_error();
            return nb::steal(r);
        },
        "A new exact uuid.UUID around one cached int: the bridge plus the object allocation.");
    m.def(
        "make_fixed", [] { return oruuid::py::make(kFixed); },
        "A new exact uuid.UUID for a fixed value: the bridge, the allocation and the 128-bit\n"
        "int, everything in uuid4() except the random bytes.");
}

}  // namespace oruuid::py
