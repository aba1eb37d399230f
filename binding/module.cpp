// binding/module.cpp: oruuid._core's module definition, per-interpreter state and lifecycle.
//
// Multi-phase initialisation (PEP 489) with module state (PEP 573): each interpreter that
// imports oruuid._core, the main one, legacy and isolated sub-interpreters alike, runs
// exec() on a module of its own, binding to its own uuid.UUID, SafeUUID and datetime. The
// module declares per-interpreter-GIL support, and on free-threaded builds that it needs no
// GIL: the state shared between threads is synchronised as GUARANTEES.md says.
#include "state.hpp"  // Python.h first, as structmember.h needs

#include <structmember.h>

#include <atomic>
#include <cstdarg>
#include <cstring>
#include <string>
#include <utility>

#include "oruuid/version.hpp"
#include "submodules.hpp"
#include "uuid_object.hpp"

namespace oruuid::py {

extern PyMethodDef core_methods[];   // core.cpp: private helpers
extern PyMethodDef* public_methods;  // core.cpp: oruuid's functions
extern PyMethodDef* stdlib_methods;  // core.cpp: install()'s copies, the stdlib's signatures

void raise_from(PyObject* type, const char* format, ...) {
#if PY_VERSION_HEX >= 0x030C0000
    PyObject* cause = PyErr_GetRaisedException();
#else
    PyObject *cause_type, *cause, *cause_tb;
    PyErr_Fetch(&cause_type, &cause, &cause_tb);
    PyErr_NormalizeException(&cause_type, &cause, &cause_tb);
    if (cause && cause_tb) PyException_SetTraceback(cause, cause_tb);
    Py_XDECREF(cause_type);
    Py_XDECREF(cause_tb);
#endif
    va_list args;
    va_start(args, format);
    PyErr_FormatV(type, format, args);
    va_end(args);
    if (cause) {
#if PY_VERSION_HEX >= 0x030C0000
        PyObject* exc = PyErr_GetRaisedException();
        PyException_SetCause(exc, Py_NewRef(cause));
        PyException_SetContext(exc, cause);
        PyErr_SetRaisedException(exc);
#else
        PyObject *t, *v, *tb;
        PyErr_Fetch(&t, &v, &tb);
        PyErr_NormalizeException(&t, &v, &tb);
        PyException_SetCause(v, Py_NewRef(cause));
        PyException_SetContext(v, cause);
        PyErr_Restore(t, v, tb);
#endif
    }
    throw Error{};
}

namespace {

// Adds `defs` to `target` as builtin functions with self `core` and __module__ `module`.
void add_functions_as(PyObject* core, PyObject* target, PyMethodDef* defs, PyObject* module) {
    for (PyMethodDef* d = defs; d->ml_name; ++d) {
        Ref f = own(PyCFunction_NewEx(d, core, module));
        check(PyModule_AddObjectRef(target, d->ml_name, f.get()));
    }
}

}  // namespace

void add_functions(PyObject* core, PyObject* sub, PyMethodDef* defs) {
    add_functions_as(core, sub, defs, own(PyModule_GetNameObject(sub)).get());
}

State& state_of_type(PyTypeObject* type) {
    PyObject* module = PyType_GetModuleByDef(type, &module_def);
    if (!module) throw Error{};
    return state_of(module);
}

namespace {

// The key of each interpreter's own dict under which its oruuid._core state lives.
constexpr const char kStateKey[] = "oruuid._core.state";

// Bumped whenever a state is registered or freed, so that a thread's cached lookup is
// never used across either. A number, not a Python object: shared by the process.
std::atomic<std::uint64_t> g_states_epoch{1};

struct CachedState {
    PyInterpreterState* interp;
    std::uint64_t epoch;
    State* state;
};
thread_local CachedState t_cached{};

State* lookup_state(PyInterpreterState* interp) noexcept {
    PyObject* dict = PyInterpreterState_GetDict(interp);
    if (!dict) return nullptr;
    PyObject* capsule = PyDict_GetItemString(dict, kStateKey);  // borrowed
    if (!capsule) return nullptr;
    return static_cast<State*>(PyCapsule_GetPointer(capsule, kStateKey));
}

}  // namespace

State* interpreter_state() noexcept {
    PyInterpreterState* interp = PyInterpreterState_Get();
    const std::uint64_t epoch = g_states_epoch.load(std::memory_order_acquire);
    CachedState& c = t_cached;
    if (c.interp != interp || c.epoch != epoch) c = {interp, epoch, lookup_state(interp)};
    return c.state;
}

namespace {

Py_ssize_t member_offset(PyObject* type, const char* name) {
    Ref descr = own(PyObject_GetAttrString(type, name));
    if (!Py_IS_TYPE(descr.get(), &PyMemberDescr_Type)) {
        raise(PyExc_TypeError, std::string("uuid.UUID.") + name + " is not a slot");
    }
    auto* member = reinterpret_cast<PyMemberDescrObject*>(descr.get())->d_member;
    if (member->type != T_OBJECT_EX && member->type != T_OBJECT) {
        raise(PyExc_TypeError, std::string("uuid.UUID.") + name + " is not an object slot");
    }
    return member->offset;
}

// The uuid module's global `name` (a new reference); KeyError-free: nullptr with a
// NameError-like error when missing.
Ref uuid_global(State& st, PyObject* name) {
    PyObject* v = PyDict_GetItemWithError(st.uuid_dict, name);  // borrowed
    if (!v) {
        if (!PyErr_Occurred())
            PyErr_Format(PyExc_AttributeError, "module 'uuid' has no attribute %R", name);
        throw Error{};
    }
    return Ref::borrow(v);
}

void free_class(UuidClass* c) noexcept {
    while (c) {
        Py_CLEAR(c->type);
        Py_CLEAR(c->unknown);
        delete std::exchange(c, c->retired);
    }
}

}  // namespace

namespace {

// Whether PyObject_GC_New, with the fields zeroed, makes what tp_alloc would: the
// generic allocator, a fixed size, and no dict or inline values. A managed weak-reference
// list (uuid.UUID's on 3.12+, from its __slots__) is allowed: it lives in the
// pre-header, which PyObject_GC_New clears as it must for extension types with
// Py_TPFLAGS_MANAGED_WEAKREF.
bool plain_gc_layout(PyTypeObject* t) noexcept {
    unsigned long refused = 0;
#ifdef Py_TPFLAGS_MANAGED_DICT
    refused |= Py_TPFLAGS_MANAGED_DICT;
#endif
#ifdef Py_TPFLAGS_INLINE_VALUES
    refused |= Py_TPFLAGS_INLINE_VALUES;
#endif
    return t->tp_alloc == PyType_GenericAlloc && t->tp_itemsize == 0 && PyType_IS_GC(t) &&
           (PyType_GetFlags(t) & refused) == 0 && t->tp_dictoffset == 0 &&
           t->tp_basicsize >= static_cast<Py_ssize_t>(sizeof(PyObject));
}

// Whether the object's body is exactly the `int` and `is_safe` slots, so that nothing
// in it is left to zero after PyObject_GC_New (3.12+: __weakref__ is in the pre-header).
bool body_is_two_slots(PyTypeObject* t, Py_ssize_t a, Py_ssize_t b) noexcept {
    constexpr auto kFirst = static_cast<Py_ssize_t>(sizeof(PyObject));
    constexpr auto kWord = static_cast<Py_ssize_t>(sizeof(PyObject*));
    if (a > b) std::swap(a, b);
    return t->tp_basicsize == kFirst + 2 * kWord && a == kFirst && b == kFirst + kWord;
}

}  // namespace

bool rebind_uuid_class(State& st) noexcept {
    return guard([&]() -> PyObject* {
    // Read the change marker first: a change during the rebind is seen next time.
#if PY_VERSION_HEX >= 0x030C0000
               st.uuid_changed.store(st.watcher < 0, std::memory_order_relaxed);
#else
               const std::uint64_t version =
                   reinterpret_cast<PyDictObject*>(st.uuid_dict)->ma_version_tag;
#endif
               Ref type = uuid_global(st, st.name_UUID);
               Ref safe = uuid_global(st, st.name_SafeUUID);
               Ref unknown = own(PyObject_GetAttrString(safe.get(), "unknown"));
               UuidClass* current = st.cls.load(std::memory_order_acquire);
               if (!current || current->type != reinterpret_cast<PyTypeObject*>(type.get()) ||
                   current->unknown != unknown.get()) {
                   if (!PyType_Check(type.get())) {
                       raise(PyExc_TypeError, "uuid.UUID is not a class oruuid can make");
                   }
                   auto* c = new UuidClass;
                   c->int_offset = member_offset(type.get(), "int");
                   c->safe_offset = member_offset(type.get(), "is_safe");
                   c->plain_gc = plain_gc_layout(reinterpret_cast<PyTypeObject*>(type.get()));
                   c->zero_body = !body_is_two_slots(reinterpret_cast<PyTypeObject*>(type.get()),
                                                     c->int_offset, c->safe_offset);
                   c->type = reinterpret_cast<PyTypeObject*>(type.release());
                   c->unknown = unknown.release();
                   c->retired = current;
                   // Readers keep using `current` until they see `c`; it is freed with
                   // the module, so a reload never pulls a class from under a reader.
                   if (!st.cls.compare_exchange_strong(current, c, std::memory_order_acq_rel)) {
                       c->retired = nullptr;
                       free_class(c);
                   }
               }
#if PY_VERSION_HEX < 0x030C0000
               st.uuid_dict_version = version;
#endif
               return Py_None;  // borrowed: only compared against nullptr
           }) != nullptr;
}

Ref compat_attr(State& st, const char* name) {
    PyObject* compat = st.compat.load(std::memory_order_acquire);
    if (!compat) {
        // Not at exec time: oruuid._compat imports this module. Threads may race here
        // without a GIL; the first store wins.
        Ref imported = own(PyImport_ImportModule("oruuid._compat"));
        if (st.compat.compare_exchange_strong(compat, imported.get(), std::memory_order_acq_rel)) {
            compat = imported.release();
        }
    }
    return own(PyObject_GetAttrString(compat, name));
}

namespace {

#if PY_VERSION_HEX >= 0x030C0000
// One watcher per module serves uuid.__dict__ (a rebound UUID or SafeUUID, as a reload
// does) and uuid.UUID's dict once install() watches it (patch.cpp).
int on_dict_change(PyDict_WatchEvent event, PyObject* dict, PyObject* key, PyObject*) noexcept {
    State* st = interpreter_state();
    if (!st) return 0;
    if (dict == st->uuid_dict) {
        if (!key || event == PyDict_EVENT_CLEARED || event == PyDict_EVENT_DEALLOCATED ||
            key == st->name_UUID || key == st->name_SafeUUID ||
            (PyUnicode_Check(key) && (PyUnicode_Compare(key, st->name_UUID) == 0 ||
                                      PyUnicode_Compare(key, st->name_SafeUUID) == 0))) {
            st->uuid_changed.store(true, std::memory_order_relaxed);
        }
        return 0;
    }
    note_class_dict_change(*st, dict);
    return 0;
}
#endif

Ref intern(const char* s) {
    return own(PyUnicode_InternFromString(s));
}

void add_submodule(PyObject* core, PyObject* modules, const char* name,
                   void (*init)(PyObject*, PyObject*)) {
    const std::string full = std::string("oruuid._core.") + name;
    Ref sub = own(PyModule_New(full.c_str()));
    init(core, sub.get());
    check(PyModule_AddObjectRef(core, name, sub.get()));
    check(PyDict_SetItemString(modules, full.c_str(), sub.get()));
}

int exec_module(PyObject* m) noexcept {
    State& st = state_of(m);
    return guard([&]() -> PyObject* {
#if PY_VERSION_HEX >= 0x030C0000
               st.watcher = -1;  // the state starts zeroed, and 0 is a watcher's id
#endif
               st.name_UUID = intern("UUID").release();
               st.name_SafeUUID = intern("SafeUUID").release();
               st.uuid_module = own(PyImport_ImportModule("uuid")).release();
               // Held in its own right: a module's dict can go before the module (GC).
               st.uuid_dict = Py_NewRef(PyModule_GetDict(st.uuid_module));
#if PY_VERSION_HEX >= 0x030C0000
               st.watcher = PyDict_AddWatcher(on_dict_change);
               if (st.watcher >= 0) {
                   check(PyDict_Watch(st.watcher, st.uuid_dict));
               } else {
                   PyErr_Clear();  // none free: uuid.UUID is then looked up on every call
               }
               st.uuid_changed.store(st.watcher < 0, std::memory_order_relaxed);
#endif
               if (!rebind_uuid_class(st)) throw Error{};
               init_time(m, st);

               check(PyModule_AddStringConstant(m, "__version__", ORUUID_VERSION_STRING));
               // oruuid's functions name the package, where pickles and migrations find them.
               add_functions_as(m, m, public_methods, own(PyUnicode_FromString("oruuid")).get());
               // install()'s copies: __module__ "uuid", so pickles name uuid.uuid4.
               Ref functions = own(PyDict_New());
               Ref uuid_name = own(PyUnicode_FromString("uuid"));
               for (PyMethodDef* d = stdlib_methods; d->ml_name; ++d) {
                   Ref f = own(PyCFunction_NewEx(d, m, uuid_name.get()));
                   check(PyDict_SetItemString(functions.get(), d->ml_name, f.get()));
               }
               check(PyModule_AddObjectRef(m, "stdlib_functions", functions.get()));

               PyObject* modules = PyImport_GetModuleDict();  // borrowed
               add_submodule(m, modules, "batch", &init_batch);
               add_submodule(m, modules, "patch", &init_patch);
               add_submodule(m, modules, "bench", &init_bench);
#ifdef ORUUID_TESTING_MODULE
               add_submodule(m, modules, "testing", &init_testing);
#endif
               // Last: the state is published for slot functions only once complete.
               Ref capsule = own(PyCapsule_New(&st, kStateKey, nullptr));
               PyObject* interp_dict = PyInterpreterState_GetDict(PyInterpreterState_Get());
               if (!interp_dict) raise(PyExc_RuntimeError, "no interpreter dict");
               check(PyDict_SetItemString(interp_dict, kStateKey, capsule.get()));
               g_states_epoch.fetch_add(1, std::memory_order_acq_rel);
               return Py_None;
           }) != nullptr
               ? 0
               : -1;
}

int traverse_module(PyObject* m, visitproc visit, void* arg) {
    State& st = state_of(m);
    Py_VISIT(st.uuid_module);
    Py_VISIT(st.uuid_dict);
    for (UuidClass* c = st.cls.load(std::memory_order_acquire); c; c = c->retired) {
        Py_VISIT(c->type);
        Py_VISIT(c->unknown);
    }
    Py_VISIT(st.compat.load(std::memory_order_relaxed));
    Py_VISIT(st.timestamp_type);
    Py_VISIT(st.context_type);
    if (int r = traverse_time(st, visit, arg)) return r;
    Py_VISIT(st.bench_uuid4);
    Py_VISIT(st.bench_int);
    return traverse_patch(st, visit, arg);
}

int clear_module(PyObject* m) {
    State& st = state_of(m);
    free_patch(st, false);
    Py_XDECREF(st.compat.exchange(nullptr));
    Py_CLEAR(st.timestamp_type);
    Py_CLEAR(st.context_type);
    clear_time(st);
    Py_CLEAR(st.bench_uuid4);
    Py_CLEAR(st.bench_int);
    return 0;
}

void free_module(void* p) {
    auto* m = static_cast<PyObject*>(p);
    State& st = state_of(m);
    clear_module(m);
    free_patch(st, true);
    // Unpublish, unless a later import of the module in this interpreter replaced it.
    if (PyObject* interp_dict = PyInterpreterState_GetDict(PyInterpreterState_Get())) {
        PyObject* capsule = PyDict_GetItemString(interp_dict, kStateKey);
        if (capsule && PyCapsule_GetPointer(capsule, kStateKey) == &st) {
            if (PyDict_DelItemString(interp_dict, kStateKey) < 0) PyErr_Clear();
        }
    }
    g_states_epoch.fetch_add(1, std::memory_order_acq_rel);
#if PY_VERSION_HEX >= 0x030C0000
    if (st.watcher >= 0) {
        if (st.uuid_dict && PyDict_Unwatch(st.watcher, st.uuid_dict) < 0) PyErr_Clear();
        if (PyDict_ClearWatcher(st.watcher) < 0) PyErr_Clear();
        st.watcher = -1;
    }
#endif
    free_class(st.cls.exchange(nullptr));
    Py_CLEAR(st.uuid_module);
    Py_CLEAR(st.uuid_dict);
    Py_CLEAR(st.name_UUID);
    Py_CLEAR(st.name_SafeUUID);
}

PyModuleDef_Slot module_slots[] = {
    {Py_mod_exec, reinterpret_cast<void*>(&exec_module)},
#if PY_VERSION_HEX >= 0x030C0000
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#if PY_VERSION_HEX >= 0x030D0000
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, nullptr}};

}  // namespace

PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT,
    "oruuid._core",
    "Native UUID generation and parsing for oruuid; use the oruuid package instead.",
    static_cast<Py_ssize_t>(sizeof(State)),
    core_methods,
    module_slots,
    traverse_module,
    clear_module,
    free_module,
};

}  // namespace oruuid::py

PyMODINIT_FUNC PyInit__core() {
    return PyModuleDef_Init(&oruuid::py::module_def);
}
