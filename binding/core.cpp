// binding/core.cpp: oruuid._core, the generators and constructors of the Python package.
//
// Each function takes a native fast path for the common exact types and forms, and
// hands anything else to oruuid._compat, which repeats the stdlib's own steps, so
// results and errors match uuid's on every input.
#include <nanobind/nanobind.h>
#include <nanobind/stl/pair.h>
#include <nanobind/stl/string.h>

#include <cstring>
#include <optional>
#include <stdexcept>
#include <utility>

#include "args.hpp"
#include "batch.hpp"
#include "extras.hpp"
#include "oruuid/oruuid.hpp"
#include "submodules.hpp"
#include "time.hpp"
#include "uuid_object.hpp"

namespace nb = nanobind;
using oruuid::py::compat;
using oruuid::py::exact_int_below;
using oruuid::py::make;
using oruuid::py::value_errors;

namespace {

[[noreturn]] void raise_python() {
    throw nb::python_error();
}

// The UTF-8 or raw bytes of an exact str or bytes name; nullopt for anything else.
std::optional<std::string_view> name_view(PyObject* name) {
    if (PyUnicode_CheckExact(name)) {
        Py_ssize_t size;
        const char* data = PyUnicode_AsUTF8AndSize(name, &size);
        if (!data) {
            PyErr_Clear();  // lone surrogates: let the stdlib path raise its own error
            return std::nullopt;
        }
        return std::string_view(data, static_cast<std::size_t>(size));
    }
    if (PyBytes_CheckExact(name)) {
        return std::string_view(PyBytes_AS_STRING(name),
                                static_cast<std::size_t>(PyBytes_GET_SIZE(name)));
    }
    return std::nullopt;
}

// An exact int masked to its low 64 bits, as `value & mask` would leave it.
std::optional<std::uint64_t> exact_int_mask(PyObject* value) {
    if (!PyLong_CheckExact(value)) return std::nullopt;
    unsigned long long v = PyLong_AsUnsignedLongLongMask(value);
    if (v == static_cast<unsigned long long>(-1) && PyErr_Occurred()) raise_python();
    return static_cast<std::uint64_t>(v);
}

// --- the functions --------------------------------------------------------------

nb::object py_uuid4() {
    return make(oruuid::uuid4());
}

nb::object py_uuid7(nb::handle timestamp, nb::handle context) {
    if (timestamp.is_none() && context.is_none()) {
        return value_errors([] { return make(oruuid::uuid7()); });  // ValueError before 1970
    }
    auto ts = oruuid::py::timestamp_arg(timestamp, "uuid7");
    return value_errors([&] {
        if (!context.is_none()) {
            auto* ctx = oruuid::py::context_arg(context, "uuid7");
            return make(ts ? ctx->next(*ts) : ctx->next());
        }
        // An explicit instant without a context leaves the process sequence alone.
        return make(ts ? oruuid::uuid7_at(*ts) : oruuid::uuid7());
    });
}

// uuid1 and uuid6 share everything but the layout and the stdlib's argument rules.
template <oruuid::Uuid (*Now)(std::optional<std::uint64_t>, std::optional<std::uint16_t>),
          oruuid::Uuid (*At)(oruuid::Timestamp, std::uint64_t, std::uint16_t)>
nb::object time_based(const char* name, std::optional<std::uint64_t> node,
                      std::optional<std::uint64_t> clock_seq, nb::handle timestamp) {
    auto ts = oruuid::py::timestamp_arg(timestamp, name);
    std::optional<std::uint16_t> cs;
    if (clock_seq) cs = static_cast<std::uint16_t>(*clock_seq & 0x3FFF);
    return value_errors([&] {
        if (!ts) return make(Now(node, cs));
        // An explicit instant leaves the process sequence alone: the clock sequence
        // is random unless given, as the stdlib draws it.
        return make(At(*ts, node ? *node : oruuid::getnode(),
                       cs ? *cs : static_cast<std::uint16_t>(oruuid::random_u64() & 0x3FFF)));
    });
}

// node="random" (oruuid's functions only): RFC 9562 §6.10's random multicast node,
// drawn once per process and again in a forked child. Any str or str subclass equal
// to "random"; every other value is left to the stdlib's rules. The install() copies
// keep the stdlib's signature and semantics, so they never look for it.
template <bool RandomNode>
bool is_random_node(nb::handle node) {
    if constexpr (!RandomNode) {
        return false;
    } else {
        return PyUnicode_Check(node.ptr()) &&
               PyUnicode_CompareWithASCIIString(node.ptr(), "random") == 0;
    }
}

template <bool RandomNode>
nb::object py_uuid1(nb::handle node, nb::handle clock_seq, nb::handle timestamp) {
    std::optional<std::uint64_t> n, cs;
    nb::object random;
    if (is_random_node<RandomNode>(node)) {
        n = oruuid::random_node();
        random = nb::int_(*n);
        node = random;
    } else if (!node.is_none() && !(n = exact_int_below(node.ptr(), 1ULL << 48))) {
        return compat("uuid1", node, clock_seq, timestamp);
    }
    if (!clock_seq.is_none() && !(cs = exact_int_mask(clock_seq.ptr()))) {
        return compat("uuid1", node, clock_seq, timestamp);
    }
    return time_based<oruuid::uuid1, oruuid::uuid1_at>("uuid1", n, cs, timestamp);
}

template <bool RandomNode>
nb::object py_uuid6(nb::handle node, nb::handle clock_seq, nb::handle timestamp) {
    std::optional<std::uint64_t> n, cs;
    nb::object random;
    if (is_random_node<RandomNode>(node)) {
        n = oruuid::random_node();
        random = nb::int_(*n);
        node = random;
    } else if (!node.is_none() && !(n = exact_int_mask(node.ptr()))) {
        return compat("uuid6", node, clock_seq, timestamp);
    }
    if (!clock_seq.is_none() && !(cs = exact_int_mask(clock_seq.ptr()))) {
        return compat("uuid6", node, clock_seq, timestamp);
    }
    if (n) *n &= 0xFFFFFFFFFFFFULL;
    return time_based<oruuid::uuid6, oruuid::uuid6_at>("uuid6", n, cs, timestamp);
}

nb::object py_uuid8(nb::handle a, nb::handle b, nb::handle c) {
    std::optional<std::uint64_t> va, vb, vc;
    if ((!a.is_none() && !(va = exact_int_mask(a.ptr()))) ||
        (!b.is_none() && !(vb = exact_int_mask(b.ptr()))) ||
        (!c.is_none() && !(vc = exact_int_mask(c.ptr())))) {
        return compat("uuid8", a, b, c);
    }
    return make(
        oruuid::uuid8(va, vb ? std::optional<std::uint16_t>(*vb & 0xFFF) : std::nullopt, vc));
}

template <oruuid::Uuid (*Gen)(const oruuid::Uuid&, const void*, std::size_t)>
nb::object name_based(const char* compat_name, nb::handle ns, nb::handle name) {
    auto u = oruuid::py::exact_uuid(ns.ptr());
    auto view = u ? name_view(name.ptr()) : std::nullopt;
    if (!view) return compat(compat_name, ns, name);
    return make(Gen(*u, view->data(), view->size()));
}

nb::object py_uuid3(nb::handle ns, nb::handle name) {
    return name_based<oruuid::uuid3>("uuid3", ns, name);
}
nb::object py_uuid5(nb::handle ns, nb::handle name) {
    return name_based<oruuid::uuid5>("uuid5", ns, name);
}

// parse and from_*: the stdlib's semantics for anything args.cpp declines.
template <oruuid::py::Form F>
nb::object from_arg(const char* compat_name, nb::handle arg) {
    if (auto u = oruuid::py::uuid_from_arg(F, arg.ptr())) {
        if constexpr (F == oruuid::py::Form::int_) {
            // Share the caller's int rather than build an equal one.
            PyObject* obj = oruuid::py::make_from_int_object(nb::borrow(arg).release().ptr());
            if (!obj) raise_python();
            return nb::steal(obj);
        } else {
            return make(*u);
        }
    }
    return compat(compat_name, arg);
}

nb::object py_parse(nb::handle text) {
    return from_arg<oruuid::py::Form::hex>("parse", text);
}
nb::object py_from_bytes(nb::handle b) {
    return from_arg<oruuid::py::Form::bytes>("from_bytes", b);
}
nb::object py_from_bytes_le(nb::handle b) {
    return from_arg<oruuid::py::Form::bytes_le>("from_bytes_le", b);
}
nb::object py_from_fields(nb::handle f) {
    return from_arg<oruuid::py::Form::fields>("from_fields", f);
}
nb::object py_from_int(nb::handle i) {
    return from_arg<oruuid::py::Form::int_>("from_int", i);
}

// For _compat: 16 digest bytes with a version and the RFC variant set.
nb::object py_with_version(nb::bytes digest, int version) {
    if (digest.size() != 16) throw nb::value_error("need 16 bytes");
    oruuid::Uuid::bytes_type bytes;
    std::memcpy(bytes.data(), digest.c_str(), 16);
    return make(oruuid::build::with_version(oruuid::Uuid(bytes), version));
}

// --- the entry points ------------------------------------------------------------
// Every public function is a plain builtin function on the raw C API: nanobind's
// dispatcher cost about 12 ns a call, a tenth of uuid4(), and builtin functions
// pickle by name and are what Django's migration writer serializes. Each is made
// twice from the same C function: for oruuid (__module__ "oruuid") and, with the
// stdlib's exact signature, for install() (__module__ "uuid"), so that pickles and
// migrations written while installed name uuid.uuid4 and load anywhere.

// The Python exception for one of nanobind's (nb::value_error, nb::type_error, ...).
PyObject* python_type(nb::exception_type t) noexcept {
    switch (t) {
        case nb::exception_type::value_error:
            return PyExc_ValueError;
        case nb::exception_type::type_error:
            return PyExc_TypeError;
        case nb::exception_type::index_error:
            return PyExc_IndexError;
        case nb::exception_type::key_error:
            return PyExc_KeyError;
        case nb::exception_type::attribute_error:
            return PyExc_AttributeError;
        default:
            return PyExc_RuntimeError;
    }
}

// Runs a nanobind-style function for a raw entry point: its Python error, or a C++
// one as RuntimeError, becomes the NULL-with-exception the C API expects.
template <typename... Params, typename... Args>
PyObject* guarded(nb::object (*f)(Params...), Args... args) noexcept {
    try {
        return f(nb::handle(args)...).release().ptr();
    } catch (nb::python_error& e) {
        e.restore();
        return nullptr;
    } catch (const nb::builtin_exception& e) {
        PyErr_SetString(python_type(e.type()), e.what());
        return nullptr;
    } catch (const nb::cast_error&) {
        PyErr_SetString(PyExc_TypeError, "incompatible argument type");
        return nullptr;
    } catch (const std::exception& e) {
        PyErr_SetString(PyExc_RuntimeError, e.what());
        return nullptr;
    }
}

// A Python-level signature: `positional` leading parameters may be passed by
// position, the rest by keyword only; the first `required` have no default.
struct Signature {
    const char* name;
    const char* params[3];
    int count;
    int positional;
    int required;
};

// Binds a vectorcall's arguments to `sig` (argv[i] borrowed, Py_None when not
// given), raising the TypeError, with the message, that CPython raises for a
// Python function with that signature. CPython's order: positionals, then each
// keyword, then too many positionals, then missing ones.
bool bind_args(const Signature& sig, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames,
               PyObject** argv) noexcept {
    for (int p = 0; p < sig.count; ++p) argv[p] = nullptr;
    for (Py_ssize_t i = 0; i < nargs && i < sig.positional; ++i) argv[i] = args[i];
    const Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
    for (Py_ssize_t k = 0; k < nkw; ++k) {
        PyObject* key = PyTuple_GET_ITEM(kwnames, k);
        int slot = -1;
        for (int p = 0; p < sig.count && slot < 0; ++p) {
            if (PyUnicode_CompareWithASCIIString(key, sig.params[p]) == 0) slot = p;
        }
        if (slot < 0) {
            PyErr_Format(PyExc_TypeError, "%s() got an unexpected keyword argument '%U'", sig.name,
                         key);
            return false;
        }
        if (argv[slot]) {
            PyErr_Format(PyExc_TypeError, "%s() got multiple values for argument '%s'", sig.name,
                         sig.params[slot]);
            return false;
        }
        argv[slot] = args[nargs + k];
    }
    if (nargs > sig.positional) {
        if (sig.positional == 0) {
            PyErr_Format(PyExc_TypeError, "%s() takes 0 positional arguments but %zd %s given",
                         sig.name, nargs, nargs == 1 ? "was" : "were");
        } else if (sig.required == sig.positional) {
            PyErr_Format(PyExc_TypeError, "%s() takes %d positional argument%s but %zd were given",
                         sig.name, sig.positional, sig.positional == 1 ? "" : "s", nargs);
        } else {
            PyErr_Format(PyExc_TypeError,
                         "%s() takes from %d to %d positional arguments but %zd were given",
                         sig.name, sig.required, sig.positional, nargs);
        }
        return false;
    }
    int missing = 0;
    for (int p = 0; p < sig.required; ++p) missing += argv[p] == nullptr;
    if (missing == 2) {
        PyErr_Format(PyExc_TypeError, "%s() missing 2 required positional arguments: '%s' and '%s'",
                     sig.name, sig.params[0], sig.params[1]);
        return false;
    }
    for (int p = 0; p < sig.required; ++p) {
        if (!argv[p]) {
            PyErr_Format(PyExc_TypeError, "%s() missing 1 required positional argument: '%s'",
                         sig.name, sig.params[p]);
            return false;
        }
    }
    for (int p = 0; p < sig.count; ++p) {
        if (!argv[p]) argv[p] = Py_None;
    }
    return true;
}

template <typename F, std::size_t... I>
PyObject* call_bound(F f, PyObject** argv, std::index_sequence<I...>) noexcept {
    return guarded(f, argv[I]...);
}

// The raw entry point for `F` under signature `Sig`; parameters beyond the
// signature's (timestamp=, context=) are passed as None.
template <const Signature& Sig, auto F, std::size_t Arity>
PyObject* raw_call(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) noexcept {
    PyObject* argv[Arity];
    if (!bind_args(Sig, args, nargs, kwnames, argv)) return nullptr;
    for (std::size_t i = static_cast<std::size_t>(Sig.count); i < Arity; ++i) argv[i] = Py_None;
    return call_bound(F, argv, std::make_index_sequence<Arity>{});
}

constexpr Signature kUuid1 = {"uuid1", {"node", "clock_seq", "timestamp"}, 3, 2, 0};
constexpr Signature kUuid1Stdlib = {"uuid1", {"node", "clock_seq"}, 2, 2, 0};
constexpr Signature kUuid3 = {"uuid3", {"namespace", "name"}, 2, 2, 2};
constexpr Signature kUuid5 = {"uuid5", {"namespace", "name"}, 2, 2, 2};
constexpr Signature kUuid6 = {"uuid6", {"node", "clock_seq", "timestamp"}, 3, 2, 0};
constexpr Signature kUuid6Stdlib = {"uuid6", {"node", "clock_seq"}, 2, 2, 0};
constexpr Signature kUuid7 = {"uuid7", {"timestamp", "context"}, 2, 1, 0};
constexpr Signature kUuid8 = {"uuid8", {"a", "b", "c"}, 3, 3, 0};
constexpr Signature kFromFields = {"from_fields", {"fields"}, 1, 1, 1};
constexpr Signature kUuid7Min = {"uuid7_min", {"at"}, 1, 1, 1};
constexpr Signature kUuid7Max = {"uuid7_max", {"at"}, 1, 1, 1};
constexpr Signature kFromUlid = {"from_ulid", {"text", "version"}, 2, 1, 1};
constexpr Signature kEncode = {"encode", {"u", "alphabet"}, 2, 2, 2};
constexpr Signature kDecode = {"decode", {"text", "alphabet"}, 2, 2, 2};

PyObject* raw_uuid4(PyObject*, PyObject*) noexcept {
    return oruuid::py::make_raw(oruuid::uuid4());
}

PyObject* raw_uuid7_now(PyObject*, PyObject*) noexcept {
    try {
        return oruuid::py::make_raw(oruuid::uuid7());
    } catch (const std::out_of_range& e) {  // a clock before 1970
        PyErr_SetString(PyExc_ValueError, e.what());
        return nullptr;
    }
}

PyObject* raw_uuid7(PyObject* self, PyObject* const* args, Py_ssize_t nargs,
                    PyObject* kwnames) noexcept {
    if (nargs == 0 && !kwnames) return raw_uuid7_now(self, nullptr);
    return raw_call<kUuid7, &py_uuid7, 2>(self, args, nargs, kwnames);
}

PyObject* raw_getnode(PyObject*, PyObject*) noexcept {
    return PyLong_FromUnsignedLongLong(oruuid::getnode());
}

template <nb::object (*F)(nb::handle)>
PyObject* raw_one(PyObject*, PyObject* arg) noexcept {
    return guarded(F, arg);
}

template <typename T>
PyCFunction as_cfunction(T f) {
    return reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(f));
}
constexpr int kKeywords = METH_FASTCALL | METH_KEYWORDS;

