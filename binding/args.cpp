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

}  // namespace oruuid::py
