// src/parser.cpp: strict UUID parsing (scalar table kernels, SSSE3 kernels) and error detail.
#include "oruuid/parser.hpp"
#include "oruuid/detail/platform.hpp"

#include <atomic>
#include <cstring>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

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

// With -mavx2 or -march=native, GCC's vectoriser shuffles the scalar decode through the
// stack and makes it 3-8x slower; this is the fallback, so keep it scalar.
#if defined(__GNUC__) && !defined(__clang__)
#define ORUUID_SCALAR_ONLY __attribute__((optimize("no-tree-vectorize")))
#else
#define ORUUID_SCALAR_ONLY
#endif

// Where digit pair `i` starts: 2i, plus one for each hyphen before it in the 8-4-4-4-12 form.
template <bool Hyphenated>
constexpr int pair_offset(int i) noexcept {
    return 2 * i + (Hyphenated ? (i >= 4) + (i >= 6) + (i >= 8) + (i >= 10) : 0);
}

// Decodes digit pairs First..First+7 into one 64-bit half, ORing every nibble into `bad`.
// Registers only: byte stores followed by a 16-byte load would stall store forwarding.
template <bool Hyphenated, int First>
ORUUID_SCALAR_ONLY inline std::uint64_t decode_half(const char* text, unsigned* bad) noexcept {
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
ORUUID_SCALAR_ONLY inline bool decode_scalar(const char* text, bool ok, Uuid* out) noexcept {
    unsigned bad = 0;
    const std::uint64_t hi = decode_half<Hyphenated, 0>(text, &bad);
    const std::uint64_t lo = decode_half<Hyphenated, 8>(text, &bad);
    if ((bad & 0xF0) != 0 || !ok) return false;
    *out = Uuid::from_u64(hi, lo);
    return true;
}

#if defined(__x86_64__)
// For 16 ASCII characters: all-ones lanes where the character is a hex digit, and each
// character's value (meaningless where it is not a digit). Bias by 0x80 so that a signed
// compare does the unsigned range check.
__attribute__((target("ssse3"))) inline __m128i hex_values_ssse3(__m128i c,
                                                                 __m128i* valid) noexcept {
    const __m128i digit =
        _mm_cmpgt_epi8(_mm_set1_epi8(-128 + 10), _mm_add_epi8(c, _mm_set1_epi8(0x80 - '0')));
    const __m128i alpha = _mm_cmpgt_epi8(
        _mm_set1_epi8(-128 + 6),
        _mm_add_epi8(_mm_or_si128(c, _mm_set1_epi8(0x20)), _mm_set1_epi8(0x80 - 'a')));
    *valid = _mm_or_si128(digit, alpha);
    // '0'-'9' are 0x30-0x39 and letters 0x41-0x46/0x61-0x66: low nibble, plus 9 for letters.
    return _mm_add_epi8(_mm_and_si128(c, _mm_set1_epi8(0x0F)),
                        _mm_and_si128(alpha, _mm_set1_epi8(9)));
}

// Packs 32 digit values (two vectors) into 16 bytes, high nibble first.
__attribute__((target("ssse3"))) inline void pack_ssse3(__m128i v0, __m128i v1,
                                                        Uuid* out) noexcept {
    const __m128i weights = _mm_set1_epi16(0x0110);  // bytes 16, 1: hi * 16 + lo
    const __m128i packed =
        _mm_packus_epi16(_mm_maddubs_epi16(v0, weights), _mm_maddubs_epi16(v1, weights));
    Uuid::bytes_type b;
    _mm_storeu_si128(reinterpret_cast<__m128i*>(b.data()), packed);
    *out = Uuid(b);
}

__attribute__((target("ssse3"))) bool parse_simple_ssse3(const char* text, Uuid* out) noexcept {
    __m128i valid0, valid1;
    const __m128i v0 =
        hex_values_ssse3(_mm_loadu_si128(reinterpret_cast<const __m128i*>(text)), &valid0);
    const __m128i v1 =
        hex_values_ssse3(_mm_loadu_si128(reinterpret_cast<const __m128i*>(text + 16)), &valid1);
    if (_mm_movemask_epi8(_mm_and_si128(valid0, valid1)) != 0xFFFF) return false;
    pack_ssse3(v0, v1, out);
    return true;
}

// Loads the 36 characters as three overlapping vectors, checks the hyphens, and gathers the
// 32 digits into two vectors (shuffle indices of -1 give zero, so OR merges two sources).
__attribute__((target("ssse3"))) inline bool gather_hyphenated_ssse3(const char* text, __m128i* d0,
                                                                     __m128i* d1) noexcept {
    const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text));       // 0-15
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text + 16));  // 16-31
    const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text + 20));  // 20-35
    const __m128i dash = _mm_set1_epi8('-');
    const unsigned hyphens =
        static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(a, dash))) |
        (static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(b, dash))) << 16);
    constexpr unsigned kHyphenBits = (1u << 8) | (1u << 13) | (1u << 18) | (1u << 23);
    // Digits 0-15 are characters 0-7, 9-12, 14-17; digits 16-31 are 19-22, 24-35.
    *d0 = _mm_or_si128(
        _mm_shuffle_epi8(a, _mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 14, 15, -1, -1)),
        _mm_shuffle_epi8(
            b, _mm_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0, 1)));
    *d1 = _mm_or_si128(_mm_shuffle_epi8(b, _mm_setr_epi8(3, 4, 5, 6, -1, -1, -1, -1, -1, -1, -1, -1,
                                                         -1, -1, -1, -1)),
                       _mm_shuffle_epi8(c, _mm_setr_epi8(-1, -1, -1, -1, 4, 5, 6, 7, 8, 9, 10, 11,
                                                         12, 13, 14, 15)));
    return (hyphens & kHyphenBits) == kHyphenBits;
}