// Docstrings, shared by both copies where the signature is the same.
#define ORUUID_DOC_UUID1                                                             \
    "Generate a UUID from a host ID, sequence number, and the current time.\n\n"     \
    "If 'node' is not given, getnode() is used to obtain the hardware address. If\n" \
    "'clock_seq' is given, it is used as the sequence number; otherwise the\n"       \
    "process's random 14-bit clock sequence is used. Timestamps strictly increase\n" \
    "within the process, and a forked child takes a fresh clock sequence."
#define ORUUID_DOC_RANDOM_NODE                                                         \
    "\n\nnode='random' uses a random 48-bit node with the multicast bit set instead\n" \
    "of the MAC address (RFC 9562 Section 6.10): drawn once per process, and again\n"  \
    "in a forked child."
#define ORUUID_DOC_UUID6                                                         \
    "Similar to uuid1() but where fields are ordered differently\n"              \
    "for improved DB locality.\n\n"                                              \
    "More precisely, given a 60-bit timestamp value as specified for UUIDv1,\n"  \
    "for UUIDv6 the first 48 most significant bits are stored first, followed\n" \
    "by the 4-bit version (same position), followed by the remaining 12 bits\n"  \
    "of the original 60-bit timestamp."
#define ORUUID_DOC_TIMESTAMP                                                            \
    "\n\n'timestamp' (keyword-only: a Timestamp or an aware datetime) makes the UUID\n" \
    "for that instant instead of now, leaving the process sequence alone."
