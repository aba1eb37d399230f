// binding/state.hpp: oruuid._core's per-interpreter state (PEP 573 module state).
//
// Every Python object the binding keeps lives here, in the module of one interpreter:
// that interpreter's uuid.UUID, its SafeUUID.unknown, the Timestamp and ContextV7
// types, install()'s records. Nothing Python lives in process-global state; what is
// process-wide (the v7 sequence, the CSPRNG, the clock sequences) is the core's and
// needs no GIL.
#pragma once

#include "py.hpp"

#include <atomic>
#include <cstdint>

namespace oruuid::py {

/// uuid.UUID as oruuid makes its instances: the class, the offsets of its `int` and
/// `is_safe` slots (read from its member descriptors: no offset is hardcoded) and
/// SafeUUID.unknown. Immutable once published; a reload of uuid publishes a new one.
struct UuidClass {
    PyTypeObject* type = nullptr;  // strong
    Py_ssize_t int_offset = 0;
    Py_ssize_t safe_offset = 0;
    PyObject* unknown = nullptr;  // strong
    // Whether results are made with PyObject_GC_New rather than tp_alloc (see
    // plain_gc_layout in module.cpp).
    bool plain_gc = false;
    // Whether the object's body holds more than the two slots, and so must be zeroed
    // after PyObject_GC_New (3.11: the __weakref__ slot; 3.12+ keeps it in the
    // pre-header, which PyObject_GC_New clears).
    bool zero_body = true;
    UuidClass* retired = nullptr;  // the one this replaced, freed with the module
};

struct PatchState;  // patch.cpp: what install() changed in this interpreter's uuid.UUID

struct State {
    // The interpreter's uuid module and its dict (both strong).
    PyObject* uuid_module;
    PyObject* uuid_dict;
    // The class results are made of; see uuid_class().
    std::atomic<UuidClass*> cls;
#if PY_VERSION_HEX >= 0x030C0000
    // A dict watcher (-1: none free) on uuid.__dict__ and, once installed, on
    // uuid.UUID's dict; set when uuid.UUID or uuid.SafeUUID may have been rebound.
    int watcher;
    std::atomic<bool> uuid_changed;
#else
    // uuid.__dict__'s version when `cls` was last checked against it.
    std::uint64_t uuid_dict_version;
#endif
    PyObject* name_UUID;            // "UUID", interned
    PyObject* name_SafeUUID;        // "SafeUUID", interned
    std::atomic<PyObject*> compat;  // oruuid._compat, imported on first need
    PyTypeObject* timestamp_type;
    PyTypeObject* context_type;
    std::atomic<void*> datetime;  // time.cpp's DatetimeRefs, made on first need
    PatchState* patch;            // made with the module (patch.cpp)
    // bench.cpp's floor rows.
    PyObject* bench_uuid4;
    PyObject* bench_int;
};

/// The module definition: what PyType_GetModuleByDef looks for.
extern PyModuleDef module_def;

/// The state of oruuid._core module `module`.
inline State& state_of(PyObject* module) noexcept {
    return *static_cast<State*>(PyModule_GetState(module));
}

/// The state of the oruuid._core that defined heap type `type` (or a base of it).
State& state_of_type(PyTypeObject* type);

/// The state of the calling interpreter's oruuid._core (the last one imported there),
/// for code that has no module at hand: the slots install() puts into uuid.UUID. Kept
/// in the interpreter's own dict, cached per thread. nullptr when there is none.
State* interpreter_state() noexcept;

/// Rebinds to the uuid module's current UUID and SafeUUID (after a reload); false with
/// an error set if it is not a class oruuid can make.
bool rebind_uuid_class(State& st) noexcept;

/// The uuid.UUID to make results of: the uuid module's current one. nullptr with an
/// error set if it cannot be bound.
inline const UuidClass* uuid_class(State& st) noexcept {
#if PY_VERSION_HEX >= 0x030C0000
    if (st.uuid_changed.load(std::memory_order_relaxed) && !rebind_uuid_class(st)) return nullptr;
#else
    if (reinterpret_cast<PyDictObject*>(st.uuid_dict)->ma_version_tag != st.uuid_dict_version &&
        !rebind_uuid_class(st)) {
        return nullptr;
    }
#endif
    return st.cls.load(std::memory_order_acquire);
}

/// oruuid._compat's attribute `name` (a new reference): the stdlib's exact semantics.
Ref compat_attr(State& st, const char* name);

/// Calls oruuid._compat.<name>(args...).
template <typename... Args>
Ref compat(State& st, const char* name, Args... args) {
    Ref f = compat_attr(st, name);
    PyObject* argv[] = {nullptr, args...};
    return own(PyObject_Vectorcall(f.get(), argv + 1,
                                   sizeof...(Args) | PY_VECTORCALL_ARGUMENTS_OFFSET, nullptr));
}

}  // namespace oruuid::py