__attribute__((target("ssse3"))) bool parse_hyphenated_ssse3(const char* text, Uuid* out) noexcept {
    __m128i d0, d1, valid0, valid1;
    const bool hyphens_ok = gather_hyphenated_ssse3(text, &d0, &d1);
    const __m128i v0 = hex_values_ssse3(d0, &valid0);
    const __m128i v1 = hex_values_ssse3(d1, &valid1);
    if (!hyphens_ok || _mm_movemask_epi8(_mm_and_si128(valid0, valid1)) != 0xFFFF) return false;
    pack_ssse3(v0, v1, out);
    return true;
}

#endif

using Kernel = bool (*)(const char*, Uuid*) noexcept;

Kernel pick(bool hyphenated) noexcept {
#if defined(__x86_64__)
    if (detail::cpu_supports(detail::CpuFeature::ssse3))
        return hyphenated ? parse_hyphenated_ssse3 : parse_simple_ssse3;
#endif
    return hyphenated ? parse_hyphenated_scalar : parse_simple_scalar;
}

// Each pointer starts at a stub that resolves it on first use. Constant-initialised, so
// parsing during another translation unit's static initialisation is safe, and the hot
// path is one relaxed load (racing first calls store the same value).
bool resolve_hyphenated(const char* text, Uuid* out) noexcept;
bool resolve_simple(const char* text, Uuid* out) noexcept;
std::atomic<Kernel> g_hyphenated{resolve_hyphenated};
std::atomic<Kernel> g_simple{resolve_simple};

bool resolve_hyphenated(const char* text, Uuid* out) noexcept {
    const Kernel k = pick(true);
    g_hyphenated.store(k, std::memory_order_relaxed);
    return k(text, out);
}

bool resolve_simple(const char* text, Uuid* out) noexcept {
    const Kernel k = pick(false);
    g_simple.store(k, std::memory_order_relaxed);
    return k(text, out);
}

inline bool hyphenated(const char* text, Uuid* out) noexcept {
    return g_hyphenated.load(std::memory_order_relaxed)(text, out);
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

ORUUID_SCALAR_ONLY bool parse_hyphenated_scalar(const char* text, Uuid* out) noexcept {
    const bool hyphens_ok = text[8] == '-' && text[13] == '-' && text[18] == '-' && text[23] == '-';
    return decode_scalar<true>(text, hyphens_ok, out);
}

ORUUID_SCALAR_ONLY bool parse_simple_scalar(const char* text, Uuid* out) noexcept {
    return decode_scalar<false>(text, true, out);
}

std::optional<bool> parse_hyphenated_simd(const char* text, Uuid* out) noexcept {
#if defined(__x86_64__)
    if (detail::cpu_supports(detail::CpuFeature::ssse3)) return parse_hyphenated_ssse3(text, out);
#endif
    (void)text, (void)out;
    return std::nullopt;
}

std::optional<bool> parse_simple_simd(const char* text, Uuid* out) noexcept {
#if defined(__x86_64__)
    if (detail::cpu_supports(detail::CpuFeature::ssse3)) return parse_simple_ssse3(text, out);
#endif
    (void)text, (void)out;
    return std::nullopt;
}

}  // namespace detail

std::optional<Uuid> parse(std::string_view text) noexcept {
    const char* p = text.data();
    Uuid u;
    bool ok;
    switch (text.size()) {
        case 36:
            ok = detail::hyphenated(p, &u);
            break;
        case 32:
            ok = detail::g_simple.load(std::memory_order_relaxed)(p, &u);
            break;
        case 38:
            ok = p[0] == '{' && p[37] == '}' && detail::hyphenated(p + 1, &u);
            break;
        case 45:
            ok = detail::has_urn_prefix(p) && detail::hyphenated(p + 9, &u);
            break;
        default:
            return std::nullopt;
    }
    if (!ok) return std::nullopt;
    return u;
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

// How a byte reads in a message: quoted when printable, else in hex.
std::string describe(char c) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7F) return std::string("'") + c + "'";
    static constexpr char kHex[] = "0123456789abcdef";
    return std::string("byte 0x") + kHex[u >> 4] + kHex[u & 15];
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
            return "invalid character " + describe(character) + at + ": expected a hex digit";
        case ParseErrorKind::invalid_hyphen:
            if (character == '-') return "unexpected '-'" + at + ": expected a hex digit";
            return "invalid character " + describe(character) + at + ": expected '-'";
        case ParseErrorKind::invalid_prefix:
            return "invalid character " + describe(character) + at +
                   ": a 45-character UUID must start with 'urn:uuid:'";
        case ParseErrorKind::invalid_brace:
            return "invalid character " + describe(character) + at + ": expected '" +
                   (position == 0 ? "{" : "}") + "' (a 38-character UUID is braced)";
    }
    return "invalid UUID" + at;
}

}  // namespace oruuid
