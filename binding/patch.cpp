// binding/patch.cpp: oruuid._core.patch, the native half of oruuid.install(): uuid.UUID's hot
// paths.
//
// How install() changes the class (oruuid/_install.py decides what and when):
//  - C slots: tp_vectorcall (calls of uuid.UUID itself), tp_str, tp_hash and
//    tp_richcompare point at the functions below. The class dict keeps its Python
//    functions, so UUID.__init__ and the dunders keep their identity and signature,
//    and subclasses, which dispatch through the dict, run exactly what they ran.
//  - The properties (hex, bytes, fields, ...) are replaced in the class dict by
//    native getset descriptors, which measure faster than property(native).
// A fast path is taken only for an exact uuid.UUID whose int slot holds an exact
// int in range, and only while the class is as install() left it; anything else
// runs the original Python code, so values and errors are the stdlib's by
// construction. "As install() left it" costs a compare per call, and a look at the
// class dict only after the class changes (see pristine()).
#include <nanobind/nanobind.h>
#include <nanobind/stl/string.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <string>
#include <utility>

#include "args.hpp"
#include "oruuid/builder.hpp"
#include "oruuid/fmt.hpp"
#include "oruuid/parser.hpp"
#include "oruuid/uuid.hpp"
#include "uuid_object.hpp"

namespace nb = nanobind;
using oruuid::Uuid;

namespace {

// The properties replaced, in the order of kPropNames.
enum Prop : int {
    kHex,
    kUrn,
    kBytes,
    kBytesLe,
    kFields,
    kTimeLow,
    kTimeMid,
    kTimeHiVersion,
    kClockSeqHiVariant,
    kClockSeqLow,
    kNode,
    kTime,
    kClockSeq,
    kVariant,
    kVersion,
    kPropCount
};
constexpr const char* kPropNames[kPropCount] = {"hex",
                                                "urn",
                                                "bytes",
                                                "bytes_le",
                                                "fields",
                                                "time_low",
                                                "time_mid",
                                                "time_hi_version",
                                                "clock_seq_hi_variant",
                                                "clock_seq_low",
                                                "node",
                                                "time",
                                                "clock_seq",
                                                "variant",
                                                "version"};

// UUID.__init__'s parameters, in order.
enum Param : int {
    kParamHex,
    kParamBytes,
    kParamBytesLe,
    kParamFields,
    kParamInt,
    kParamVersion,
    kParamIsSafe,
    kParamCount
};
static_assert(kParamHex == static_cast<int>(oruuid::py::Form::hex) &&
              kParamInt == static_cast<int>(oruuid::py::Form::int_));
constexpr const char* kParamNames[kParamCount] = {"hex", "bytes",   "bytes_le", "fields",
                                                  "int", "version", "is_safe"};

// The uuid module's names for the four variants, in oruuid::Variant order.
constexpr const char* kVariantNames[4] = {"RESERVED_NCS", "RFC_4122", "RESERVED_MICROSOFT",
                                          "RESERVED_FUTURE"};

struct State {
    PyTypeObject* type = nullptr;     // uuid.UUID
    PyObject* globals = nullptr;      // uuid.__dict__, where the variant names are looked up
    PyObject* fget[kPropCount] = {};  // the original getters, for every fallback
    PyObject* params[kParamCount] = {};
    PyObject* variant_names[4] = {};
    PyObject* safe_default = nullptr;  // __init__'s default is_safe
    PyObject* safe_unknown = nullptr;  // SafeUUID.unknown, which new UUIDs get
    int max_version = 5;               // __init__ accepts version in [1, max_version]
    bool ready = false;

    // The class as install() left it: name -> object that must be there, or None for
    // a name that must be absent. nullptr while not installed.
    PyObject* expected = nullptr;
    // The last check against `expected`: (stamp << 1) | matched, and the class's MRO
    // then. 0 when there is none.
    std::atomic<std::uint64_t> checked{0};
    std::atomic<PyObject*> checked_mro{nullptr};
    // 3.12+: a dict watcher on the class dict counts its changes (-1: none to be had).
    int watcher = -1;
    std::atomic<std::uint64_t> changes{0};

