// fuzz/parse_check.hpp: the oracle for oruuid::parse, shared by the fuzzer and its regression test.
//
// A deliberately naive reference parser says which texts must be accepted and with
// what value; check_parse() holds parse, Uuid::parse, explain_parse_error, the
// scalar and SIMD kernels and to_string to it and to each other.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "internal/text_kernels.hpp"
#include "oruuid/fmt.hpp"
#include "oruuid/parser.hpp"
#include "oruuid/uuid.hpp"

namespace oruuid_fuzz {

inline int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

inline char ascii_lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

/// Where the reference finds the first fault, as explain_parse_error should.
struct Fault {
    oruuid::ParseErrorKind kind;
    std::size_t position;
};

/// The 36-character 8-4-4-4-12 body at `base`, or the 32 digits: the first fault.
inline std::optional<Fault> body_fault(std::string_view t, std::size_t base, bool hyphens) {
    const std::size_t n = hyphens ? 36 : 32;
    for (std::size_t i = 0; i < n; ++i) {
        const char c = t[base + i];
        const bool hyphen_slot = hyphens && (i == 8 || i == 13 || i == 18 || i == 23);
        if (hyphen_slot && c != '-') return Fault{oruuid::ParseErrorKind::invalid_hyphen, base + i};
        if (!hyphen_slot && hex_value(c) < 0) {
            return Fault{c == '-' ? oruuid::ParseErrorKind::invalid_hyphen
                                  : oruuid::ParseErrorKind::invalid_character,
                         base + i};
        }
    }
    return std::nullopt;
}

/// The reference's verdict: nullopt when `t` is a UUID, else the first fault.
inline std::optional<Fault> reference_fault(std::string_view t) {
    using K = oruuid::ParseErrorKind;
    switch (t.size()) {
        case 32:
            return body_fault(t, 0, false);
        case 36:
            return body_fault(t, 0, true);
        case 38:
            if (t[0] != '{') return Fault{K::invalid_brace, 0};
            if (auto f = body_fault(t, 1, true)) return f;
            if (t[37] != '}') return Fault{K::invalid_brace, 37};
            return std::nullopt;
        case 45:
            for (std::size_t i = 0; i < 9; ++i) {
                if (ascii_lower(t[i]) != "urn:uuid:"[i]) return Fault{K::invalid_prefix, i};
            }
            return body_fault(t, 9, true);
        default:
            return Fault{K::invalid_length, t.size()};
    }
}

/// The value of a text the reference accepts: its 32 hex digits, in order.
inline oruuid::Uuid reference_value(std::string_view t) {
    oruuid::Uuid::bytes_type bytes{};
    std::size_t nibbles = 0;
    const std::size_t start = t.size() == 45 ? 9 : t.size() == 38 ? 1 : 0;
    for (std::size_t i = start; i < t.size() && nibbles < 32; ++i) {
        const int v = hex_value(t[i]);
        if (v < 0) continue;  // a hyphen or the closing brace
        bytes[nibbles / 2] =
            static_cast<std::uint8_t>(bytes[nibbles / 2] | (nibbles % 2 ? v : v << 4));
        ++nibbles;
    }
    return oruuid::Uuid(bytes);
}

/// Checks every promise for one input: "" when all hold, else what broke.
inline std::string check_parse(std::string_view text) {
    const std::optional<oruuid::Uuid> parsed = oruuid::parse(text);
    const std::optional<oruuid::ParseError> why = oruuid::explain_parse_error(text);
    const std::optional<Fault> fault = reference_fault(text);

    if (parsed.has_value() == why.has_value()) return "parse and explain_parse_error disagree";
    if (parsed.has_value() == fault.has_value()) return "parse disagrees with the reference";
    if (oruuid::Uuid::parse(text) != parsed) return "Uuid::parse differs from parse";

    // The kernels, on every input long enough for them, SIMD against scalar.
    namespace d = oruuid::detail;
    if (text.size() >= 36) {
        oruuid::Uuid::bytes_type a, b;
        const bool ok = d::parse_hyphenated_scalar(text.data(), a.data());
        if (const d::ParseKernel simd = d::simd_parse_kernel(true)) {
            if (simd(text.data(), b.data()) != ok || (ok && a != b))
                return "hyphenated kernels disagree";
        }
        if (ok != !body_fault(text, 0, true))
            return "hyphenated kernel disagrees with the reference";
    }
    if (text.size() >= 32) {
        oruuid::Uuid::bytes_type a, b;
        const bool ok = d::parse_simple_scalar(text.data(), a.data());
        if (const d::ParseKernel simd = d::simd_parse_kernel(false)) {
            if (simd(text.data(), b.data()) != ok || (ok && a != b))
                return "simple kernels disagree";
        }
        if (ok != !body_fault(text, 0, false)) return "simple kernel disagrees with the reference";
    }

    if (why) {
        if (why->kind != fault->kind || why->position != fault->position) {
            return "explain_parse_error points elsewhere than the reference";
        }
        if (why->length != text.size()) return "ParseError::length is wrong";
        const char expected = why->position < text.size() ? text[why->position] : '\0';
        if (why->character != expected) return "ParseError::character is wrong";
        if (why->message().empty()) return "empty error message";
        return "";
    }

    const oruuid::Uuid u = *parsed;
    if (u != reference_value(text)) return "parse gives a different value from the reference";
    // Formatting the value gives the input back, in lowercase.
    std::string lowered(text);
    for (char& c : lowered) c = ascii_lower(c);
    const oruuid::Style style = text.size() == 32   ? oruuid::Style::simple
                                : text.size() == 38 ? oruuid::Style::braced
                                : text.size() == 45 ? oruuid::Style::urn
                                                    : oruuid::Style::hyphenated;
    if (oruuid::to_string(u, style) != lowered) return "to_string does not give the input back";
    // Every style and case round-trips.
    for (auto s : {oruuid::Style::hyphenated, oruuid::Style::simple, oruuid::Style::urn,
                   oruuid::Style::braced}) {
        for (auto c : {oruuid::Case::lower, oruuid::Case::upper}) {
            if (oruuid::parse(oruuid::to_string(u, s, c)) != u) return "a round trip failed";
        }
    }
    return "";
}

}  // namespace oruuid_fuzz
