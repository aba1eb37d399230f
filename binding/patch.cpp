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
#include "submodules.hpp"
#include "uuid_object.hpp"

using oruuid::Uuid;
using oruuid::py::own;
using oruuid::py::Ref;
using oruuid::py::State;

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

// The Python functions each fast path stands for: the class's methods, then the
// properties' getters. An edit inside one (its __code__, __defaults__ or __kwdefaults__
// replaced) turns that path off, as replacing it would.
enum Fn : int { kFnInit, kFnStr, kFnHash, kFnEq, kFnLt, kFnLe, kFnGt, kFnGe, kFnGetter0 };
constexpr int kFnCount = static_cast<int>(kFnGetter0) + kPropCount;
constexpr const char* kFnNames[kFnGetter0] = {"__init__", "__str__", "__hash__", "__eq__",
                                              "__lt__",   "__le__",  "__gt__",   "__ge__"};

// A function as armed: strong references, so that no address is reused meanwhile.
struct FnSnapshot {
    PyObject* fn = nullptr;  // nullptr: not a Python function, nothing to compare
    PyObject* code = nullptr;
    PyObject* defaults = nullptr;
    PyObject* kwdefaults = nullptr;
};

// The uuid module's names for the four variants, in oruuid::Variant order.
constexpr const char* kVariantNames[4] = {"RESERVED_NCS", "RFC_4122", "RESERVED_MICROSOFT",
                                          "RESERVED_FUTURE"};

}  // namespace

namespace oruuid::py {
struct PatchState {
    PyTypeObject* type = nullptr;  // the uuid.UUID install() serves (strong)
    Py_ssize_t int_offset = 0;     // its `int` and `is_safe` slots
    Py_ssize_t safe_offset = 0;
    PyObject* globals = nullptr;      // uuid.__dict__, where the variant names are looked up
    PyObject* fget[kPropCount] = {};  // the original getters, for every fallback
    PyObject* params[kParamCount] = {};
    PyObject* variant_names[4] = {};
    PyObject* safe_default = nullptr;  // __init__'s default is_safe
    PyObject* safe_unknown = nullptr;  // SafeUUID.unknown, which new UUIDs get
    int max_version = 5;               // __init__ accepts version in [1, max_version]
    // The class dict's values before install(), put back if the module goes first.
    PyObject* originals[kPropCount] = {};

    // The class as install() left it: name -> object that must be there, or None for
    // a name that must be absent. nullptr while not installed.
    PyObject* expected = nullptr;
    // The last check against `expected`: (stamp << 1) | matched, and the class's MRO
    // then. 0 when there is none.
    std::atomic<std::uint64_t> checked{0};
    std::atomic<PyObject*> checked_mro{nullptr};
    // The functions as armed; the ones replaced by a later arm() are kept in `retired`
    // (a list), as a thread may still be comparing against them.
    FnSnapshot fns[kFnCount] = {};
    PyObject* retired = nullptr;
    // 3.12+: the module's dict watcher (module.cpp) counts the class dict's changes.
    bool watching = false;
    std::atomic<std::uint64_t> changes{0};
#ifdef Py_GIL_DISABLED
    PyMutex expected_mutex = {0};  // `expected` may be swapped while another thread reads it
#endif

    // The slots as they were before install().
    vectorcallfunc saved_vectorcall = nullptr;
    reprfunc saved_str = nullptr;
    hashfunc saved_hash = nullptr;
    richcmpfunc saved_richcompare = nullptr;
};
}  // namespace oruuid::py

using oruuid::py::PatchState;