#define ORUUID_DOC_UUID7                                                           \
    "Generate a UUID from a Unix timestamp in milliseconds and random bits.\n\n"   \
    "UUIDv7 objects feature monotonicity within a millisecond: a 42-bit counter\n" \
    "(RFC 9562 Section 6.2, Method 1) keeps every UUID of this process greater\n"  \
    "than the one before, across threads and even when the clock steps back."
#define ORUUID_DOC_UUID3                                                              \
    "uuid3(namespace, name)\n--\n\nGenerate a UUID from the MD5 hash of a namespace " \
    "UUID and a name.\n\n'name' is a str (encoded as UTF-8) or a bytes-like object."
#define ORUUID_DOC_UUID5                                                      \
    "uuid5(namespace, name)\n--\n\nGenerate a UUID from the SHA-1 hash of a " \
    "namespace UUID and a name.\n\n'name' is a str (encoded as UTF-8) or a bytes-like object."
#define ORUUID_DOC_UUID4 "uuid4()\n--\n\nGenerate a random UUID."
#define ORUUID_DOC_UUID8                                                                      \
    "uuid8(a=None, b=None, c=None)\n--\n\nGenerate a UUID from three custom "                 \
    "blocks.\n\n* 'a' is the first 48-bit chunk of the UUID (octets 0-5);\n* 'b' is the mid " \
    "12-bit chunk (octets 6-7);\n* 'c' is the last 62-bit chunk (octets 8-15).\n\nWhen a "    \
    "value is not specified, a random value is generated."