    // The slots as they were before install().
    vectorcallfunc saved_vectorcall = nullptr;
    reprfunc saved_str = nullptr;
    hashfunc saved_hash = nullptr;
    richcmpfunc saved_richcompare = nullptr;
};
State g;

// --- is the class as install() left it? -------------------------------------------
//
// Checked against `expected` once per change of the class, and remembered under a
// stamp that changes whenever the class may have: on 3.12+ a count kept by a dict
// watcher on the class dict, else the type's version tag (CPython clears it on any
// change). The watcher is preferred because 3.12+ gives a class only so many
// version tags, which install()/uninstall() cycles would use up. Under free
// threading, a change made while another thread checks may be seen one change late.

#if PY_VERSION_HEX >= 0x030C0000
int on_class_dict_change(PyDict_WatchEvent, PyObject*, PyObject*, PyObject*) noexcept {
    g.changes.fetch_add(1, std::memory_order_relaxed);
    return 0;
}
#endif

void watch_class_dict() noexcept {
#if PY_VERSION_HEX >= 0x030C0000
    if (g.watcher >= 0) return;
    int id = PyDict_AddWatcher(on_class_dict_change);
    if (id >= 0 && PyDict_Watch(id, g.type->tp_dict) < 0) {
        PyDict_ClearWatcher(id);
        id = -1;
    }
    if (id < 0) PyErr_Clear();  // none free: the version tag serves instead
    g.watcher = id;
#endif
}

// The current stamp; 0 when none can be had.
inline std::uint64_t stamp() noexcept {
    if (g.watcher >= 0) return g.changes.load(std::memory_order_relaxed) + 1;
#if PY_VERSION_HEX < 0x030C0000
    if (!PyType_HasFeature(g.type, Py_TPFLAGS_VALID_VERSION_TAG)) return 0;
#endif
    return g.type->tp_version_tag;
}

void assign_version_tag(PyTypeObject* t) noexcept {
#if PY_VERSION_HEX >= 0x030C0000
    PyUnstable_Type_AssignVersionTag(t);
#else
    _PyType_Lookup(t, g.params[kParamHex]);  // assigns a tag as a side effect
#endif
}

bool dict_matches(PyObject* dict, PyObject* expected) noexcept {
    Py_ssize_t pos = 0;
    PyObject *name, *want;
    while (PyDict_Next(expected, &pos, &name, &want)) {
        PyObject* have = PyDict_GetItemWithError(dict, name);  // borrowed; no Python code runs
        if (!have && PyErr_Occurred()) {
            PyErr_Clear();
            return false;
        }
        if (want == Py_None ? have != nullptr : have != want) return false;
    }
    return true;
}

// Without a GIL, `expected` may be swapped by install() while another thread reads it.
#ifdef Py_GIL_DISABLED
PyMutex g_expected_mutex = {0};
struct ExpectedLock {
    ExpectedLock() { PyMutex_Lock(&g_expected_mutex); }
    ~ExpectedLock() { PyMutex_Unlock(&g_expected_mutex); }
};
#else
struct ExpectedLock {
    ExpectedLock() {}  // nothing to lock; user-provided so that it is not "unused"
};
#endif

bool revalidate() noexcept {
    ExpectedLock lock;
    PyObject* expected = g.expected;
    if (!expected) return false;
    PyTypeObject* t = g.type;
    std::uint64_t s = stamp();  // read first: a change from here on gets a new one
    if (s == 0) {
        assign_version_tag(t);
        s = stamp();
    }
    bool ok = t->tp_base == &PyBaseObject_Type && Py_IS_TYPE(t, &PyType_Type) &&
              dict_matches(t->tp_dict, expected);
    if (s != 0) {
        g.checked_mro.store(t->tp_mro, std::memory_order_relaxed);
        g.checked.store((s << 1) | (ok ? 1 : 0), std::memory_order_relaxed);
    }
    return ok;
}

inline bool pristine() noexcept {
    std::uint64_t s = stamp();
    std::uint64_t c = g.checked.load(std::memory_order_relaxed);
    // __bases__ assignment leaves the dict alone but makes a new MRO tuple.
    if (s != 0 && (c >> 1) == s &&
        g.type->tp_mro == g.checked_mro.load(std::memory_order_relaxed)) {
        return c & 1;
    }
    return revalidate();
}

// --- reading the int slot ---------------------------------------------------------

// The value of an exact int when 0 <= v < 2**128.
inline bool read_u128(PyObject* v, std::uint64_t* hi, std::uint64_t* lo) noexcept {
    Uuid u;
    if (!oruuid::py::uuid_from_int(v, &u)) return false;
    *hi = u.high();
    *lo = u.low();
    return true;
}

// The value of `self` when the fast path applies: an exact uuid.UUID holding an
// exact int in range, with the class pristine.
inline bool fast_value(PyObject* self, std::uint64_t* hi, std::uint64_t* lo) noexcept {
    if (!Py_IS_TYPE(self, g.type)) return false;
    PyObject* v = oruuid::py::int_slot(self);
    return v && PyLong_CheckExact(v) && read_u128(v, hi, lo) && pristine();
}

// --- results ------------------------------------------------------------------------

PyObject* text(std::uint64_t hi, std::uint64_t lo, oruuid::Style style) noexcept {
    auto n = static_cast<Py_ssize_t>(oruuid::formatted_size(style));
    PyObject* s = PyUnicode_New(n, 127);
    if (s) oruuid::format_to(Uuid::from_u64(hi, lo), static_cast<char*>(PyUnicode_DATA(s)), style);
    return s;
}

PyObject* big_endian(const std::uint8_t* b) noexcept {
    return PyBytes_FromStringAndSize(reinterpret_cast<const char*>(b), 16);
}

inline PyObject* u64(std::uint64_t v) noexcept {
    return PyLong_FromUnsignedLongLong(v);
}

// A global of the uuid module (a new reference), or nullptr: missing, or an error.
PyObject* global(PyObject* name) noexcept {
#if PY_VERSION_HEX >= 0x030D0000
    PyObject* v = nullptr;
    if (PyDict_GetItemRef(g.globals, name, &v) < 0) PyErr_Clear();
    return v;
#else
    PyObject* v = PyDict_GetItemWithError(g.globals, name);
    if (!v) PyErr_Clear();
    return Py_XNewRef(v);
#endif
}

PyObject* variant_global(std::uint64_t lo) noexcept {
    auto v = Uuid::from_u64(0, lo).variant();
    return global(g.variant_names[static_cast<int>(v)]);
}

// `self.variant == RFC_4122`, as the stdlib's `version` asks it: 1, 0, or -1 to
// fall back (a global missing, or an error).
int is_rfc_4122(std::uint64_t lo) noexcept {
    PyObject* v = variant_global(lo);
    PyObject* rfc = global(g.variant_names[static_cast<int>(oruuid::Variant::rfc_4122)]);
    int r = -1;
    if (v && rfc) {
        if (v == rfc && PyUnicode_CheckExact(v)) {
            r = 1;
        } else if (PyObject* eq = PyObject_RichCompare(v, rfc, Py_EQ)) {
            r = PyObject_IsTrue(eq);
            Py_DECREF(eq);
        }
        if (r < 0) PyErr_Clear();
    }
    Py_XDECREF(v);
    Py_XDECREF(rfc);
    return r;
}

// Property P of the UUID (hi, lo) as the stdlib computes it; nullptr with no error
// set means "ask the original getter".
template <int P>
PyObject* compute(std::uint64_t hi, std::uint64_t lo) noexcept {
    const std::uint64_t time_low = hi >> 32, time_mid = (hi >> 16) & 0xFFFF,
                        time_hi_version = hi & 0xFFFF, seq_hi = lo >> 56,
                        seq_low = (lo >> 48) & 0xFF, node = lo & 0xFFFFFFFFFFFFULL;
    if constexpr (P == kHex) {
        return text(hi, lo, oruuid::Style::simple);
    } else if constexpr (P == kUrn) {
        return text(hi, lo, oruuid::Style::urn);
    } else if constexpr (P == kBytes) {
        return big_endian(Uuid::from_u64(hi, lo).data());
    } else if constexpr (P == kBytesLe) {
        return big_endian(Uuid::from_u64(hi, lo).bytes_le().data());
    } else if constexpr (P == kFields) {
        PyObject* t = PyTuple_New(6);
        if (!t) return nullptr;
        const std::uint64_t parts[6] = {time_low, time_mid, time_hi_version, seq_hi, seq_low, node};
        for (int i = 0; i < 6; ++i) {
            PyObject* item = u64(parts[i]);
            if (!item) {
                Py_DECREF(t);
                return nullptr;
            }
            PyTuple_SET_ITEM(t, i, item);
        }
        return t;
    } else if constexpr (P == kTimeLow) {
        return u64(time_low);
    } else if constexpr (P == kTimeMid) {
        return u64(time_mid);
    } else if constexpr (P == kTimeHiVersion) {
        return u64(time_hi_version);
    } else if constexpr (P == kClockSeqHiVariant) {
        return u64(seq_hi);
    } else if constexpr (P == kClockSeqLow) {
        return u64(seq_low);
    } else if constexpr (P == kNode) {
        return u64(node);
    } else if constexpr (P == kTime) {
#if PY_VERSION_HEX >= 0x030E0000
        // 3.14 reads the timestamp of v6 and v7 in their own layouts (RFC 9562 §5.6,
        // §5.7), and v1's layout for every other UUID. `self.version` is None unless
        // the variant is RFC 4122's.
        if (((hi >> 12) & 0xF) == 6 || ((hi >> 12) & 0xF) == 7) {
            int rfc = is_rfc_4122(lo);
            if (rfc < 0) return nullptr;
            if (rfc && ((hi >> 12) & 0xF) == 6) {
                return u64((time_low << 28) | (time_mid << 12) | (time_hi_version & 0x0FFF));
            }
            if (rfc) return u64(hi >> 16);
        }
#endif
        return u64(((time_hi_version & 0x0FFF) << 48) | (time_mid << 32) | time_low);
    } else if constexpr (P == kClockSeq) {
        return u64(((seq_hi & 0x3F) << 8) | seq_low);
    } else if constexpr (P == kVariant) {
        return variant_global(lo);
    } else {
        static_assert(P == kVersion);
        int rfc = is_rfc_4122(lo);
        if (rfc < 0) return nullptr;
        if (rfc) return u64((hi >> 12) & 0xF);
        Py_RETURN_NONE;
    }
}

template <int P>
PyObject* getter(PyObject* self, void*) {
    std::uint64_t hi, lo;
    if (fast_value(self, &hi, &lo)) {
        PyObject* r = compute<P>(hi, lo);
        if (r || PyErr_Occurred()) return r;
    }
    return PyObject_CallOneArg(g.fget[P], self);
}

template <int... P>
constexpr auto make_getsets(std::integer_sequence<int, P...>) {
    return std::array<PyGetSetDef, sizeof...(P)>{
        PyGetSetDef{kPropNames[P], &getter<P>, nullptr, nullptr, nullptr}...};
}
std::array<PyGetSetDef, kPropCount> g_getsets =
    make_getsets(std::make_integer_sequence<int, kPropCount>{});

// --- the slots ------------------------------------------------------------------------

PyObject* uuid_str(PyObject* self) {
    std::uint64_t hi, lo;
    if (fast_value(self, &hi, &lo)) return text(hi, lo, oruuid::Style::hyphenated);
    return g.saved_str(self);
}

Py_hash_t uuid_hash(PyObject* self) {
    // hash(self.int), whatever the slot holds.
    if (Py_IS_TYPE(self, g.type) && pristine()) {
        if (PyObject* v = oruuid::py::int_slot(self)) return PyObject_Hash(v);
    }
    return g.saved_hash(self);
}

PyObject* uuid_richcompare(PyObject* self, PyObject* other, int op) {
    if (Py_IS_TYPE(self, g.type) && Py_IS_TYPE(other, g.type) && pristine()) {
        PyObject* a = oruuid::py::int_slot(self);
        PyObject* b = oruuid::py::int_slot(other);
        if (a && b) {
            // self.int <op> other.int; != is object.__ne__ inverting ==, which only
            // an int's == answers with a plain bool.
            if (op != Py_NE || (PyLong_CheckExact(a) && PyLong_CheckExact(b))) {
                return PyObject_RichCompare(a, b, op);
            }
        }
    } else if (Py_IS_TYPE(self, g.type) &&
               (other == Py_None || PyUnicode_CheckExact(other) || PyLong_CheckExact(other) ||
                PyBytes_CheckExact(other))) {
        // isinstance(other, UUID) is False for these, so every operator says NotImplemented.
        if (pristine()) Py_RETURN_NOTIMPLEMENTED;
    }
    return g.saved_richcompare(self, other, op);
}

// --- UUID(...) ---------------------------------------------------------------------

// UUID(*args, **kwargs) for the plain calls; nullptr with no error set otherwise.
PyObject* construct(PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    PyObject* a[kParamCount] = {};
    if (nargs > kParamIsSafe) return nullptr;  // is_safe is keyword-only
    for (Py_ssize_t i = 0; i < nargs; ++i) a[i] = args[i];
    if (kwnames) {
        Py_ssize_t nkw = PyTuple_GET_SIZE(kwnames);
        for (Py_ssize_t k = 0; k < nkw; ++k) {
            PyObject* name = PyTuple_GET_ITEM(kwnames, k);
            int idx = -1;
            for (int p = 0; p < kParamCount && idx < 0; ++p) {
                if (name == g.params[p]) idx = p;
            }
            for (int p = 0; p < kParamCount && idx < 0; ++p) {
                if (PyUnicode_Compare(name, g.params[p]) == 0) idx = p;
            }
            if (PyErr_Occurred()) PyErr_Clear();
            if (idx < 0 || a[idx]) return nullptr;  // unknown or repeated: the stdlib's error
            a[idx] = args[nargs + k];
        }
    }
    int form = -1;
    for (int p = kParamHex; p <= kParamInt; ++p) {
        if (!a[p] || a[p] == Py_None) continue;
        if (form >= 0) return nullptr;  // two forms: the stdlib's TypeError
        form = p;
    }
    if (form < 0) return nullptr;
    auto parsed = oruuid::py::uuid_from_arg(static_cast<oruuid::py::Form>(form), a[form]);
    if (!parsed) return nullptr;
    Uuid u = *parsed;
    // An int is stored as the caller's object, as the stdlib stores it.
    PyObject* keep = form == kParamInt ? a[form] : nullptr;
    if (a[kParamVersion] && a[kParamVersion] != Py_None) {
        auto version = oruuid::py::exact_int_below(a[kParamVersion],
                                                   static_cast<std::uint64_t>(g.max_version) + 1);
        if (!version || *version < 1) return nullptr;
        u = oruuid::build::with_version(u, static_cast<int>(*version));
        keep = nullptr;
    }
    PyObject* value = keep ? Py_NewRef(keep) : oruuid::py::int_from_uuid(u);
    PyObject* obj = oruuid::py::make_from_int_object(value);
    PyObject* safe = a[kParamIsSafe] ? a[kParamIsSafe] : g.safe_default;
    if (obj && safe != g.safe_unknown &&
        PyObject_GenericSetAttr(obj, g.params[kParamIsSafe], safe) < 0) {
        Py_CLEAR(obj);
    }
    return obj;
}

// What calling the class does without install(): type.__call__.
PyObject* call_type(PyObject* callable, PyObject* const* args, std::size_t nargsf,
                    PyObject* kwnames) {
    if (g.saved_vectorcall) return g.saved_vectorcall(callable, args, nargsf, kwnames);
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    PyObject* tuple = PyTuple_New(nargs);
    if (!tuple) return nullptr;
    for (Py_ssize_t i = 0; i < nargs; ++i) PyTuple_SET_ITEM(tuple, i, Py_NewRef(args[i]));
    PyObject* kwargs = nullptr;
    if (kwnames && PyTuple_GET_SIZE(kwnames)) {
        kwargs = PyDict_New();
        for (Py_ssize_t k = 0; kwargs && k < PyTuple_GET_SIZE(kwnames); ++k) {
            if (PyDict_SetItem(kwargs, PyTuple_GET_ITEM(kwnames, k), args[nargs + k]) < 0) {
                Py_CLEAR(kwargs);
            }
        }
        if (!kwargs) {
            Py_DECREF(tuple);
            return nullptr;
        }
    }
    PyObject* r = nullptr;
    if (!Py_EnterRecursiveCall(" while calling a Python object")) {
        r = Py_TYPE(callable)->tp_call(callable, tuple, kwargs);
        Py_LeaveRecursiveCall();
    }
    Py_DECREF(tuple);
    Py_XDECREF(kwargs);
    return r;
}

PyObject* uuid_vectorcall(PyObject* callable, PyObject* const* args, std::size_t nargsf,
                          PyObject* kwnames) {
    if (callable == reinterpret_cast<PyObject*>(g.type) && pristine()) {
        PyObject* r = construct(args, PyVectorcall_NARGS(nargsf), kwnames);
        if (r || PyErr_Occurred()) return r;
    }
    return call_type(callable, args, nargsf, kwnames);
}

// --- the module -----------------------------------------------------------------------

PyObject* intern(const char* s) {
    PyObject* o = PyUnicode_InternFromString(s);
    if (!o) throw nb::python_error();
    return o;
}

// Records what the fallbacks need, and returns {name: native descriptor} for the
// properties named in `getters` ({name: original getter}).
nb::dict setup(nb::dict globals, nb::dict getters, nb::handle safe_default, int max_version) {
    if (!g.ready) {
        for (int p = 0; p < kParamCount; ++p) g.params[p] = intern(kParamNames[p]);
        for (int v = 0; v < 4; ++v) g.variant_names[v] = intern(kVariantNames[v]);
        g.type = oruuid::py::uuid_type();
        watch_class_dict();
        g.ready = true;
    }
    Py_XSETREF(g.globals, nb::handle(globals).inc_ref().ptr());
    Py_XSETREF(g.safe_default, safe_default.inc_ref().ptr());
    nb::object unknown = globals["SafeUUID"].attr("unknown");
    Py_XSETREF(g.safe_unknown, unknown.inc_ref().ptr());
    g.max_version = max_version;
    nb::dict out;
    for (int p = 0; p < kPropCount; ++p) {
        nb::str name(kPropNames[p]);
        if (!getters.contains(name)) continue;
        nb::object fget = getters[name];
        Py_XSETREF(g.fget[p], fget.inc_ref().ptr());
        PyObject* d = PyDescr_NewGetSet(g.type, &g_getsets[p]);
        if (!d) throw nb::python_error();
        out[name] = nb::steal(d);
    }
    return out;
}

void arm(nb::dict expected) {
    PyObject* copy = PyDict_Copy(expected.ptr());
    if (!copy) throw nb::python_error();
    ExpectedLock lock;
    g.checked.store(0);
    Py_XSETREF(g.expected, copy);
}

void disarm() {
    ExpectedLock lock;
    g.checked.store(0);
    Py_CLEAR(g.expected);
}

// Points one of uuid.UUID's slots ("call", "str", "hash", "compare") at the native
// function; false if the class is not a plain `type` instance or the slot is empty.
bool enable_slot(const std::string& which) {
    PyTypeObject* t = g.type;
    if (!t) throw nb::value_error("enable_slot() before setup()");
    if (!Py_IS_TYPE(t, &PyType_Type)) return false;
    if (which == "call") {
        if (t->tp_vectorcall != uuid_vectorcall) {
            g.saved_vectorcall = t->tp_vectorcall;
            t->tp_vectorcall = uuid_vectorcall;
        }
    } else if (which == "str") {
        if (!t->tp_str) return false;
        if (t->tp_str != uuid_str) g.saved_str = std::exchange(t->tp_str, uuid_str);
    } else if (which == "hash") {
        if (!t->tp_hash) return false;
        if (t->tp_hash != uuid_hash) g.saved_hash = std::exchange(t->tp_hash, uuid_hash);
    } else if (which == "compare") {
        if (!t->tp_richcompare) return false;
        if (t->tp_richcompare != uuid_richcompare) {
            g.saved_richcompare = std::exchange(t->tp_richcompare, uuid_richcompare);
        }
    } else {
        throw nb::value_error("unknown slot");
    }
    return true;
}

// Puts a slot back. One that CPython has since reset (the class's dunder was
// reassigned) is left as it is.
void disable_slot(const std::string& which) {
    PyTypeObject* t = g.type;
    if (!t) return;  // setup() has not run: nothing to put back
    if (which == "call") {
        if (t->tp_vectorcall == uuid_vectorcall) t->tp_vectorcall = g.saved_vectorcall;
    } else if (which == "str") {
        if (t->tp_str == uuid_str) t->tp_str = g.saved_str;
    } else if (which == "hash") {
        if (t->tp_hash == uuid_hash) t->tp_hash = g.saved_hash;
    } else if (which == "compare") {
        if (t->tp_richcompare == uuid_richcompare) t->tp_richcompare = g.saved_richcompare;
    } else {
        throw nb::value_error("unknown slot");
    }
}

bool slot_enabled(const std::string& which) {
    PyTypeObject* t = g.type;
    if (!t) return false;  // setup() has not run: nothing was ever enabled
    if (which == "call") return t->tp_vectorcall == uuid_vectorcall;
    if (which == "str") return t->tp_str == uuid_str;
    if (which == "hash") return t->tp_hash == uuid_hash;
    if (which == "compare") return t->tp_richcompare == uuid_richcompare;
    throw nb::value_error("unknown slot");
}

}  // namespace

