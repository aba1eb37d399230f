// binding/extras.cpp: uuid7_min/uuid7_max, uuid1_to_uuid6/uuid6_to_uuid1, to_ulid/from_ulid,
// encode/decode: thin layers over the core's v7.hpp, v6.hpp and encode.hpp.
#include "extras.hpp"

#include <cstdarg>
#include <string>
#include <string_view>
#include <vector>

#include "oruuid/builder.hpp"
#include "oruuid/v6.hpp"
#include "oruuid/v7.hpp"
#include "time.hpp"
#include "uuid_object.hpp"

namespace oruuid::py {

namespace {

[[noreturn]] void raise_python() {
    throw Error{};
}

[[noreturn]] void raise_format(PyObject* type, const char* format, ...) {
    va_list args;
    va_start(args, format);
    PyErr_FormatV(type, format, args);
    va_end(args);
    raise_python();
}

// A new ASCII str holding the text of `u` in `alphabet`.
Ref text_of(const Uuid& u, Alphabet alphabet) {
    const std::size_t n = encoded_size(alphabet);
    Ref s = own(PyUnicode_New(static_cast<Py_ssize_t>(n), 127));
    encode_to(u, static_cast<char*>(PyUnicode_DATA(s.get())), alphabet);
    return s;
}

// The ValueError for a str that does not decode: its position, and the character as
// Python shows it (non-ASCII ones included). `text` has `length` code points.
[[noreturn]] void raise_decode_error(const char* function, PyObject* text, Alphabet alphabet) {
    const Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    // The core sees bytes: every non-ASCII code point becomes 0x80, which no alphabet
    // has, so positions stay code-point positions.
    std::string bytes(static_cast<std::size_t>(length), '\x80');
    const int kind = PyUnicode_KIND(text);
    const void* data = PyUnicode_DATA(text);
    for (Py_ssize_t i = 0; i < length; ++i) {
        const Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c < 128) bytes[static_cast<std::size_t>(i)] = static_cast<char>(c);
    }
    const auto error = explain_decode_error(bytes, alphabet);
    if (!error) {  // cannot happen: decode failed on the same bytes
        raise_format(PyExc_ValueError, "%s(): not a %s UUID: %R", function, alphabet_name(alphabet),
                     text);
    }
    if (error->kind != DecodeErrorKind::invalid_character) {
        raise_format(PyExc_ValueError, "%s(): %s", function, error->message().c_str());
    }
    const auto pos = static_cast<Py_ssize_t>(error->position);
    Ref ch = own(PyUnicode_Substring(text, pos, pos + 1));
    const Py_UCS4 c = PyUnicode_READ(kind, data, pos);
    const bool ilou =
        alphabet == Alphabet::base32 && (c == 'I' || c == 'L' || c == 'O' || c == 'U' || c == 'i' ||
                                         c == 'l' || c == 'o' || c == 'u');
    raise_format(PyExc_ValueError, "%s(): invalid %s character %R at position %zd%s", function,
                 alphabet_name(alphabet), ch.get(), pos,
                 ilou ? " (Crockford base32 has no I, L, O or U)" : "");
}

// The UUID of `text` in `alphabet`; TypeError unless a str, ValueError unless valid.
Uuid decode_arg(PyObject* s, Alphabet alphabet, const char* function) {
    if (!PyUnicode_Check(s)) {
        raise_format(PyExc_TypeError, "%s() text must be a str, not %.200s", function,
                     Py_TYPE(s)->tp_name);
    }
    if (PyUnicode_IS_ASCII(s)) {
        const std::string_view view(static_cast<const char*>(PyUnicode_DATA(s)),
                                    static_cast<std::size_t>(PyUnicode_GET_LENGTH(s)));
        if (auto u = decode(view, alphabet)) return *u;
    }
    raise_decode_error(function, s, alphabet);
}

// A `timestamp`-style argument that must be given: None is refused too.
Timestamp instant_arg(State& st, PyObject* at, const char* function) {
    if (at == Py_None) {
        raise_format(PyExc_TypeError, "%s() takes a Timestamp or an aware datetime, not None",
                     function);
    }
    return *timestamp_arg(st, at, function);
}

}  // namespace