// oruuid's functions: __module__ "oruuid".
PyMethodDef g_methods[] = {
    {"uuid1", as_cfunction(&raw_call<kUuid1, &py_uuid1<true>, 3>), kKeywords,
     "uuid1(node=None, clock_seq=None, *, timestamp=None)\n--\n\n" ORUUID_DOC_UUID1
         ORUUID_DOC_RANDOM_NODE
     "\n\n'timestamp' (keyword-only: a Timestamp or an aware datetime) makes the UUID\n"
     "for that instant instead of now, leaving the process sequence alone; its\n"
     "clock sequence is then random unless given."},
    {"uuid3", as_cfunction(&raw_call<kUuid3, &py_uuid3, 2>), kKeywords, ORUUID_DOC_UUID3},
    {"uuid4", as_cfunction(&raw_uuid4), METH_NOARGS, ORUUID_DOC_UUID4},
    {"uuid5", as_cfunction(&raw_call<kUuid5, &py_uuid5, 2>), kKeywords, ORUUID_DOC_UUID5},
    {"uuid6", as_cfunction(&raw_call<kUuid6, &py_uuid6<true>, 3>), kKeywords,
     "uuid6(node=None, clock_seq=None, *, timestamp=None)\n--\n\n" ORUUID_DOC_UUID6
         ORUUID_DOC_RANDOM_NODE ORUUID_DOC_TIMESTAMP},
    {"uuid7", as_cfunction(&raw_uuid7), kKeywords,
     "uuid7(timestamp=None, *, context=None)\n--\n\n" ORUUID_DOC_UUID7
     "\n\n'timestamp' is a Timestamp, an aware datetime, or None for now. A bare\nnumber "
     "raises TypeError: say Timestamp.from_unix_ms(ms) or\nTimestamp.from_unix(seconds), so no "
     "unit is ever guessed.\n\nWhich sequence the UUID belongs to:\n- context given: that "
     "ContextV7 decides, with or without a timestamp;\n- no context, no timestamp: the "
     "process-wide sequence (strictly increasing);\n- no context, a timestamp: a standalone UUID "
     "for that instant whose counter\n  is random with its top bit clear, so a backfill never "
     "disturbs the order\n  of live UUIDs. Outside 1970 to the 48-bit millisecond limit: "
     "ValueError."},
    {"uuid8", as_cfunction(&raw_call<kUuid8, &py_uuid8, 3>), kKeywords, ORUUID_DOC_UUID8},
    {"parse", as_cfunction(&raw_one<&py_parse>), METH_O,
     "parse(hex, /)\n--\n\nParse text as uuid.UUID(hex) does, with the same result or the "
     "same error.\n\nCanonical forms (hyphenated, 32 digits, braced) take a native fast "
     "path;\neverything else the stdlib accepts (URNs, '+', '_', whitespace, Unicode\ndigits) is "
     "handled exactly as uuid.UUID handles it."},
    {"from_bytes", as_cfunction(&raw_one<&py_from_bytes>), METH_O,
     "from_bytes(bytes, /)\n--\n\nuuid.UUID(bytes=bytes): a UUID from 16 big-endian "
     "bytes."},
    {"from_bytes_le", as_cfunction(&raw_one<&py_from_bytes_le>), METH_O,
     "from_bytes_le(bytes_le, /)\n--\n\nuuid.UUID(bytes_le=bytes_le): a UUID from 16 "
     "bytes whose first three\nfields are little-endian."},
    {"from_int", as_cfunction(&raw_one<&py_from_int>), METH_O,
     "from_int(int, /)\n--\n\nuuid.UUID(int=int): a UUID from a 128-bit integer."},
    {"from_fields", as_cfunction(&raw_call<kFromFields, &py_from_fields, 1>), kKeywords,
     "from_fields(fields)\n--\n\nuuid.UUID(fields=fields): a UUID from the six-tuple "
     "(time_low, time_mid,\ntime_hi_version, clock_seq_hi_variant, clock_seq_low, node)."},
    {"getnode", as_cfunction(&raw_getnode), METH_NOARGS,
     "getnode()\n--\n\nGet the hardware address as a 48-bit positive integer.\n\n"
     "Read once per process from the network interfaces, without running any\nprogram. If "
     "none has a usable address, a random 48-bit number with its\nmulticast bit set is chosen, "
     "as RFC 9562 Section 6.10 recommends."},
    {"uuid7_min", as_cfunction(&raw_call<kUuid7Min, &oruuid::py::py_uuid7_min, 1>), kKeywords,
     "uuid7_min(at)\n--\n\nThe smallest UUIDv7 of the millisecond of 'at' (a Timestamp or an "
     "aware\ndatetime): version and variant set, every bit after the timestamp 0.\n\n"
     "Every UUIDv7 made in that millisecond is >= uuid7_min(at) and <= uuid7_max(at),\nso "
     "rows created from t0 to t1 (inclusive) are the keys k with\nuuid7_min(t0) <= k <= "
     "uuid7_max(t1). ValueError outside 1970 to 2**48 ms."},
    {"uuid7_max", as_cfunction(&raw_call<kUuid7Max, &oruuid::py::py_uuid7_max, 1>), kKeywords,
     "uuid7_max(at)\n--\n\nThe largest UUIDv7 of the millisecond of 'at' (a Timestamp or an "
     "aware\ndatetime): version and variant set, every bit after the timestamp 1.\n\nSee "
     "uuid7_min()."},
    {"uuid1_to_uuid6", as_cfunction(&raw_one<&oruuid::py::py_uuid1_to_uuid6>), METH_O,
     "uuid1_to_uuid6(u, /)\n--\n\nThe UUIDv6 with the timestamp, clock sequence and node of "
     "the UUIDv1 'u'\n(RFC 9562 Section 5.6): the same fields, the timestamp stored most\n"
     "significant bits first so that it sorts by time. uuid6_to_uuid1() undoes it\nexactly. "
     "ValueError if 'u' is not a version 1 UUID of the RFC variant."},
    {"uuid6_to_uuid1", as_cfunction(&raw_one<&oruuid::py::py_uuid6_to_uuid1>), METH_O,
     "uuid6_to_uuid1(u, /)\n--\n\nThe UUIDv1 with the timestamp, clock sequence and node of "
     "the UUIDv6 'u':\nthe inverse of uuid1_to_uuid6(). ValueError if 'u' is not a version 6 "
     "UUID\nof the RFC variant."},
    {"to_ulid", as_cfunction(&raw_one<&oruuid::py::py_to_ulid>), METH_O,
     "to_ulid(u, /)\n--\n\nThe 26-character ULID text (Crockford base32, upper case) of the "
     "128 bits\nof 'u', as they are: str(ulid.ULID.from_uuid(u)). A UUIDv7's text starts "
     "with\nits millisecond timestamp, as a ULID's does. Same as encode(u, 'base32')."},
    {"from_ulid", as_cfunction(&raw_call<kFromUlid, &oruuid::py::py_from_ulid, 2>), kKeywords,
     "from_ulid(text, *, version=None)\n--\n\nThe UUID holding the 128 bits of the ULID "
     "text 'text', as they are:\nulid.ULID.from_str(text).to_uuid(). Letters may be in either "
     "case; I, L, O\nand U are not Crockford digits, and the first character must be 0-7.\n\n"
     "version=7 sets the version and variant bits (6 bits change), making a\nvalid UUIDv7 of "
     "a ULID: its first 48 bits, the milliseconds, stay as they are.\nValueError naming the "
     "position for bad text, TypeError for a non-str."},
    {"encode", as_cfunction(&raw_call<kEncode, &oruuid::py::py_encode, 2>), kKeywords,
     "encode(u, alphabet)\n--\n\nA short text of the 128 bits of 'u', of fixed length:\n\n"
     "- 'base32': 26 characters, Crockford's alphabet, the ULID text (to_ulid);\n"
     "- 'base58': 22 characters, the Bitcoin alphabet, left-padded with '1';\n"
     "- 'base64url': 22 characters, RFC 4648 Section 5, no '=' padding.\n\n"
     "base32 and base58 texts sort as the UUIDs do. decode() is the inverse."},
    {"decode", as_cfunction(&raw_call<kDecode, &oruuid::py::py_decode, 2>), kKeywords,
     "decode(text, alphabet)\n--\n\nThe UUID of a text made by encode(u, alphabet): exactly "
     "that length and\nalphabet (base32 in either case), nothing around it. base64url's last\n"
     "character must be A, Q, g or w (its padding bits zero), so each UUID has\none text. "
     "ValueError naming the position for bad text, TypeError for a\nnon-str."},
    {nullptr, nullptr, 0, nullptr}};

