// binding/core.cpp: oruuid._core, the generators and constructors of the Python package.
//
// Each function takes a native fast path for the common exact types and forms, and
// hands anything else to oruuid._compat, which repeats the stdlib's own steps, so
// results and errors match uuid's on every input.
#include <nanobind/nanobind.h>
#include <nanobind/stl/string.h>

#include <cstring>
#include <optional>
#include <stdexcept>

#include "batch.hpp"
#include "oruuid/oruuid.hpp"
#include "time.hpp"
#include "uuid_object.hpp"

namespace nb = nanobind;
using oruuid::py::compat;
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

// An exact int in [0, limit), or nullopt.
std::optional<std::uint64_t> exact_int_below(PyObject* value, std::uint64_t limit) {
    if (!PyLong_CheckExact(value) || _PyLong_Sign(value) < 0) return std::nullopt;
    int overflow = 0;
    long long v = PyLong_AsLongLongAndOverflow(value, &overflow);
    if (overflow || v < 0 || static_cast<std::uint64_t>(v) >= limit) {
        PyErr_Clear();
        return std::nullopt;
    }
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

nb::object py_uuid1(nb::handle node, nb::handle clock_seq, nb::handle timestamp) {
    std::optional<std::uint64_t> n, cs;
    if ((!node.is_none() && !(n = exact_int_below(node.ptr(), 1ULL << 48))) ||
        (!clock_seq.is_none() && !(cs = exact_int_mask(clock_seq.ptr())))) {
        return compat("uuid1", node, clock_seq, timestamp);
    }
    return time_based<oruuid::uuid1, oruuid::uuid1_at>("uuid1", n, cs, timestamp);
}

nb::object py_uuid6(nb::handle node, nb::handle clock_seq, nb::handle timestamp) {
    std::optional<std::uint64_t> n, cs;
    if ((!node.is_none() && !(n = exact_int_mask(node.ptr()))) ||
        (!clock_seq.is_none() && !(cs = exact_int_mask(clock_seq.ptr())))) {
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

nb::object py_parse(nb::handle text) {
    PyObject* s = text.ptr();
    if (PyUnicode_CheckExact(s) && PyUnicode_IS_ASCII(s)) {
        Py_ssize_t n = PyUnicode_GET_LENGTH(s);
        // Only forms whose meaning is identical under the stdlib's looser rules:
        // its `urn:` removal is case-sensitive, so URNs take the slow path.
        if (n == 36 || n == 32 || n == 38) {
            const char* data = static_cast<const char*>(PyUnicode_DATA(s));
            if (auto u = oruuid::parse(std::string_view(data, static_cast<std::size_t>(n))))
                return make(*u);
        }
    }
    return compat("parse", text);
}

nb::object py_from_bytes(nb::handle b) {
    if (PyBytes_CheckExact(b.ptr()) && PyBytes_GET_SIZE(b.ptr()) == 16) {
        return make(oruuid::Uuid::from_bytes(
            reinterpret_cast<const std::uint8_t*>(PyBytes_AS_STRING(b.ptr()))));
    }
    return compat("from_bytes", b);
}

nb::object py_from_bytes_le(nb::handle b) {
    if (PyBytes_CheckExact(b.ptr()) && PyBytes_GET_SIZE(b.ptr()) == 16) {
        oruuid::Uuid::bytes_type bytes;
        std::memcpy(bytes.data(), PyBytes_AS_STRING(b.ptr()), 16);
        return make(oruuid::Uuid::from_bytes_le(bytes));
    }
    return compat("from_bytes_le", b);
}

nb::object py_from_fields(nb::handle f) {
    PyObject* t = f.ptr();
    if (PyTuple_CheckExact(t) && PyTuple_GET_SIZE(t) == 6) {
        static constexpr std::uint64_t kLimits[6] = {1ULL << 32, 1ULL << 16, 1ULL << 16,
                                                     1ULL << 8,  1ULL << 8,  1ULL << 48};
        std::uint64_t v[6];
        bool fast = true;
        for (int i = 0; i < 6 && fast; ++i) {
            auto x = exact_int_below(PyTuple_GET_ITEM(t, i), kLimits[i]);
            if (x) v[i] = *x;
            fast = x.has_value();
        }
        if (fast) {
            return make(oruuid::Uuid::from_fields(
                {static_cast<std::uint32_t>(v[0]), static_cast<std::uint16_t>(v[1]),
                 static_cast<std::uint16_t>(v[2]), static_cast<std::uint8_t>(v[3]),
                 static_cast<std::uint8_t>(v[4]), v[5]}));
        }
    }
    return compat("from_fields", f);
}

nb::object py_from_int(nb::handle i) {
    oruuid::Uuid u;
    if (PyLong_CheckExact(i.ptr()) && oruuid::py::uuid_from_int(i.ptr(), &u)) {
        // Share the caller's int rather than build an equal one.
        PyObject* obj = oruuid::py::make_from_int_object(nb::borrow(i).release().ptr());
        if (!obj) raise_python();
        return nb::steal(obj);
    }
    return compat("from_int", i);
}

// For _compat: 16 digest bytes with a version and the RFC variant set.
nb::object py_with_version(nb::bytes digest, int version) {
    if (digest.size() != 16) throw nb::value_error("need 16 bytes");
    oruuid::Uuid::bytes_type bytes;
    std::memcpy(bytes.data(), digest.c_str(), 16);
    return make(oruuid::build::with_version(oruuid::Uuid(bytes), version));
}

// --- hot paths on the raw C API ----------------------------------------------------
// nanobind's dispatcher costs about 12 ns a call, a tenth of uuid4(); these few
// functions are called per UUID, so they skip it. Anything off the fast path goes
// to the same code as before.

PyObject* g_uuid7_full = nullptr;  // the nanobind uuid7, for calls with arguments

// Runs a nanobind-style function for a raw entry point: its Python error, or a C++
// one as RuntimeError, becomes the NULL-with-exception the C API expects.
template <typename... Params, typename... Args>
PyObject* guarded(nb::object (*f)(Params...), Args... args) noexcept {
    try {
        return f(nb::handle(args)...).release().ptr();
    } catch (nb::python_error& e) {
        e.restore();
        return nullptr;
    } catch (const std::exception& e) {
        PyErr_SetString(PyExc_RuntimeError, e.what());
        return nullptr;
    }
}

PyObject* raw_uuid4(PyObject*, PyObject*) noexcept {
    return oruuid::py::make_raw(oruuid::uuid4());
}

PyObject* raw_uuid7(PyObject*, PyObject* const* args, Py_ssize_t nargs,
                    PyObject* kwnames) noexcept {
    if (nargs == 0 && !kwnames) {
        try {
            return oruuid::py::make_raw(oruuid::uuid7());
        } catch (const std::out_of_range& e) {  // a clock before 1970
            PyErr_SetString(PyExc_ValueError, e.what());
            return nullptr;
        }
    }
    return PyObject_Vectorcall(g_uuid7_full, args, static_cast<size_t>(nargs), kwnames);
}

PyObject* raw_parse(PyObject*, PyObject* arg) noexcept {
    return guarded(&py_parse, arg);
}
// uuid3/uuid5(namespace, name), positional or by keyword, with the errors (and
// messages) a Python function with that signature raises.
template <nb::object (*F)(nb::handle, nb::handle), const char* Name>
PyObject* raw_name_based(PyObject*, PyObject* const* args, Py_ssize_t nargs,
                         PyObject* kwnames) noexcept {
    static constexpr const char* kParams[2] = {"namespace", "name"};
    // CPython's order: positionals, then each keyword, then too many positionals.
    PyObject* argv[2] = {nullptr, nullptr};
    for (Py_ssize_t i = 0; i < nargs && i < 2; ++i) argv[i] = args[i];
    const Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
    for (Py_ssize_t k = 0; k < nkw; ++k) {
        PyObject* key = PyTuple_GET_ITEM(kwnames, k);
        if (!PyUnicode_Check(key)) {
            PyErr_Format(PyExc_TypeError, "%s() keywords must be strings", Name);
            return nullptr;
        }
        int slot = -1;
        for (int p = 0; p < 2 && slot < 0; ++p) {
            if (PyUnicode_CompareWithASCIIString(key, kParams[p]) == 0) slot = p;
        }
        if (slot < 0) {
            PyErr_Format(PyExc_TypeError, "%s() got an unexpected keyword argument '%U'", Name,
                         key);
            return nullptr;
        }
        if (argv[slot]) {
            PyErr_Format(PyExc_TypeError, "%s() got multiple values for argument '%s'", Name,
                         kParams[slot]);
            return nullptr;
        }
        argv[slot] = args[nargs + k];
    }
    if (nargs > 2) {
        PyErr_Format(PyExc_TypeError, "%s() takes 2 positional arguments but %zd were given", Name,
                     nargs);
        return nullptr;
    }
    if (!argv[0] || !argv[1]) {
        if (!argv[0] && !argv[1]) {
            PyErr_Format(PyExc_TypeError,
                         "%s() missing 2 required positional arguments: 'namespace' and 'name'",
                         Name);
        } else {
            PyErr_Format(PyExc_TypeError, "%s() missing 1 required positional argument: '%s'", Name,
                         argv[0] ? "name" : "namespace");
        }
        return nullptr;
    }
    return guarded(F, argv[0], argv[1]);
}
constexpr char kUuid3[] = "uuid3";
constexpr char kUuid5[] = "uuid5";

PyObject* raw_from_bytes(PyObject*, PyObject* arg) noexcept {
    return guarded(&py_from_bytes, arg);
}
PyObject* raw_from_bytes_le(PyObject*, PyObject* arg) noexcept {
    return guarded(&py_from_bytes_le, arg);
}
PyObject* raw_from_int(PyObject*, PyObject* arg) noexcept {
    return guarded(&py_from_int, arg);
}

PyMethodDef raw_methods[] = {
    {"uuid4", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(&raw_uuid4)), METH_NOARGS,
     "uuid4($module, /)\n--\n\nGenerate a random UUID."},
    {"uuid7", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(&raw_uuid7)),
     METH_FASTCALL | METH_KEYWORDS,
     "uuid7($module, /, timestamp=None, *, context=None)\n--\n\nGenerate a UUID from a Unix "
     "timestamp in milliseconds and random bits.\n\nUUIDv7 objects feature monotonicity within a "
     "millisecond: a 42-bit counter\n(RFC 9562 Section 6.2, Method 1) keeps every UUID of this "
     "process greater\nthan the one before, across threads and even when the clock steps "
     "back.\n\n'timestamp' is a Timestamp, an aware datetime, or None for now. A bare\nnumber "
     "raises TypeError: say Timestamp.from_unix_ms(ms) or\nTimestamp.from_unix(seconds), so no "
     "unit is ever guessed.\n\nWhich sequence the UUID belongs to:\n- context given: that "
     "ContextV7 decides, with or without a timestamp;\n- no context, no timestamp: the "
     "process-wide sequence (strictly increasing);\n- no context, a timestamp: a standalone UUID "
     "for that instant whose counter\n  is random with its top bit clear, so a backfill never "
     "disturbs the order\n  of live UUIDs. Outside 1970 to the 48-bit millisecond limit: "
     "ValueError."},
    {"uuid3",
     reinterpret_cast<PyCFunction>(
         reinterpret_cast<void (*)()>(&raw_name_based<&py_uuid3, kUuid3>)),
     METH_FASTCALL | METH_KEYWORDS,
     "uuid3($module, namespace, name)\n--\n\nGenerate a UUID from the MD5 hash of a namespace "
     "UUID and a name.\n\n'name' is a str (encoded as UTF-8) or a bytes-like object."},
    {"uuid5",
     reinterpret_cast<PyCFunction>(
         reinterpret_cast<void (*)()>(&raw_name_based<&py_uuid5, kUuid5>)),
     METH_FASTCALL | METH_KEYWORDS,
     "uuid5($module, namespace, name)\n--\n\nGenerate a UUID from the SHA-1 hash of a "
     "namespace UUID and a name.\n\n'name' is a str (encoded as UTF-8) or a bytes-like object."},
    {"parse", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(&raw_parse)), METH_O,
     "parse($module, hex, /)\n--\n\nParse text as uuid.UUID(hex) does, with the same result or the "
     "same error.\n\nCanonical forms (hyphenated, 32 digits, braced) take a native fast "
     "path;\neverything else the stdlib accepts (URNs, '+', '_', whitespace, Unicode\ndigits) is "
     "handled exactly as uuid.UUID handles it."},
    {"from_bytes", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(&raw_from_bytes)),
     METH_O,
     "from_bytes($module, bytes, /)\n--\n\nuuid.UUID(bytes=bytes): a UUID from 16 big-endian "
     "bytes."},
    {"from_bytes_le",
     reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(&raw_from_bytes_le)), METH_O,
     "from_bytes_le($module, bytes_le, /)\n--\n\nuuid.UUID(bytes_le=bytes_le): a UUID from 16 "
     "bytes whose first three\nfields are little-endian."},
    {"from_int", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(&raw_from_int)), METH_O,
     "from_int($module, int, /)\n--\n\nuuid.UUID(int=int): a UUID from a 128-bit integer."},
    {nullptr, nullptr, 0, nullptr}};

}  // namespace

