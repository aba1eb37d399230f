// src/parser.cpp: strict UUID parsing (scalar table kernels, or SSSE3 ones) and error detail.
#include "oruuid/parser.hpp"

#include <cstring>

#include "internal/config.hpp"
#include "internal/describe.hpp"
#include "internal/lazy.hpp"
#include "internal/platform.hpp"
#include "internal/text_kernels.hpp"

namespace oruuid {
namespace detail {
namespace {

constexpr std::uint8_t kInvalid = 0xFF;

struct NibbleTable {
    std::uint8_t value[256];
};

// Each byte's hex value, or kInvalid; OR-ing lookups and testing 0xF0 checks many at once.
constexpr NibbleTable make_nibbles() {
    NibbleTable t{};
    for (int c = 0; c < 256; ++c) {
        if (c >= '0' && c <= '9') {
            t.value[c] = static_cast<std::uint8_t>(c - '0');
        } else if (c >= 'a' && c <= 'f') {
            t.value[c] = static_cast<std::uint8_t>(c - 'a' + 10);
        } else if (c >= 'A' && c <= 'F') {
            t.value[c] = static_cast<std::uint8_t>(c - 'A' + 10);
        } else {
            t.value[c] = kInvalid;
        }
    }
    return t;
}

constexpr NibbleTable kNibbles = make_nibbles();

inline std::uint8_t nibble(char c) noexcept {
    return kNibbles.value[static_cast<unsigned char>(c)];
}

inline bool is_hyphen_position(std::size_t i) noexcept {
    return i == 8 || i == 13 || i == 18 || i == 23;
}

// Where digit pair `i` starts: 2i, plus one for each hyphen before it in the 8-4-4-4-12 form.
template <bool Hyphenated>
constexpr int pair_offset(int i) noexcept {
    return 2 * i + (Hyphenated ? (i >= 4) + (i >= 6) + (i >= 8) + (i >= 10) : 0);
}

// Decodes digit pairs First..First+7 into one 64-bit half, ORing every nibble into `bad`.
// Registers only: byte stores followed by a 16-byte load would stall store forwarding.
template <bool Hyphenated, int First>
ORUUID_NO_AUTO_VECTORIZE inline std::uint64_t decode_half(const char* text,
                                                          unsigned* bad) noexcept {
    std::uint64_t half = 0;
    unsigned seen = 0;
#pragma GCC unroll 8  // -O2 would keep the loop
    for (int i = First; i < First + 8; ++i) {
        const unsigned hi = nibble(text[pair_offset<Hyphenated>(i)]);
        const unsigned lo = nibble(text[pair_offset<Hyphenated>(i) + 1]);
        seen |= hi | lo;
        half = (half << 8) | (hi << 4) | lo;
    }
    *bad |= seen;
    return half;
}

// Decodes the 16 digit pairs, unless `ok` is false.
template <bool Hyphenated>
ORUUID_NO_AUTO_VECTORIZE inline bool decode_scalar(const char* text, bool ok,
                                                   std::uint8_t* out) noexcept {
    unsigned bad = 0;
    const std::uint64_t hi = decode_half<Hyphenated, 0>(text, &bad);
    const std::uint64_t lo = decode_half<Hyphenated, 8>(text, &bad);
    if ((bad & 0xF0) != 0 || !ok) return false;
    std::memcpy(out, Uuid::from_u64(hi, lo).data(), 16);
    return true;
}

ParseKernel pick_hyphenated() noexcept {
    if (ParseKernel k = simd_parse_kernel(true)) return k;
    return parse_hyphenated_scalar;
}

ParseKernel pick_simple() noexcept {
    if (ParseKernel k = simd_parse_kernel(false)) return k;
    return parse_simple_scalar;
}

inline bool hyphenated(const char* text, std::uint8_t* out) noexcept {
    return Dispatch<pick_hyphenated>::call(text, out);
}

// "urn:uuid:" in any case. OR-ing 0x20 folds case for letters only: ':' must match exactly,
// since 0x1A | 0x20 would also give ':'. Eight bytes are compared as one word.
inline bool has_urn_prefix(const char* p) noexcept {
    static constexpr char kFold[8] = {0x20, 0x20, 0x20, 0, 0x20, 0x20, 0x20, 0x20};
    std::uint64_t word, fold, prefix;
    std::memcpy(&word, p, 8);
    std::memcpy(&fold, kFold, 8);
    std::memcpy(&prefix, "urn:uuid", 8);
    return (word | fold) == prefix && p[8] == ':';
}

}  // namespace

ORUUID_NO_AUTO_VECTORIZE bool parse_hyphenated_scalar(const char* text,
                                                      std::uint8_t* out) noexcept {
    const bool hyphens_ok = text[8] == '-' && text[13] == '-' && text[18] == '-' && text[23] == '-';
    return decode_scalar<true>(text, hyphens_ok, out);
}

ORUUID_NO_AUTO_VECTORIZE bool parse_simple_scalar(const char* text, std::uint8_t* out) noexcept {
    return decode_scalar<false>(text, true, out);
}

ParseKernel simd_parse_kernel(bool hyphenated) noexcept {
#if ORUUID_X86_KERNELS
    if (cpu_supports(CpuFeature::ssse3))
        return hyphenated ? parse_hyphenated_ssse3 : parse_simple_ssse3;
#endif
    (void)hyphenated;
    return nullptr;
}

}  // namespace detail

std::optional<Uuid> parse(std::string_view text) noexcept {
    const char* p = text.data();
    Uuid::bytes_type b;
    bool ok;
    switch (text.size()) {
        case 36:
            ok = detail::hyphenated(p, b.data());
            break;
        case 32:
            ok = detail::Dispatch<detail::pick_simple>::call(p, b.data());
            break;
        case 38:
            ok = p[0] == '{' && p[37] == '}' && detail::hyphenated(p + 1, b.data());
            break;
        case 45:
            ok = detail::has_urn_prefix(p) && detail::hyphenated(p + 9, b.data());
            break;
        default:
            return std::nullopt;
    }
    if (!ok) return std::nullopt;
    return Uuid(b);
}

std::optional<Uuid> Uuid::parse(std::string_view text) noexcept {
    return oruuid::parse(text);
}

namespace {

ParseError make_error(ParseErrorKind kind, std::size_t position, std::string_view text) noexcept {
    ParseError e;
    e.kind = kind;
    e.position = position;
    e.character = position < text.size() ? text[position] : '\0';
    e.length = text.size();
    return e;
}

// The first bad character of the 36- or 32-character body starting at `base`.
std::optional<ParseError> check_body(std::string_view text, std::size_t base,
                                     bool hyphenated) noexcept {
    const std::size_t n = hyphenated ? 36 : 32;
    for (std::size_t i = 0; i < n; ++i) {
        const char c = text[base + i];
        if (hyphenated && detail::is_hyphen_position(i)) {
            if (c != '-') return make_error(ParseErrorKind::invalid_hyphen, base + i, text);
        } else if (detail::nibble(c) == detail::kInvalid) {
            return make_error(
                c == '-' ? ParseErrorKind::invalid_hyphen : ParseErrorKind::invalid_character,
                base + i, text);
        }
    }
    return std::nullopt;
}

}  // namespace

std::optional<ParseError> explain_parse_error(std::string_view text) noexcept {
    switch (text.size()) {
        case 36:
            return check_body(text, 0, true);
        case 32:
            return check_body(text, 0, false);
        case 38:
            if (text[0] != '{') return make_error(ParseErrorKind::invalid_brace, 0, text);
            if (auto e = check_body(text, 1, true)) return e;
            if (text[37] != '}') return make_error(ParseErrorKind::invalid_brace, 37, text);
            return std::nullopt;
        case 45: {
            static constexpr char kPrefix[] = "urn:uuid:";
            for (std::size_t i = 0; i < 9; ++i) {
                char c = text[i];
                if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
                if (c != kPrefix[i]) return make_error(ParseErrorKind::invalid_prefix, i, text);
            }
            return check_body(text, 9, true);
        }
        default:
            return make_error(ParseErrorKind::invalid_length, text.size(), text);
    }
}

std::string ParseError::message() const {
    const std::string at = " at position " + std::to_string(position);
    switch (kind) {
        case ParseErrorKind::invalid_length:
            return "invalid length " + std::to_string(length) +
                   ": expected 32, 36, 38 or 45 characters";
        case ParseErrorKind::invalid_character:
            return "invalid character " + detail::describe_byte(character) + at +
                   ": expected a hex digit";
        case ParseErrorKind::invalid_hyphen:
            if (character == '-') return "unexpected '-'" + at + ": expected a hex digit";
            return "invalid character " + detail::describe_byte(character) + at + ": expected '-'";
        case ParseErrorKind::invalid_prefix:
            return "invalid character " + detail::describe_byte(character) + at +
                   ": a 45-character UUID must start with 'urn:uuid:'";
        case ParseErrorKind::invalid_brace:
            return "invalid character " + detail::describe_byte(character) + at + ": expected '" +
                   (position == 0 ? "{" : "}") + "' (a 38-character UUID is braced)";
    }
    return "invalid UUID" + at;
}

}  // namespace oruuid