// The stdlib's functions as install() puts them in the uuid module: __module__
// "uuid", the stdlib's signatures.
PyMethodDef g_stdlib_methods[] = {
    {"uuid1", as_cfunction(&raw_call<kUuid1Stdlib, &py_uuid1<false>, 3>), kKeywords,
     "uuid1(node=None, clock_seq=None)\n--\n\n" ORUUID_DOC_UUID1},
    {"uuid3", as_cfunction(&raw_call<kUuid3, &py_uuid3, 2>), kKeywords, ORUUID_DOC_UUID3},
    {"uuid4", as_cfunction(&raw_uuid4), METH_NOARGS, ORUUID_DOC_UUID4},
    {"uuid5", as_cfunction(&raw_call<kUuid5, &py_uuid5, 2>), kKeywords, ORUUID_DOC_UUID5},
    {"uuid6", as_cfunction(&raw_call<kUuid6Stdlib, &py_uuid6<false>, 3>), kKeywords,
     "uuid6(node=None, clock_seq=None)\n--\n\n" ORUUID_DOC_UUID6},
    {"uuid7", as_cfunction(&raw_uuid7_now), METH_NOARGS, "uuid7()\n--\n\n" ORUUID_DOC_UUID7},
    {"uuid8", as_cfunction(&raw_call<kUuid8, &py_uuid8, 3>), kKeywords, ORUUID_DOC_UUID8},
    {nullptr, nullptr, 0, nullptr}};

