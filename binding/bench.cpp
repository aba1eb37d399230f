// binding/bench.cpp: oruuid._core.bench, native floor helpers for `python -m oruuid.bench`.
//
// Each helper stops at one layer of a native call so that the bench can show how
// much of oruuid's per-call cost is the bridge, the object, the int and the UUID work.
#include "oruuid/uuid.hpp"
#include "submodules.hpp"
#include "uuid_object.hpp"

namespace {

using oruuid::py::state_of;

// A fixed UUID (the README's example) whose int is built on every call.
constexpr oruuid::Uuid kFixed =
    oruuid::Uuid::from_u64(0x67e5504410b1426fULL, 0x9247bb680e5fe0c8ULL);

PyObject* noop(PyObject*, PyObject*) noexcept {
    Py_RETURN_NONE;
}

PyObject* uuid4p(PyObject* self, PyObject*) noexcept {
    return PyObject_CallNoArgs(state_of(self).bench_uuid4);
}

PyObject* alloc_shared(PyObject* self, PyObject*) noexcept {
    oruuid::py::State& st = state_of(self);
    return oruuid::py::make_from_int_object(st, Py_NewRef(st.bench_int));
}

PyObject* make_fixed(PyObject* self, PyObject*) noexcept {
    return oruuid::py::make_raw(state_of(self), kFixed);
}

using oruuid::py::as_cfunction;
PyMethodDef g_bench_methods[] = {
    {"noop", as_cfunction(&noop), METH_NOARGS,
     "noop()\n--\n\nDo nothing: the cost of calling a native function and getting None."},
    {"uuid4p", as_cfunction(&uuid4p), METH_NOARGS,
     "uuid4p()\n--\n\nuuid.uuid4() called from native code: the bridge plus the stdlib's Python "
     "uuid4."},
    {"alloc_shared", as_cfunction(&alloc_shared), METH_NOARGS,
     "alloc_shared()\n--\n\nA new exact uuid.UUID around one cached int: the bridge plus the "
     "object allocation."},
    {"make_fixed", as_cfunction(&make_fixed), METH_NOARGS,
     "make_fixed()\n--\n\nA new exact uuid.UUID for a fixed value: the bridge, the allocation "
     "and the 128-bit\nint, everything in uuid4() except the random bytes."},
    {nullptr, nullptr, 0, nullptr}};

}  // namespace

namespace oruuid::py {

void init_bench(PyObject* core, PyObject* sub) {
    State& st = state_of(core);
    st.bench_uuid4 = own(PyObject_GetAttrString(st.uuid_module, "uuid4")).release();
    st.bench_int = own(int_from_uuid(kFixed)).release();
    check(PyModule_AddStringConstant(
        sub, "__doc__", "Native floor helpers for oruuid.bench; private, not part of the API."));
    add_functions(core, sub, g_bench_methods);
}

}  // namespace oruuid::py
