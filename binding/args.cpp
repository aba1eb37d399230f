// binding/args.cpp: the native-or-fall-back decision for every constructor form (see args.hpp).
#include "args.hpp"

#include <cstring>

#include "oruuid/parser.hpp"
#include "uuid_object.hpp"

namespace oruuid::py {

std::optional<Uuid> uuid_from_text(std::string_view text) noexcept {
    if (!canonical_length(text.size())) return std::nullopt;
    auto parsed = oruuid::parse(text);
    if (!parsed) return std::nullopt;
    return *parsed;
}

std::optional<std::uint64_t> exact_int_below(PyObject* value, std::uint64_t limit) noexcept {
    Uuid u;
    if (!PyLong_CheckExact(value) || !uuid_from_int(value, &u) || u.high() != 0 ||
        u.low() >= limit) {
        return std::nullopt;
    }
    return u.low();
}

std::optional<Uuid> uuid_from_arg(Form form, PyObject* arg) noexcept {
    switch (form) {
        case Form::hex: {
            if (!PyUnicode_CheckExact(arg) || !PyUnicode_IS_ASCII(arg)) return std::nullopt;
            return uuid_from_text(
                std::string_view(static_cast<const char*>(PyUnicode_DATA(arg)),
                                 static_cast<std::size_t>(PyUnicode_GET_LENGTH(arg))));
        }
        case Form::bytes:
        case Form::bytes_le: {
            if (!PyBytes_CheckExact(arg) || PyBytes_GET_SIZE(arg) != 16) return std::nullopt;
            Uuid::bytes_type b;
            std::memcpy(b.data(), PyBytes_AS_STRING(arg), 16);
            return form == Form::bytes ? Uuid(b) : Uuid::from_bytes_le(b);
        }
        case Form::fields: {
            if (!PyTuple_CheckExact(arg) || PyTuple_GET_SIZE(arg) != 6) return std::nullopt;
            // time_low, time_mid, time_hi_version, clock_seq_hi_variant, clock_seq_low, node
            static constexpr std::uint64_t kLimits[6] = {1ULL << 32, 1ULL << 16, 1ULL << 16,
                                                         1ULL << 8,  1ULL << 8,  1ULL << 48};
            std::uint64_t f[6];
            for (int i = 0; i < 6; ++i) {
                auto v = exact_int_below(PyTuple_GET_ITEM(arg, i), kLimits[i]);
                if (!v) return std::nullopt;
                f[i] = *v;
            }
            return Uuid::from_fields(
                {static_cast<std::uint32_t>(f[0]), static_cast<std::uint16_t>(f[1]),
                 static_cast<std::uint16_t>(f[2]), static_cast<std::uint8_t>(f[3]),
                 static_cast<std::uint8_t>(f[4]), f[5]});
        }
        case Form::int_: {
            Uuid u;
            if (!PyLong_CheckExact(arg) || !uuid_from_int(arg, &u)) return std::nullopt;
            return u;
        }
    }
    return std::nullopt;
}

// CPython's order: positionals, then each keyword, then too many positionals, then
// missing ones.
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
    return true;
}

}  // namespace oruuid::py