// Builtin functions for each def, with __module__ `module_name` and no __self__.
nb::dict make_functions(PyMethodDef* defs, const char* module_name) {
    nb::str module(module_name);
    nb::dict out;
    for (PyMethodDef* d = defs; d->ml_name; ++d) {
        PyObject* f = PyCFunction_NewEx(d, nullptr, module.ptr());
        if (!f) throw nb::python_error();
        out[d->ml_name] = nb::steal(f);
    }
    return out;
}

oruuid::ClockSequence& clock_sequence(const std::string& kind) {
    if (kind == "v1") return oruuid::global_clock_sequence_v1();
    if (kind == "v6") return oruuid::global_clock_sequence_v6();
    throw nb::value_error("kind must be 'v1', 'v6' or 'v7'");
}

nb::object sequence_position(const std::string& kind) {
    if (kind == "v7") {
        auto p = oruuid::global_context_v7().position();
        if (!p) return nb::none();
        return nb::make_tuple(p->unit, p->counter);
    }
    auto t = clock_sequence(kind).last_ticks();
    if (!t) return nb::none();
    return nb::int_(*t);
}

void advance_sequence(const std::string& kind, nb::handle position) {
    value_errors([&] {
        if (kind == "v7") {
            auto [unit, counter] = nb::cast<std::pair<std::uint64_t, std::uint64_t>>(position);
            oruuid::global_context_v7().advance_to({unit, counter});
        } else {
            clock_sequence(kind).advance_to(nb::cast<std::uint64_t>(position));
        }
        return 0;
    });
}

}  // namespace