namespace {

// --- is the class as install() left it? -------------------------------------------
//
// Checked against `expected` once per change of the class, and remembered under a
// stamp that changes whenever the class may have: on 3.12+ a count kept by a dict
// watcher on the class dict, else the type's version tag (CPython clears it on any
// change). The watcher is preferred because 3.12+ gives a class only so many
// version tags, which install()/uninstall() cycles would use up. Under free
// threading, a change made while another thread checks may be seen one change late.

void watch_class_dict(State& st, PatchState& g) noexcept {
#if PY_VERSION_HEX >= 0x030C0000
    if (g.watching || st.watcher < 0) return;
    if (PyDict_Watch(st.watcher, g.type->tp_dict) < 0) {
        PyErr_Clear();  // the version tag serves instead
        return;
    }
    g.watching = true;
#else
    (void)st;
    (void)g;
#endif
}

// The current stamp; 0 when none can be had.
inline std::uint64_t stamp(PatchState& g) noexcept {
    if (g.watching) return g.changes.load(std::memory_order_relaxed) + 1;
#if PY_VERSION_HEX < 0x030C0000
    if (!PyType_HasFeature(g.type, Py_TPFLAGS_VALID_VERSION_TAG)) return 0;
#endif
    return g.type->tp_version_tag;
}

void assign_version_tag(PatchState& g, PyTypeObject* t) noexcept {
#if PY_VERSION_HEX >= 0x030C0000
    (void)g;
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
struct ExpectedLock {
    explicit ExpectedLock(PatchState& g) : m_(&g.expected_mutex) { PyMutex_Lock(m_); }
    ~ExpectedLock() { PyMutex_Unlock(m_); }
    PyMutex* m_;
};
#else
struct ExpectedLock {
    explicit ExpectedLock(PatchState&) {}  // nothing to lock
};
#endif

bool revalidate(PatchState& g) noexcept {
    ExpectedLock lock(g);
    PyObject* expected = g.expected;
    if (!expected) return false;
    PyTypeObject* t = g.type;
    std::uint64_t s = stamp(g);  // read first: a change from here on gets a new one
    if (s == 0) {
        assign_version_tag(g, t);
        s = stamp(g);
    }
    bool ok = t->tp_base == &PyBaseObject_Type && Py_IS_TYPE(t, &PyType_Type) &&
              dict_matches(t->tp_dict, expected);
    if (s != 0) {
        g.checked_mro.store(t->tp_mro, std::memory_order_relaxed);
        g.checked.store((s << 1) | (ok ? 1 : 0), std::memory_order_relaxed);
    }
    return ok;
}

// Whether the function behind path `fn` is as armed: three loads, cheap enough per call.
inline bool unedited(const PatchState& g, int fn) noexcept {
    const FnSnapshot& s = g.fns[fn];
    return !s.fn ||
           (PyFunction_GET_CODE(s.fn) == s.code && PyFunction_GET_DEFAULTS(s.fn) == s.defaults &&
            PyFunction_GET_KW_DEFAULTS(s.fn) == s.kwdefaults);
}

inline bool class_pristine(PatchState& g) noexcept {
    std::uint64_t s = stamp(g);
    std::uint64_t c = g.checked.load(std::memory_order_relaxed);
    // __bases__ assignment leaves the dict alone but makes a new MRO tuple.
    if (s != 0 && (c >> 1) == s &&
        g.type->tp_mro == g.checked_mro.load(std::memory_order_relaxed)) {
        return c & 1;
    }
    return revalidate(g);
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
inline PyObject*& slot(PyObject* obj, Py_ssize_t offset) noexcept {
    return *reinterpret_cast<PyObject**>(reinterpret_cast<char*>(obj) + offset);
}

// The class as install() left it, and the function behind path `fn` unedited.
inline bool pristine(PatchState& g, int fn) noexcept {
    return class_pristine(g) && unedited(g, fn);
}

inline bool fast_value(PatchState& g, int fn, PyObject* self, std::uint64_t* hi,
                       std::uint64_t* lo) noexcept {
    if (!Py_IS_TYPE(self, g.type)) return false;
    PyObject* v = slot(self, g.int_offset);
    return v && PyLong_CheckExact(v) && read_u128(v, hi, lo) && pristine(g, fn);
}

// This interpreter's install() state: found through the interpreter, as slot functions
// are shared by every interpreter's uuid.UUID. nullptr when there is none.
inline PatchState* patch_state() noexcept {
    State* st = oruuid::py::interpreter_state();
    return st ? st->patch : nullptr;
}

// The state a slot call on `self` needs, cached per thread by class: each interpreter
// has its own uuid.UUID, so the class names the interpreter, and the hot path costs a
// compare instead of an interpreter lookup. An entry is valid while g_patch_epoch is
// unchanged; it is bumped whenever a state lets go of its class, before the class can
// be freed and its address reused.
std::atomic<std::uint64_t> g_patch_epoch{1};
struct PatchCache {
    PyTypeObject* type;
    std::uint64_t epoch;
    PatchState* patch;
};
ORUUID_HOT_TLS thread_local PatchCache t_patch{};

[[gnu::noinline]] PatchState* patch_lookup(PyTypeObject* t) noexcept {
    const std::uint64_t epoch = g_patch_epoch.load(std::memory_order_acquire);  // before ->type
    PatchState* p = patch_state();
    if (p && p->type == t) t_patch = {t, epoch, p};
    return p;
}

inline PatchState* patch_for_type(PyTypeObject* t) noexcept {
    const PatchCache& c = t_patch;
    if (c.type == t && c.epoch == g_patch_epoch.load(std::memory_order_acquire)) return c.patch;
    return patch_lookup(t);
}

inline PatchState* patch_for(PyObject* self) noexcept {
    return patch_for_type(Py_TYPE(self));
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
PyObject* global(PatchState& g, PyObject* name) noexcept {
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

PyObject* variant_global(PatchState& g, std::uint64_t lo) noexcept {
    auto v = Uuid::from_u64(0, lo).variant();
    return global(g, g.variant_names[static_cast<int>(v)]);
}

// `self.variant == RFC_4122`, as the stdlib's `version` asks it: 1, 0, or -1 to
// fall back (a global missing, or an error).
int is_rfc_4122(PatchState& g, std::uint64_t lo) noexcept {
    PyObject* v = variant_global(g, lo);
    PyObject* rfc = global(g, g.variant_names[static_cast<int>(oruuid::Variant::rfc_4122)]);
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
PyObject* compute(PatchState& g, std::uint64_t hi, std::uint64_t lo) noexcept {
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
            int rfc = is_rfc_4122(g, lo);
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
        return variant_global(g, lo);
    } else {
        static_assert(P == kVersion);
        int rfc = is_rfc_4122(g, lo);
        if (rfc < 0) return nullptr;
        if (rfc) return u64((hi >> 12) & 0xF);
        Py_RETURN_NONE;
    }
}

template <int P>
PyObject* getter(PyObject* self, void*) {
    PatchState* p = patch_for(self);
    if (!p || !p->fget[P]) {
        // Only a descriptor kept past its module's teardown gets here.
        PyErr_SetString(PyExc_RuntimeError, "oruuid's uuid.UUID descriptor outlived oruuid._core");
        return nullptr;
    }
    PatchState& g = *p;
    std::uint64_t hi, lo;
    if (fast_value(g, kFnGetter0 + P, self, &hi, &lo)) {
        PyObject* r = compute<P>(g, hi, lo);
        if (r || PyErr_Occurred()) return r;
    }
    return PyObject_CallOneArg(g.fget[P], self);
}

template <int... P>
constexpr auto make_getsets(std::integer_sequence<int, P...>) {
    return std::array<PyGetSetDef, sizeof...(P)>{
        PyGetSetDef{kPropNames[P], &getter<P>, nullptr, nullptr, nullptr}...};
}
// Constant, so shared by every interpreter: each getter finds its interpreter's state.
const std::array<PyGetSetDef, kPropCount> g_getsets =
    make_getsets(std::make_integer_sequence<int, kPropCount>{});

// --- the slots ------------------------------------------------------------------------
//
// The CPython slot functions a plain class has (slot_tp_str, ...) are the same C
// functions in every interpreter, so the first ones saved serve any interpreter whose
// state is gone (its oruuid._core torn down before its uuid.UUID).
std::atomic<reprfunc> g_generic_str{nullptr};
std::atomic<hashfunc> g_generic_hash{nullptr};
std::atomic<richcmpfunc> g_generic_richcompare{nullptr};

PyObject* uuid_str(PyObject* self) {
    PatchState* p = patch_for(self);
    if (!p) return g_generic_str.load(std::memory_order_relaxed)(self);
    std::uint64_t hi, lo;
    if (fast_value(*p, kFnStr, self, &hi, &lo)) return text(hi, lo, oruuid::Style::hyphenated);
    return p->saved_str(self);
}

Py_hash_t uuid_hash(PyObject* self) {
    PatchState* p = patch_for(self);
    if (!p) return g_generic_hash.load(std::memory_order_relaxed)(self);
    // hash(self.int), whatever the slot holds.
    if (Py_IS_TYPE(self, p->type) && pristine(*p, kFnHash)) {
        if (PyObject* v = slot(self, p->int_offset)) return PyObject_Hash(v);
    }
    return p->saved_hash(self);
}

PyObject* uuid_richcompare(PyObject* self, PyObject* other, int op) {
    PatchState* p = patch_for(self);
    if (!p) return g_generic_richcompare.load(std::memory_order_relaxed)(self, other, op);
    PatchState& g = *p;
    // Each operator's method; != is object.__ne__ inverting __eq__.
    static constexpr int kOpFn[6] = {kFnLt, kFnLe, kFnEq, kFnEq, kFnGt, kFnGe};
    const int fn = op >= 0 && op < 6 ? kOpFn[op] : kFnEq;
    if (Py_IS_TYPE(self, g.type) && Py_IS_TYPE(other, g.type) && pristine(g, fn)) {
        PyObject* a = slot(self, g.int_offset);
        PyObject* b = slot(other, g.int_offset);
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
        if (pristine(g, fn)) Py_RETURN_NOTIMPLEMENTED;
    }
    return g.saved_richcompare(self, other, op);
}

// --- UUID(...) ---------------------------------------------------------------------

// UUID(*args, **kwargs) for the plain calls; nullptr with no error set otherwise.
PyObject* construct(PatchState& g, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
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
    if (!value) return nullptr;
    PyObject* obj = g.type->tp_alloc(g.type, 0);
    if (!obj) {
        Py_DECREF(value);
        return nullptr;
    }
    slot(obj, g.int_offset) = value;
    slot(obj, g.safe_offset) = Py_NewRef(g.safe_unknown);
    PyObject* safe = a[kParamIsSafe] ? a[kParamIsSafe] : g.safe_default;
    if (safe != g.safe_unknown && PyObject_GenericSetAttr(obj, g.params[kParamIsSafe], safe) < 0) {
        Py_CLEAR(obj);
    }
    return obj;
}

// What calling the class does without install(): type.__call__.
PyObject* call_type(vectorcallfunc saved, PyObject* callable, PyObject* const* args,
                    std::size_t nargsf, PyObject* kwnames) {
    if (saved) return saved(callable, args, nargsf, kwnames);
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
    PatchState* p = patch_for_type(reinterpret_cast<PyTypeObject*>(callable));
    if (!p) return call_type(nullptr, callable, args, nargsf, kwnames);
    if (callable == reinterpret_cast<PyObject*>(p->type) && pristine(*p, kFnInit)) {
        PyObject* r = construct(*p, args, PyVectorcall_NARGS(nargsf), kwnames);
        if (r || PyErr_Occurred()) return r;
    }
    return call_type(p->saved_vectorcall, callable, args, nargsf, kwnames);
}

// --- the module -----------------------------------------------------------------------

// Drops the references that bind `g` to one class (uuid.UUID, its getters, ...).
void free_patch_objects(PatchState& g) noexcept {
    PyObject* type = reinterpret_cast<PyObject*>(std::exchange(g.type, nullptr));
    g_patch_epoch.fetch_add(1, std::memory_order_acq_rel);  // after ->type, before the free
    Py_XDECREF(type);
    Py_CLEAR(g.globals);
    Py_CLEAR(g.safe_default);
    Py_CLEAR(g.safe_unknown);
    Py_CLEAR(g.expected);
    for (PyObject*& o : g.fget) Py_CLEAR(o);
    for (PyObject*& o : g.originals) Py_CLEAR(o);
    for (FnSnapshot& f : g.fns) {
        Py_CLEAR(f.fn);
        Py_CLEAR(f.code);
        Py_CLEAR(f.defaults);
        Py_CLEAR(f.kwdefaults);
    }
    Py_CLEAR(g.retired);
    g.watching = false;
    g.checked.store(0);
    // saved_* stay: a class patched before still calls them (they are CPython's generic
    // slot functions, the same for every plain class).
}

PatchState& patch_of(PyObject* self) {
    return *oruuid::py::state_of(self).patch;
}

// Which slot a name means; -1 (ValueError set) for none.
enum Slot : int { kCall, kStr, kHash, kCompare };
int slot_named(PyObject* args, const char* function) {
    const char* which;
    if (!PyArg_ParseTuple(args, "s", &which)) return -1;
    static constexpr const char* kNames[] = {"call", "str", "hash", "compare"};
    for (int i = 0; i < 4; ++i) {
        if (std::strcmp(which, kNames[i]) == 0) return i;
    }
    PyErr_Format(PyExc_ValueError, "%s(): unknown slot %R", function, PyTuple_GET_ITEM(args, 0));
    return -1;
}

// setup(globals, getters, safe_default, max_version): records what the fallbacks need,
// and returns {name: native descriptor} for the properties named in `getters`
// ({name: original getter}). Binds to the uuid module's current UUID.
PyObject* setup(PyObject* self, PyObject* args) noexcept {
    PyObject *globals, *getters, *safe_default;
    int max_version;
    if (!PyArg_ParseTuple(args, "O!O!Oi:setup", &PyDict_Type, &globals, &PyDict_Type, &getters,
                          &safe_default, &max_version)) {
        return nullptr;
    }
    return oruuid::py::guard([&]() -> PyObject* {
        State& st = oruuid::py::state_of(self);
        const oruuid::py::UuidClass* c = oruuid::py::uuid_class(st);
        if (!c) throw oruuid::py::Error{};
        PatchState& g = patch_of(self);
        if (g.type && g.type != c->type) {
            // uuid was reloaded: serve its new class from now on.
            if (g.expected)
                oruuid::py::raise(PyExc_RuntimeError, "setup() while armed on another class");
            free_patch_objects(g);
        }
        if (!g.type) {
            for (int p = 0; p < kParamCount; ++p) {
                g.params[p] = own(PyUnicode_InternFromString(kParamNames[p])).release();
            }
            for (int v = 0; v < 4; ++v) {
                g.variant_names[v] = own(PyUnicode_InternFromString(kVariantNames[v])).release();
            }
            g.type = reinterpret_cast<PyTypeObject*>(Py_NewRef(c->type));
            g.int_offset = c->int_offset;
            g.safe_offset = c->safe_offset;
            watch_class_dict(st, g);
        }
        Py_XSETREF(g.globals, Py_NewRef(globals));
        Py_XSETREF(g.safe_default, Py_NewRef(safe_default));
        Py_XSETREF(g.safe_unknown, Py_NewRef(c->unknown));
        g.max_version = max_version;
        Ref out = own(PyDict_New());
        for (int p = 0; p < kPropCount; ++p) {
            PyObject* fget = PyDict_GetItemString(getters, kPropNames[p]);  // borrowed
            if (!fget) continue;
            Py_XSETREF(g.fget[p], Py_NewRef(fget));
            PyObject* original = PyDict_GetItemString(g.type->tp_dict, kPropNames[p]);
            Py_XSETREF(g.originals[p], Py_XNewRef(original));
            Ref d = own(PyDescr_NewGetSet(g.type, const_cast<PyGetSetDef*>(&g_getsets[p])));
            oruuid::py::check(PyDict_SetItemString(out.get(), kPropNames[p], d.get()));
        }
        return out.release();
    });
}

// arm(expected): turns the fast paths on while the class dict holds `expected`
// (None: absent).
// Records the functions behind each path as they are now (the retired list keeps the
// previous ones alive). False with an error set on failure.
bool snapshot(PatchState& g, PyObject* expected) noexcept {
    if (!g.retired && !(g.retired = PyList_New(0))) return false;
    for (int fn = 0; fn < kFnCount; ++fn) {
        PyObject* f = fn < kFnGetter0 ? PyDict_GetItemString(expected, kFnNames[fn])
                                      : g.fget[fn - kFnGetter0];
        FnSnapshot next;
        if (f && PyFunction_Check(f)) {
            next = {Py_NewRef(f), Py_NewRef(PyFunction_GET_CODE(f)),
                    Py_XNewRef(PyFunction_GET_DEFAULTS(f)),
                    Py_XNewRef(PyFunction_GET_KW_DEFAULTS(f))};
        }
        FnSnapshot& old = g.fns[fn];
        for (PyObject* o : {old.fn, old.code, old.defaults, old.kwdefaults}) {
            if (o && PyList_Append(g.retired, o) < 0) return false;
            Py_XDECREF(o);
        }
        old = next;
    }
    return true;
}

// arm(expected): turns the fast paths on while the class dict holds `expected`
// (None: absent) and the functions in it are unedited.
PyObject* arm(PyObject* self, PyObject* expected) noexcept {
    if (!PyDict_Check(expected)) {
        PyErr_SetString(PyExc_TypeError, "arm() needs a dict");
        return nullptr;
    }
    PyObject* copy = PyDict_Copy(expected);
    if (!copy) return nullptr;
    PatchState& g = patch_of(self);
    ExpectedLock lock(g);
    g.checked.store(0);
    Py_CLEAR(g.expected);  // off while the functions are recorded
    if (!snapshot(g, copy)) {
        Py_DECREF(copy);
        return nullptr;
    }
    g.expected = copy;
    Py_RETURN_NONE;
}

PyObject* disarm(PyObject* self, PyObject*) noexcept {
    PatchState& g = patch_of(self);
    ExpectedLock lock(g);
    g.checked.store(0);
    Py_CLEAR(g.expected);
    Py_RETURN_NONE;
}

// Points one of uuid.UUID's slots at the native function; False if the class is not
// a plain `type` instance or the slot is empty.
PyObject* enable_slot(PyObject* self, PyObject* args) noexcept {
    const int which = slot_named(args, "enable_slot");
    if (which < 0) return nullptr;
    PatchState& g = patch_of(self);
    PyTypeObject* t = g.type;
    if (!t) {
        PyErr_SetString(PyExc_ValueError, "enable_slot() before setup()");
        return nullptr;
    }
    if (!Py_IS_TYPE(t, &PyType_Type)) Py_RETURN_FALSE;
    switch (which) {
        case kCall:
            if (t->tp_vectorcall != uuid_vectorcall) {
                g.saved_vectorcall = std::exchange(t->tp_vectorcall, uuid_vectorcall);
            }
            break;
        case kStr:
            if (!t->tp_str) Py_RETURN_FALSE;
            if (t->tp_str != uuid_str) g.saved_str = std::exchange(t->tp_str, uuid_str);
            if (!g_generic_str.load()) g_generic_str.store(g.saved_str);
            break;
        case kHash:
            if (!t->tp_hash) Py_RETURN_FALSE;
            if (t->tp_hash != uuid_hash) g.saved_hash = std::exchange(t->tp_hash, uuid_hash);
            if (!g_generic_hash.load()) g_generic_hash.store(g.saved_hash);
            break;
        default:
            if (!t->tp_richcompare) Py_RETURN_FALSE;
            if (t->tp_richcompare != uuid_richcompare) {
                g.saved_richcompare = std::exchange(t->tp_richcompare, uuid_richcompare);
            }
            if (!g_generic_richcompare.load()) g_generic_richcompare.store(g.saved_richcompare);
            break;
    }
    Py_RETURN_TRUE;
}

// Puts a slot back. One that CPython has since reset (the class's dunder was
// reassigned) is left as it is.
void restore_slot(PatchState& g, int which) noexcept {
    PyTypeObject* t = g.type;
    if (!t) return;  // setup() has not run: nothing to put back
    switch (which) {
        case kCall:
            if (t->tp_vectorcall == uuid_vectorcall) t->tp_vectorcall = g.saved_vectorcall;
            break;
        case kStr:
            if (t->tp_str == uuid_str) t->tp_str = g.saved_str;
            break;
        case kHash:
            if (t->tp_hash == uuid_hash) t->tp_hash = g.saved_hash;
            break;
        default:
            if (t->tp_richcompare == uuid_richcompare) t->tp_richcompare = g.saved_richcompare;
            break;
    }
}

PyObject* disable_slot(PyObject* self, PyObject* args) noexcept {
    const int which = slot_named(args, "disable_slot");
    if (which < 0) return nullptr;
    restore_slot(patch_of(self), which);
    Py_RETURN_NONE;
}

PyObject* slot_enabled(PyObject* self, PyObject* args) noexcept {
    const int which = slot_named(args, "slot_enabled");
    if (which < 0) return nullptr;
    PyTypeObject* t = patch_of(self).type;
    if (!t) Py_RETURN_FALSE;  // setup() has not run: nothing was ever enabled
    bool on = which == kCall   ? t->tp_vectorcall == uuid_vectorcall
              : which == kStr  ? t->tp_str == uuid_str
              : which == kHash ? t->tp_hash == uuid_hash
                               : t->tp_richcompare == uuid_richcompare;
    return PyBool_FromLong(on);
}

PyObject* py_pristine(PyObject* self, PyObject*) noexcept {
    PatchState& g = patch_of(self);
    bool all = g.type && class_pristine(g);
    for (int fn = 0; all && fn < kFnCount; ++fn) all = unedited(g, fn);
    return PyBool_FromLong(all);
}

PyObject* bound_type(PyObject* self, PyObject*) noexcept {
    const oruuid::py::UuidClass* c = oruuid::py::uuid_class(oruuid::py::state_of(self));
    return c ? Py_NewRef(reinterpret_cast<PyObject*>(c->type)) : nullptr;
}

PyObject* properties(PyObject*, PyObject*) noexcept {
    PyObject* out = PyList_New(kPropCount);
    for (int p = 0; out && p < kPropCount; ++p) {
        PyObject* name = PyUnicode_FromString(kPropNames[p]);
        if (!name) {
            Py_CLEAR(out);
            break;
        }
        PyList_SET_ITEM(out, p, name);
    }
    return out;
}

using oruuid::py::as_cfunction;
PyMethodDef g_patch_methods[] = {
    {"setup", as_cfunction(&setup), METH_VARARGS,
     "setup(globals, getters, safe_default, max_version)\n--\n\nRecords the originals; returns "
     "{name: native descriptor} for the getters given."},
    {"arm", as_cfunction(&arm), METH_O,
     "arm(expected)\n--\n\nTurns the fast paths on while the class dict holds `expected` (None: "
     "absent)."},
    {"disarm", as_cfunction(&disarm), METH_NOARGS,
     "disarm()\n--\n\nTurns every fast path off: each call runs the original."},
    {"enable_slot", as_cfunction(&enable_slot), METH_VARARGS,
     "enable_slot(slot)\n--\n\nPoints uuid.UUID's 'call', 'str', 'hash' or 'compare' slot at "
     "native code."},
    {"disable_slot", as_cfunction(&disable_slot), METH_VARARGS,
     "disable_slot(slot)\n--\n\nPuts that slot back."},
    {"slot_enabled", as_cfunction(&slot_enabled), METH_VARARGS,
     "slot_enabled(slot)\n--\n\nWhether that slot points at native code."},
    {"pristine", as_cfunction(&py_pristine), METH_NOARGS,
     "pristine()\n--\n\nWhether the fast paths apply now (for tests)."},
    {"bound_type", as_cfunction(&bound_type), METH_NOARGS,
     "bound_type()\n--\n\nThe uuid.UUID class this interpreter's oruuid makes: the uuid "
     "module's current one."},
    {"properties", as_cfunction(&properties), METH_NOARGS,
     "properties()\n--\n\nThe uuid.UUID properties served natively, in the stdlib's order: the "
     "one list\ninstall() and the tests use."},
    {nullptr, nullptr, 0, nullptr}};

}  // namespace

namespace oruuid::py {

void init_patch(PyObject* core, PyObject* sub) {
    State& st = state_of(core);
    if (!st.patch) st.patch = new PatchState;
    check(PyModule_AddStringConstant(
        sub, "__doc__",
        "Native methods for uuid.UUID, used by oruuid.install(); not a public API."));
    add_functions(core, sub, g_patch_methods);
}

#if PY_VERSION_HEX >= 0x030C0000
void note_class_dict_change(State& st, PyObject* dict) noexcept {
    if (st.patch && st.patch->type && dict == st.patch->type->tp_dict) {
        st.patch->changes.fetch_add(1, std::memory_order_relaxed);
    }
}
#endif

int traverse_patch(State& st, visitproc visit, void* arg) noexcept {
    PatchState* g = st.patch;
    if (!g) return 0;
    Py_VISIT(g->type);
    Py_VISIT(g->globals);
    Py_VISIT(g->safe_default);
    Py_VISIT(g->safe_unknown);
    Py_VISIT(g->expected);
    for (PyObject* o : g->fget) Py_VISIT(o);
    for (PyObject* o : g->originals) Py_VISIT(o);
    for (const FnSnapshot& f : g->fns) {
        Py_VISIT(f.fn);
        Py_VISIT(f.code);
        Py_VISIT(f.defaults);
        Py_VISIT(f.kwdefaults);
    }
    Py_VISIT(g->retired);
    return 0;
}

void free_patch(State& st, bool release) noexcept {
    PatchState* g = st.patch;
    if (!g) return;
    // The module goes before the class (interpreter teardown): the class gets its own
    // code back, so nothing of it reaches freed state.
    if (g->type) {
        Py_CLEAR(g->expected);
        for (int which = kCall; which <= kCompare; ++which) restore_slot(*g, which);
        PyObject* dict = g->type->tp_dict;
        bool changed = false;
        for (int p = 0; p < kPropCount; ++p) {
            PyObject* have = dict ? PyDict_GetItemString(dict, kPropNames[p]) : nullptr;
            if (have && g->originals[p] && Py_IS_TYPE(have, &PyGetSetDescr_Type) &&
                reinterpret_cast<PyGetSetDescrObject*>(have)->d_getset == &g_getsets[p]) {
                if (PyDict_SetItemString(dict, kPropNames[p], g->originals[p]) < 0) PyErr_Clear();
                changed = true;
            }
        }
        if (changed) PyType_Modified(g->type);
    }
    free_patch_objects(*g);
    for (PyObject*& o : g->params) Py_CLEAR(o);
    for (PyObject*& o : g->variant_names) Py_CLEAR(o);
    // m_clear keeps the memory: the module's functions may still be called until m_free.
    if (release) delete std::exchange(st.patch, nullptr);
}

}  // namespace oruuid::py