NB_MODULE(_core, m) {
    oruuid::py::bind_uuid_type();
    oruuid::py::register_time(m);
    oruuid::py::register_batch(m);  // batch.cpp: uuid4_many, parse_many, ...
    m.def("_uuid7", &py_uuid7, nb::arg("timestamp").none() = nb::none(), nb::kw_only(),
          nb::arg("context").none() = nb::none());
    g_uuid7_full = m.attr("_uuid7").ptr();
    if (PyModule_AddFunctions(m.ptr(), raw_methods) < 0) throw nb::python_error();
    m.doc() = "Native UUID generation and parsing for oruuid; use the oruuid package instead.";
    m.attr("__version__") = ORUUID_VERSION_STRING;
    m.def("_with_version", &py_with_version);

    m.def("uuid1", &py_uuid1, nb::arg("node").none() = nb::none(),
          nb::arg("clock_seq").none() = nb::none(), nb::kw_only(),
          nb::arg("timestamp").none() = nb::none(),
          "Generate a UUID from a host ID, sequence number, and the current time.\n\n"
          "If 'node' is not given, getnode() is used to obtain the hardware address. If\n"
          "'clock_seq' is given, it is used as the sequence number; otherwise the\n"
          "process's random 14-bit clock sequence is used. Timestamps strictly increase\n"
          "within the process, and a forked child takes a fresh clock sequence.\n\n"
          "'timestamp' (keyword-only: a Timestamp or an aware datetime) makes the UUID\n"
          "for that instant instead of now, leaving the process sequence alone; its\n"
          "clock sequence is then random unless given.");
    m.def("uuid6", &py_uuid6, nb::arg("node").none() = nb::none(),
          nb::arg("clock_seq").none() = nb::none(), nb::kw_only(),
          nb::arg("timestamp").none() = nb::none(),
          "Similar to uuid1() but where fields are ordered differently\n"
          "for improved DB locality.\n\n"
          "More precisely, given a 60-bit timestamp value as specified for UUIDv1,\n"
          "for UUIDv6 the first 48 most significant bits are stored first, followed\n"
          "by the 4-bit version (same position), followed by the remaining 12 bits\n"
          "of the original 60-bit timestamp.\n\n"
          "'timestamp' (keyword-only: a Timestamp or an aware datetime) makes the UUID\n"
          "for that instant instead of now, leaving the process sequence alone.");
    m.def("uuid8", &py_uuid8, nb::arg("a").none() = nb::none(), nb::arg("b").none() = nb::none(),
          nb::arg("c").none() = nb::none(),
          "Generate a UUID from three custom blocks.\n\n"
          "* 'a' is the first 48-bit chunk of the UUID (octets 0-5);\n"
          "* 'b' is the mid 12-bit chunk (octets 6-7);\n"
          "* 'c' is the last 62-bit chunk (octets 8-15).\n\n"
          "When a value is not specified, a random value is generated.");
    m.def(
        "getnode", []() { return oruuid::getnode(); },
        "Get the hardware address as a 48-bit positive integer.\n\n"
        "The first time this runs, it may launch a separate program, which could\n"
        "be quite slow.  If all attempts to obtain the hardware address fail, we\n"
        "choose a random 48-bit number with its eighth bit set to 1 as recommended\n"
        "in RFC 4122.");
    m.def("from_fields", &py_from_fields, nb::arg("fields").none(),
          "uuid.UUID(fields=fields): a UUID from the six-tuple (time_low, time_mid,\n"
          "time_hi_version, clock_seq_hi_variant, clock_seq_low, node).");
}