Uuid uuid_arg(State& st, PyObject* value, const char* function) {
    if (auto u = exact_uuid(st, value)) return *u;
    const UuidClass* cls = uuid_class(st);
    if (!cls) raise_python();
    const int is_uuid = PyObject_IsInstance(value, reinterpret_cast<PyObject*>(cls->type));
    if (is_uuid < 0) raise_python();
    if (!is_uuid) {
        raise_format(PyExc_TypeError, "%s() expected a uuid.UUID, not %.200s", function,
                     Py_TYPE(value)->tp_name);
    }
    Ref i = own(PyObject_GetAttrString(value, "int"));
    Uuid u;
    if (!PyLong_Check(i.get()) || !uuid_from_int(i.get(), &u)) {
        raise_format(PyExc_TypeError,
                     "%s() expected a uuid.UUID whose int is in [0, 2**128), not %R", function,
                     i.get());
    }
    return u;
}

std::optional<Alphabet> alphabet_named(PyObject* name) noexcept {
    if (!PyUnicode_Check(name)) return std::nullopt;
    for (Alphabet a : {Alphabet::base32, Alphabet::base58, Alphabet::base64url}) {
        if (PyUnicode_CompareWithASCIIString(name, alphabet_name(a)) == 0) return a;
    }
    return std::nullopt;
}

Alphabet alphabet_arg(PyObject* value, const char* function) {
    if (auto a = alphabet_named(value)) return *a;
    if (!PyUnicode_Check(value)) {
        raise_format(PyExc_TypeError,
                     "%s() alphabet must be 'base32', 'base58' or 'base64url', not %.200s",
                     function, Py_TYPE(value)->tp_name);
    }
    raise_format(PyExc_ValueError,
                 "%s() alphabet must be 'base32', 'base58' or 'base64url', not %R", function,
                 value);
}

// The core's std::out_of_range becomes ValueError in the caller's guard().
Ref py_uuid7_min(State& st, PyObject* at) {
    return make(st, uuid7_min(instant_arg(st, at, "uuid7_min")));
}

Ref py_uuid7_max(State& st, PyObject* at) {
    return make(st, uuid7_max(instant_arg(st, at, "uuid7_max")));
}

namespace {

// What a UUID that is not version `wanted` is, for the conversions' errors.
[[noreturn]] void raise_not_version(const char* function, const Uuid& u, int wanted) {
    if (u.variant() != Variant::rfc_4122) {
        raise_format(PyExc_ValueError,
                     "%s() expected a version %d UUID, not one of another variant than RFC 9562's",
                     function, wanted);
    }
    raise_format(PyExc_ValueError, "%s() expected a version %d UUID, not version %d", function,
                 wanted, u.version());
}

}  // namespace

Ref py_uuid1_to_uuid6(State& st, PyObject* u) {
    const Uuid v = uuid_arg(st, u, "uuid1_to_uuid6");
    if (auto r = uuid1_to_uuid6(v)) return make(st, *r);
    raise_not_version("uuid1_to_uuid6", v, 1);
}

Ref py_uuid6_to_uuid1(State& st, PyObject* u) {
    const Uuid v = uuid_arg(st, u, "uuid6_to_uuid1");
    if (auto r = uuid6_to_uuid1(v)) return make(st, *r);
    raise_not_version("uuid6_to_uuid1", v, 6);
}

Ref py_to_ulid(State& st, PyObject* u) {
    return text_of(uuid_arg(st, u, "to_ulid"), Alphabet::base32);
}

Ref py_from_ulid(State& st, PyObject* text, PyObject* version) {
    bool v7 = false;
    if (version != Py_None) {
        PyObject* v = version;
        if (!PyLong_Check(v)) {
            raise_format(PyExc_TypeError, "from_ulid() version must be None or 7, not %.200s",
                         Py_TYPE(v)->tp_name);
        }
        int overflow = 0;
        const long n = PyLong_AsLongAndOverflow(v, &overflow);
        if (n == -1 && PyErr_Occurred()) raise_python();
        if (n != 7 || overflow || PyBool_Check(v)) {
            raise_format(PyExc_ValueError, "from_ulid() version must be None or 7, not %R", v);
        }
        v7 = true;
    }
    const Uuid u = decode_arg(text, Alphabet::base32, "from_ulid");
    return make(st, v7 ? build::with_version(u, 7) : u);
}

Ref py_encode(State& st, PyObject* u, PyObject* alphabet) {
    const Uuid v = uuid_arg(st, u, "encode");
    return text_of(v, alphabet_arg(alphabet, "encode"));
}

Ref py_decode(State& st, PyObject* text, PyObject* alphabet) {
    const Alphabet a = alphabet_arg(alphabet, "decode");
    return make(st, decode_arg(text, a, "decode"));
}

}  // namespace oruuid::py