namespace oruuid::py {

void register_patch(nb::module_ m) {
    m.doc() = "Native methods for uuid.UUID, used by oruuid.install(); not a public API.";
    m.def("setup", &setup, nb::arg("globals"), nb::arg("getters"), nb::arg("safe_default"),
          nb::arg("max_version"),
          "Records the originals; returns {name: native descriptor} for the getters given.");
    m.def("arm", &arm, nb::arg("expected"),
          "Turns the fast paths on while the class dict holds `expected` (None: absent).");
    m.def("disarm", &disarm, "Turns every fast path off: each call runs the original.");
    m.def("enable_slot", &enable_slot, nb::arg("slot"),
          "Points uuid.UUID's 'call', 'str', 'hash' or 'compare' slot at native code.");
    m.def("disable_slot", &disable_slot, nb::arg("slot"), "Puts that slot back.");
    m.def("slot_enabled", &slot_enabled, nb::arg("slot"));
    m.def(
        "pristine", []() { return g.ready && pristine(); },
        "Whether the fast paths apply now (for tests).");
    m.def(
        "bound_type",
        []() { return nb::borrow(reinterpret_cast<PyObject*>(oruuid::py::uuid_type())); },
        "The uuid.UUID class this module serves (the one of the first import).");
    m.def(
        "properties",
        []() {
            nb::list out;
            for (const char* name : kPropNames) out.append(name);
            return out;
        },
        "The uuid.UUID properties served natively, in the stdlib's order: the one list\n"
        "install() and the tests use.");
}

}  // namespace oruuid::py