NB_MODULE(_core, m) {
    oruuid::py::bind_uuid_type();
    oruuid::py::register_time(m);
    oruuid::py::register_batch(m);  // batch.cpp: uuid4_many, parse_many, ...
    m.doc() = "Native UUID generation and parsing for oruuid; use the oruuid package instead.";
    m.attr("__version__") = ORUUID_VERSION_STRING;
    m.def("_with_version", &py_with_version);
    for (auto [name, f] : make_functions(g_methods, "oruuid")) m.attr(name) = f;

    // The private parts, as submodules importable by their dotted names.
    nb::object modules = nb::module_::import_("sys").attr("modules");
    auto submodule = [&](const char* name, void (*reg)(nb::module_)) {
        nb::module_ sub = m.def_submodule(name);
        reg(sub);
        modules[nb::str("oruuid._core.") + nb::str(name)] = sub;
    };
    submodule("patch", &oruuid::py::register_patch);
    submodule("bench", &oruuid::py::register_bench);
#ifdef ORUUID_TESTING_MODULE
    submodule("testing", &oruuid::py::register_testing);
#endif
    m.attr("stdlib_functions") = make_functions(g_stdlib_methods, "uuid");

    // The process sequences' places, handed to and from the stdlib's own generators
    // by install() and uninstall() (see _install.py).
    m.def("sequence_position", &sequence_position, nb::arg("kind"),
          "Where the process's 'v1', 'v6' or 'v7' sequence stands: the last 60-bit tick\n"
          "(v1, v6) or (unix_ms, 42-bit counter) (v7); None before its first UUID.");
    m.def("advance_sequence", &advance_sequence, nb::arg("kind"), nb::arg("position"),
          "Moves that sequence forward to `position` (as sequence_position gives it) if it is\n"
          "ahead, so that every later UUID sorts after it. Never moves it back.");
}
