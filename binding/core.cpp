// binding/core.cpp: oruuid._core, the generators and constructors of the Python package.
//
// Each function takes a native fast path for the common exact types and forms, and
// hands anything else to oruuid._compat, which repeats the stdlib's own steps, so
// results and errors match uuid's on every input.
#include <cstring>
#include <optional>
#include <stdexcept>
#include <utility>

#include "args.hpp"
#include "extras.hpp"
#include "oruuid/oruuid.hpp"
#include "submodules.hpp"
#include "time.hpp"
#include "uuid_object.hpp"

using oruuid::py::compat;
using oruuid::py::exact_int_below;
using oruuid::py::make;
using oruuid::py::Ref;
using oruuid::py::State;

namespace {

[[noreturn]] void raise_python() {
    throw oruuid::py::Error{};
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

// The core's range errors (std::out_of_range) become ValueError in guard().
Ref py_uuid7(State& st, PyObject* timestamp, PyObject* context) {
    if (timestamp == Py_None && context == Py_None) return make(st, oruuid::uuid7());
    auto ts = oruuid::py::timestamp_arg(st, timestamp, "uuid7");
    if (context != Py_None) {
        auto* ctx = oruuid::py::context_arg(st, context, "uuid7");
        return make(st, ts ? ctx->next(*ts) : ctx->next());
    }
    // An explicit instant without a context leaves the process sequence alone.
    return make(st, ts ? oruuid::uuid7_at(*ts) : oruuid::uuid7());
}

// uuid1 and uuid6 share everything but the layout and the stdlib's argument rules.
template <oruuid::Uuid (*Now)(std::optional<std::uint64_t>, std::optional<std::uint16_t>),
          oruuid::Uuid (*At)(oruuid::Timestamp, std::uint64_t, std::uint16_t)>
Ref time_based(State& st, const char* name, std::optional<std::uint64_t> node,
               std::optional<std::uint64_t> clock_seq, PyObject* timestamp) {
    auto ts = oruuid::py::timestamp_arg(st, timestamp, name);
    std::optional<std::uint16_t> cs;
    if (clock_seq) cs = static_cast<std::uint16_t>(*clock_seq & 0x3FFF);
    if (!ts) return make(st, Now(node, cs));
    // An explicit instant leaves the process sequence alone: the clock sequence
    // is random unless given, as the stdlib draws it.
    return make(st, At(*ts, node ? *node : oruuid::getnode(),
                       cs ? *cs : static_cast<std::uint16_t>(oruuid::random_u64() & 0x3FFF)));
}

// node="random" (oruuid's functions only): RFC 9562 §6.10's random multicast node,
// drawn once per process and again in a forked child. Any str or str subclass equal
// to "random"; every other value is left to the stdlib's rules. The install() copies
// keep the stdlib's signature and semantics, so they never look for it.
template <bool RandomNode>
bool is_random_node(PyObject* node) {
    if constexpr (!RandomNode) {
        return false;
    } else {
        return PyUnicode_Check(node) && PyUnicode_CompareWithASCIIString(node, "random") == 0;
    }
}

// The stdlib's rules for uuid1's and uuid6's arguments: uuid1 wants a node below 2**48
// and uses it whole; uuid6 takes any int and keeps its low 48 bits. A clock_seq is
// masked by both. Anything else goes to the stdlib's code (oruuid._compat).
template <int Version, bool RandomNode>
Ref py_time_based(State& st, PyObject* node, PyObject* clock_seq, PyObject* timestamp) {
    constexpr const char* name = Version == 1 ? "uuid1" : "uuid6";
    std::optional<std::uint64_t> n, cs;
    Ref random;
    if (is_random_node<RandomNode>(node)) {
        n = oruuid::random_node();
        random = oruuid::py::own(PyLong_FromUnsignedLongLong(*n));
        node = random.get();
    } else if (node != Py_None &&
               !(n = Version == 1 ? exact_int_below(node, 1ULL << 48) : exact_int_mask(node))) {
        return compat(st, name, node, clock_seq, timestamp);
    }
    if (clock_seq != Py_None && !(cs = exact_int_mask(clock_seq))) {
        return compat(st, name, node, clock_seq, timestamp);
    }
    if constexpr (Version == 1) {
        return time_based<oruuid::uuid1, oruuid::uuid1_at>(st, name, n, cs, timestamp);
    } else {
        if (n) *n &= 0xFFFFFFFFFFFFULL;
        return time_based<oruuid::uuid6, oruuid::uuid6_at>(st, name, n, cs, timestamp);
    }
}

Ref py_uuid8(State& st, PyObject* a, PyObject* b, PyObject* c) {
    std::optional<std::uint64_t> va, vb, vc;
    if ((a != Py_None && !(va = exact_int_mask(a))) ||
        (b != Py_None && !(vb = exact_int_mask(b))) ||
        (c != Py_None && !(vc = exact_int_mask(c)))) {
        return compat(st, "uuid8", a, b, c);
    }
    return make(
        st, oruuid::uuid8(va, vb ? std::optional<std::uint16_t>(*vb & 0xFFF) : std::nullopt, vc));
}

template <oruuid::Uuid (*Gen)(const oruuid::Uuid&, const void*, std::size_t)>
Ref name_based(State& st, const char* compat_name, PyObject* ns, PyObject* name) {
    auto u = oruuid::py::exact_uuid(st, ns);
    auto view = u ? name_view(name) : std::nullopt;
    if (!view) return compat(st, compat_name, ns, name);
    return make(st, Gen(*u, view->data(), view->size()));
}

Ref py_uuid3(State& st, PyObject* ns, PyObject* name) {
    return name_based<oruuid::uuid3>(st, "uuid3", ns, name);
}
Ref py_uuid5(State& st, PyObject* ns, PyObject* name) {
    return name_based<oruuid::uuid5>(st, "uuid5", ns, name);
}

// parse and from_*: the stdlib's semantics for anything args.cpp declines. The fast path
// returns straight to the METH_O entry points, outside guard()'s machinery (a measured
// 2 ns on parse()).
template <oruuid::py::Form F>
PyObject* from_arg(State& st, const char* compat_name, PyObject* arg) noexcept {
    if (auto u = oruuid::py::uuid_from_arg(F, arg)) {
        if constexpr (F == oruuid::py::Form::int_) {
            // Share the caller's int rather than build an equal one.
            return oruuid::py::make_from_int_object(st, Py_NewRef(arg));
        } else {
            return oruuid::py::make_raw(st, *u);
        }
    }
    return oruuid::py::guard([&] { return compat(st, compat_name, arg).release(); });
}

template <oruuid::py::Form F, const char* Name>
PyObject* raw_from(PyObject* self, PyObject* arg) noexcept {
    return from_arg<F>(oruuid::py::state_of(self), Name, arg);
}
constexpr char kParse[] = "parse";
constexpr char kFromBytes[] = "from_bytes";
constexpr char kFromBytesLe[] = "from_bytes_le";
constexpr char kFromInt[] = "from_int";

Ref py_from_fields(State& st, PyObject* f) {
    return oruuid::py::own(from_arg<oruuid::py::Form::fields>(st, "from_fields", f));
}

// For _compat: 16 digest bytes with a version and the RFC variant set.
PyObject* py_with_version(PyObject* self, PyObject* args) noexcept {
    const char* digest;
    Py_ssize_t size;
    int version;
    if (!PyArg_ParseTuple(args, "y#i:_with_version", &digest, &size, &version)) return nullptr;
    if (size != 16 || version < 1 || version > 15) {
        PyErr_SetString(PyExc_ValueError, "_with_version: need 16 bytes and a version in 1..15");
        return nullptr;
    }
    oruuid::Uuid::bytes_type bytes;
    std::memcpy(bytes.data(), digest, 16);
    return oruuid::py::make_raw(oruuid::py::state_of(self),
                                oruuid::build::with_version(oruuid::Uuid(bytes), version));
}

// --- the entry points ------------------------------------------------------------
// Every public function is a plain builtin function on the raw C API: nanobind's
// dispatcher cost about 12 ns a call, a tenth of uuid4(), and builtin functions
// pickle by name and are what Django's migration writer serializes. Each is made
// twice from the same C function: for oruuid (__module__ "oruuid") and, with the
// stdlib's exact signature, for install() (__module__ "uuid"), so that pickles and
// migrations written while installed name uuid.uuid4 and load anywhere.

// Runs a function of the form Ref f(State&, PyObject*...) for a raw entry point.
template <typename... Params, typename... Args>
PyObject* guarded(Ref (*f)(State&, Params...), State& st, Args... args) noexcept {
    return oruuid::py::guard([&] { return f(st, args...).release(); });
}

template <typename F, std::size_t... I>
PyObject* call_bound(F f, State& st, PyObject** argv, std::index_sequence<I...>) noexcept {
    return guarded(f, st, argv[I]...);
}

// The raw entry point for `F` under signature `Sig`; parameters beyond the
// signature's (timestamp=, context=) are passed as None.
template <const oruuid::py::Signature& Sig, auto F, std::size_t Arity>
PyObject* raw_call(PyObject* self, PyObject* const* args, Py_ssize_t nargs,
                   PyObject* kwnames) noexcept {
    PyObject* argv[Arity] = {};
    if (!oruuid::py::bind_args(Sig, args, nargs, kwnames, argv)) return nullptr;
    for (PyObject*& arg : argv) {
        if (!arg) arg = Py_None;  // not given, or beyond the signature (timestamp=, context=)
    }
    return call_bound(F, oruuid::py::state_of(self), argv, std::make_index_sequence<Arity>{});
}

constexpr oruuid::py::Signature kUuid1 = {"uuid1", {"node", "clock_seq", "timestamp"}, 3, 2, 0};
constexpr oruuid::py::Signature kUuid1Stdlib = {"uuid1", {"node", "clock_seq"}, 2, 2, 0};
constexpr oruuid::py::Signature kUuid3 = {"uuid3", {"namespace", "name"}, 2, 2, 2};
constexpr oruuid::py::Signature kUuid5 = {"uuid5", {"namespace", "name"}, 2, 2, 2};
constexpr oruuid::py::Signature kUuid6 = {"uuid6", {"node", "clock_seq", "timestamp"}, 3, 2, 0};
constexpr oruuid::py::Signature kUuid6Stdlib = {"uuid6", {"node", "clock_seq"}, 2, 2, 0};
constexpr oruuid::py::Signature kUuid7 = {"uuid7", {"timestamp", "context"}, 2, 1, 0};
constexpr oruuid::py::Signature kUuid8 = {"uuid8", {"a", "b", "c"}, 3, 3, 0};
constexpr oruuid::py::Signature kFromFields = {"from_fields", {"fields"}, 1, 1, 1};
constexpr oruuid::py::Signature kUuid7Min = {"uuid7_min", {"at"}, 1, 1, 1};
constexpr oruuid::py::Signature kUuid7Max = {"uuid7_max", {"at"}, 1, 1, 1};
constexpr oruuid::py::Signature kFromUlid = {"from_ulid", {"text", "version"}, 2, 1, 1};
constexpr oruuid::py::Signature kEncode = {"encode", {"u", "alphabet"}, 2, 2, 2};
constexpr oruuid::py::Signature kDecode = {"decode", {"text", "alphabet"}, 2, 2, 2};

// self is the oruuid._core module of the calling interpreter (see module.cpp).
//
// The no-argument functions take METH_FASTCALL rather than METH_NOARGS: 3.11 has a
// specialised call for the former only (4.5 ns a call measured); the error for
// arguments is METH_NOARGS's.
PyObject* takes_no_arguments(const char* name, Py_ssize_t nargs) noexcept {
    PyErr_Format(PyExc_TypeError, "%s() takes no arguments (%zd given)", name, nargs);
    return nullptr;
}

PyObject* raw_uuid4(PyObject* self, PyObject* const*, Py_ssize_t nargs) noexcept {
    if (nargs != 0) return takes_no_arguments("uuid4", nargs);
    return oruuid::py::make_raw(oruuid::py::state_of(self), oruuid::uuid4());
}

PyObject* uuid7_now(PyObject* self) noexcept {
    try {
        return oruuid::py::make_raw(oruuid::py::state_of(self), oruuid::uuid7());
    } catch (const std::out_of_range& e) {  // a clock before 1970
        PyErr_SetString(PyExc_ValueError, e.what());
        return nullptr;
    }
}

PyObject* raw_uuid7_now(PyObject* self, PyObject* const*, Py_ssize_t nargs) noexcept {
    if (nargs != 0) return takes_no_arguments("uuid7", nargs);
    return uuid7_now(self);
}

PyObject* raw_uuid7(PyObject* self, PyObject* const* args, Py_ssize_t nargs,
                    PyObject* kwnames) noexcept {
    if (nargs == 0 && !kwnames) return uuid7_now(self);
    return raw_call<kUuid7, &py_uuid7, 2>(self, args, nargs, kwnames);
}

PyObject* raw_getnode(PyObject*, PyObject*) noexcept {
    return PyLong_FromUnsignedLongLong(oruuid::getnode());
}

template <Ref (*F)(State&, PyObject*)>
PyObject* raw_one(PyObject* self, PyObject* arg) noexcept {
    return guarded(F, oruuid::py::state_of(self), arg);
}

using oruuid::py::as_cfunction;
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
    {"uuid1", as_cfunction(&raw_call<kUuid1, &py_time_based<1, true>, 3>), kKeywords,
     "uuid1(node=None, clock_seq=None, *, timestamp=None)\n--\n\n" ORUUID_DOC_UUID1
         ORUUID_DOC_RANDOM_NODE
     "\n\n'timestamp' (keyword-only: a Timestamp or an aware datetime) makes the UUID\n"
     "for that instant instead of now, leaving the process sequence alone; its\n"
     "clock sequence is then random unless given."},
    {"uuid3", as_cfunction(&raw_call<kUuid3, &py_uuid3, 2>), kKeywords, ORUUID_DOC_UUID3},
    {"uuid4", as_cfunction(&raw_uuid4), METH_FASTCALL, ORUUID_DOC_UUID4},
    {"uuid5", as_cfunction(&raw_call<kUuid5, &py_uuid5, 2>), kKeywords, ORUUID_DOC_UUID5},
    {"uuid6", as_cfunction(&raw_call<kUuid6, &py_time_based<6, true>, 3>), kKeywords,
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
    {"parse", as_cfunction(&raw_from<oruuid::py::Form::hex, kParse>), METH_O,
     "parse(hex, /)\n--\n\nParse text as uuid.UUID(hex) does, with the same result or the "
     "same error.\n\nCanonical forms (hyphenated, 32 digits, braced) take a native fast "
     "path;\neverything else the stdlib accepts (URNs, '+', '_', whitespace, Unicode\ndigits) is "
     "handled exactly as uuid.UUID handles it."},
    {"from_bytes", as_cfunction(&raw_from<oruuid::py::Form::bytes, kFromBytes>), METH_O,
     "from_bytes(bytes, /)\n--\n\nuuid.UUID(bytes=bytes): a UUID from 16 big-endian "
     "bytes."},
    {"from_bytes_le", as_cfunction(&raw_from<oruuid::py::Form::bytes_le, kFromBytesLe>), METH_O,
     "from_bytes_le(bytes_le, /)\n--\n\nuuid.UUID(bytes_le=bytes_le): a UUID from 16 "
     "bytes whose first three\nfields are little-endian."},
    {"from_int", as_cfunction(&raw_from<oruuid::py::Form::int_, kFromInt>), METH_O,
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
    {"uuid1", as_cfunction(&raw_call<kUuid1Stdlib, &py_time_based<1, false>, 3>), kKeywords,
     "uuid1(node=None, clock_seq=None)\n--\n\n" ORUUID_DOC_UUID1},
    {"uuid3", as_cfunction(&raw_call<kUuid3, &py_uuid3, 2>), kKeywords, ORUUID_DOC_UUID3},
    {"uuid4", as_cfunction(&raw_uuid4), METH_FASTCALL, ORUUID_DOC_UUID4},
    {"uuid5", as_cfunction(&raw_call<kUuid5, &py_uuid5, 2>), kKeywords, ORUUID_DOC_UUID5},
    {"uuid6", as_cfunction(&raw_call<kUuid6Stdlib, &py_time_based<6, false>, 3>), kKeywords,
     "uuid6(node=None, clock_seq=None)\n--\n\n" ORUUID_DOC_UUID6},
    {"uuid7", as_cfunction(&raw_uuid7_now), METH_FASTCALL, "uuid7()\n--\n\n" ORUUID_DOC_UUID7},
    {"uuid8", as_cfunction(&raw_call<kUuid8, &py_uuid8, 3>), kKeywords, ORUUID_DOC_UUID8},
    {nullptr, nullptr, 0, nullptr}};

oruuid::ClockSequence* clock_sequence(const char* kind) {
    if (std::strcmp(kind, "v1") == 0) return &oruuid::global_clock_sequence_v1();
    if (std::strcmp(kind, "v6") == 0) return &oruuid::global_clock_sequence_v6();
    PyErr_SetString(PyExc_ValueError, "kind must be 'v1', 'v6' or 'v7'");
    return nullptr;
}

PyObject* sequence_position(PyObject*, PyObject* args, PyObject* kwargs) noexcept {
    static const char* kw[] = {"kind", nullptr};
    const char* kind;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "s:sequence_position", const_cast<char**>(kw),
                                     &kind)) {
        return nullptr;
    }
    if (std::strcmp(kind, "v7") == 0) {
        auto p = oruuid::global_context_v7().position();
        if (!p) Py_RETURN_NONE;
        return Py_BuildValue("(KK)", static_cast<unsigned long long>(p->unit),
                             static_cast<unsigned long long>(p->counter));
    }
    oruuid::ClockSequence* seq = clock_sequence(kind);
    if (!seq) return nullptr;
    auto t = seq->last_ticks();
    if (!t) Py_RETURN_NONE;
    return PyLong_FromUnsignedLongLong(*t);
}

PyObject* advance_sequence(PyObject*, PyObject* args, PyObject* kwargs) noexcept {
    static const char* kw[] = {"kind", "position", nullptr};
    const char* kind;
    PyObject* position;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "sO:advance_sequence", const_cast<char**>(kw),
                                     &kind, &position)) {
        return nullptr;
    }
    return oruuid::py::guard([&]() -> PyObject* {
        if (std::strcmp(kind, "v7") == 0) {
            unsigned long long unit, counter;
            if (!PyArg_ParseTuple(position, "KK:advance_sequence", &unit, &counter)) {
                throw oruuid::py::Error{};
            }
            oruuid::global_context_v7().advance_to({unit, counter});
        } else {
            oruuid::ClockSequence* seq = clock_sequence(kind);
            if (!seq) throw oruuid::py::Error{};
            unsigned long long ticks = PyLong_AsUnsignedLongLong(position);
            if (ticks == static_cast<unsigned long long>(-1) && PyErr_Occurred()) {
                throw oruuid::py::Error{};
            }
            seq->advance_to(ticks);
        }
        Py_RETURN_NONE;
    });
}

}  // namespace

namespace oruuid::py {

// oruuid._core's own functions: module.cpp's module definition lists them, so each
// gets its interpreter's module as self.
PyMethodDef core_methods[] = {
    {"_with_version", as_cfunction(&py_with_version), METH_VARARGS,
     "_with_version(digest, version, /)\n--\n\nFor _compat: 16 digest bytes with a version "
     "and the RFC variant set."},
    {"sequence_position", as_cfunction(&sequence_position), METH_VARARGS | METH_KEYWORDS,
     "sequence_position(kind)\n--\n\nWhere the process's 'v1', 'v6' or 'v7' sequence "
     "stands: the last 60-bit tick\n(v1, v6) or (unix_ms, 42-bit counter) (v7); None before its "
     "first UUID."},
    {"advance_sequence", as_cfunction(&advance_sequence), METH_VARARGS | METH_KEYWORDS,
     "advance_sequence(kind, position)\n--\n\nMoves that sequence forward to `position` (as "
     "sequence_position gives it) if it is\nahead, so that every later UUID sorts after it. "
     "Never moves it back."},
    {nullptr, nullptr, 0, nullptr}};

PyMethodDef* public_methods = g_methods;
PyMethodDef* stdlib_methods = g_stdlib_methods;

}  // namespace oruuid::py
