// src/encode.cpp: ULID base32, base58 and base64url text of a UUID's 128 bits (see encode.hpp).
#include "oruuid/encode.hpp"

#include <cstdint>
#include <cstring>

#include "internal/describe.hpp"

namespace oruuid {
namespace {

constexpr std::uint8_t kInvalid = 0xFF;

constexpr char kBase32[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";  // Crockford, no I L O U
constexpr char kBase58[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
constexpr char kBase64url[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";  // RFC 4648 §5

struct DigitTable {
    std::uint8_t value[256];
};

// Each byte's digit value in `digits` (of `radix` characters), or kInvalid; with
// `fold`, lower-case letters read as upper-case ones (base32 ignores case).
constexpr DigitTable make_table(const char* digits, int radix, bool fold) {
    DigitTable t{};
    for (int c = 0; c < 256; ++c) t.value[c] = kInvalid;
    for (int d = 0; d < radix; ++d) {
        const auto c = static_cast<unsigned char>(digits[d]);
        t.value[c] = static_cast<std::uint8_t>(d);
        if (fold && c >= 'A' && c <= 'Z') t.value[c - 'A' + 'a'] = static_cast<std::uint8_t>(d);
    }
    return t;
}

constexpr DigitTable kBase32Values = make_table(kBase32, 32, true);
constexpr DigitTable kBase58Values = make_table(kBase58, 58, false);
constexpr DigitTable kBase64urlValues = make_table(kBase64url, 64, false);

inline std::uint8_t digit(const DigitTable& t, char c) noexcept {
    return t.value[static_cast<unsigned char>(c)];
}

constexpr std::uint64_t kLow60 = (std::uint64_t{1} << 60) - 1;

// --- base32 ----------------------------------------------------------------------
//
// The 128 bits as 26 five-bit digits, most significant first, with two zero bits
// on top. Split as 2 + 12 + 12 digits, they are 8, 60 and 60 bits:
//
//     char  0-1          2-13                   14-25
//          [00 aaaaaaaa][bbbb ... 60 bits ... b][cccc ... 60 bits ... c]
//     hi = a << 56 | b >> 4                lo = (b & 0xF) << 60 | c

void encode_base32(const Uuid& u, char* out) noexcept {
    const std::uint64_t hi = u.high(), lo = u.low();
    const std::uint64_t a = hi >> 56;
    const std::uint64_t b = ((hi << 4) | (lo >> 60)) & kLow60;
    const std::uint64_t c = lo & kLow60;
    out[0] = kBase32[a >> 5];
    out[1] = kBase32[a & 31];
    for (int i = 0; i < 12; ++i) {
        out[2 + i] = kBase32[(b >> (55 - 5 * i)) & 31];
        out[14 + i] = kBase32[(c >> (55 - 5 * i)) & 31];
    }
}

// 12 base32 digits at `p` as 60 bits, ORing every digit value into `bad`.
inline std::uint64_t base32_60(const char* p, unsigned* bad) noexcept {
    std::uint64_t v = 0;
    unsigned seen = 0;
    for (int i = 0; i < 12; ++i) {
        const unsigned d = digit(kBase32Values, p[i]);
        seen |= d;
        v = (v << 5) | (d & 31);
    }
    *bad |= seen;
    return v;
}

std::optional<Uuid> decode_base32(const char* p) noexcept {
    const unsigned d0 = digit(kBase32Values, p[0]), d1 = digit(kBase32Values, p[1]);
    unsigned bad = d1;
    const std::uint64_t b = base32_60(p + 2, &bad);
    const std::uint64_t c = base32_60(p + 14, &bad);
    if ((bad & ~31u) || d0 > 7) return std::nullopt;  // the first digit holds 3 bits: 0-7
    const std::uint64_t a = (std::uint64_t{d0} << 5) | d1;
    return Uuid::from_u64((a << 56) | (b >> 4), ((b & 0xF) << 60) | c);
}

// --- base58 ----------------------------------------------------------------------
//
// The 128-bit number in base 58, 22 digits, left-padded with the zero digit '1'.
// Arithmetic on four 32-bit limbs (most significant first) in steps of 58^5, which
// fits 32 bits, so every product and quotient fits 64 bits without a 128-bit type:
// 22 digits = 2 + 4 * 5.

constexpr std::uint32_t kPow58_5 = 58u * 58u * 58u * 58u * 58u;  // 656,356,768

struct Limbs {
    std::uint32_t w[4];
};

inline Limbs to_limbs(const Uuid& u) noexcept {
    const std::uint64_t hi = u.high(), lo = u.low();
    return Limbs{{static_cast<std::uint32_t>(hi >> 32), static_cast<std::uint32_t>(hi),
                  static_cast<std::uint32_t>(lo >> 32), static_cast<std::uint32_t>(lo)}};
}

// Divides `x` by `d` in place; returns the remainder.
inline std::uint32_t divide(Limbs& x, std::uint32_t d) noexcept {
    std::uint64_t rem = 0;
    for (std::uint32_t& w : x.w) {
        const std::uint64_t cur = (rem << 32) | w;
        w = static_cast<std::uint32_t>(cur / d);
        rem = cur % d;
    }
    return static_cast<std::uint32_t>(rem);
}

// x = x * m + add; false when the result needs more than 128 bits.
inline bool multiply_add(Limbs& x, std::uint32_t m, std::uint32_t add) noexcept {
    std::uint64_t carry = add;
    for (int i = 3; i >= 0; --i) {
        const std::uint64_t cur = std::uint64_t{x.w[i]} * m + carry;
        x.w[i] = static_cast<std::uint32_t>(cur);
        carry = cur >> 32;
    }
    return carry == 0;
}

void encode_base58(const Uuid& u, char* out) noexcept {
    Limbs x = to_limbs(u);
    for (int group = 3; group >= 0; --group) {
        std::uint32_t r = divide(x, kPow58_5);
        char* p = out + 2 + 5 * group;
        for (int i = 4; i >= 0; --i) {
            p[i] = kBase58[r % 58];
            r /= 58;
        }
    }
    const std::uint32_t top = x.w[3];  // < 2^128 / 58^20 < 58^2
    out[0] = kBase58[top / 58];
    out[1] = kBase58[top % 58];
}

std::optional<Uuid> decode_base58(const char* p) noexcept {
    unsigned bad = 0;
    auto chunk = [&](const char* q, int n) {
        std::uint32_t v = 0;
        for (int i = 0; i < n; ++i) {
            const unsigned d = digit(kBase58Values, q[i]);
            bad |= d;
            v = v * 58 + (d & 63);
        }
        return v;
    };
    Limbs x{{0, 0, 0, chunk(p, 2)}};
    bool fits = true;
    for (int group = 0; group < 4; ++group) {
        fits &= multiply_add(x, kPow58_5, chunk(p + 2 + 5 * group, 5));
    }
    if ((bad & ~63u) || !fits) return std::nullopt;  // kInvalid has bit 7; digits are < 58
    return Uuid::from_u64((std::uint64_t{x.w[0]} << 32) | x.w[1],
                          (std::uint64_t{x.w[2]} << 32) | x.w[3]);
}

// --- base64url -------------------------------------------------------------------
//
// RFC 4648 §4 with §5's alphabet: five groups of 3 bytes give 20 characters, and the
// 16th byte gives two more, the second with 4 zero padding bits (§3.5); no '='.

void encode_base64url(const Uuid& u, char* out) noexcept {
    const std::uint8_t* b = u.data();
    for (int g = 0; g < 5; ++g) {
        const std::uint32_t v =
            (std::uint32_t{b[3 * g]} << 16) | (std::uint32_t{b[3 * g + 1]} << 8) | b[3 * g + 2];
        out[4 * g] = kBase64url[v >> 18];
        out[4 * g + 1] = kBase64url[(v >> 12) & 63];
        out[4 * g + 2] = kBase64url[(v >> 6) & 63];
        out[4 * g + 3] = kBase64url[v & 63];
    }
    out[20] = kBase64url[b[15] >> 2];
    out[21] = kBase64url[(b[15] & 3) << 4];
}

std::optional<Uuid> decode_base64url(const char* p) noexcept {
    Uuid::bytes_type b{};
    unsigned bad = 0;
    for (int g = 0; g < 5; ++g) {
        std::uint32_t v = 0;
        for (int i = 0; i < 4; ++i) {
            const unsigned d = digit(kBase64urlValues, p[4 * g + i]);
            bad |= d;
            v = (v << 6) | (d & 63);
        }
        b[3 * g] = static_cast<std::uint8_t>(v >> 16);
        b[3 * g + 1] = static_cast<std::uint8_t>(v >> 8);
        b[3 * g + 2] = static_cast<std::uint8_t>(v);
    }
    const unsigned d20 = digit(kBase64urlValues, p[20]), d21 = digit(kBase64urlValues, p[21]);
    bad |= d20 | d21 | ((d21 & 15) << 6);  // padding bits set: as bad as a bad digit
    if (bad & ~63u) return std::nullopt;
    b[15] = static_cast<std::uint8_t>((d20 << 2) | (d21 >> 4));
    return Uuid(b);
}

const DigitTable& table_of(Alphabet alphabet) noexcept {
    switch (alphabet) {
        case Alphabet::base58:
            return kBase58Values;
        case Alphabet::base64url:
            return kBase64urlValues;
        default:
            return kBase32Values;
    }
}

DecodeError make_error(DecodeErrorKind kind, Alphabet alphabet, std::size_t position,
                       std::string_view text) noexcept {
    DecodeError e;
    e.kind = kind;
    e.alphabet = alphabet;
    e.position = position;
    e.character = position < text.size() ? text[position] : '\0';
    e.length = text.size();
    return e;
}

}  // namespace

const char* alphabet_name(Alphabet alphabet) noexcept {
    switch (alphabet) {
        case Alphabet::base32:
            return "base32";
        case Alphabet::base58:
            return "base58";
        case Alphabet::base64url:
            return "base64url";
    }
    return "?";
}

void encode_to(const Uuid& u, char* out, Alphabet alphabet) noexcept {
    switch (alphabet) {
        case Alphabet::base32:
            encode_base32(u, out);
            return;
        case Alphabet::base58:
            encode_base58(u, out);
            return;
        case Alphabet::base64url:
            encode_base64url(u, out);
            return;
    }
}

std::string encode(const Uuid& u, Alphabet alphabet) {
    std::string s(encoded_size(alphabet), '\0');
    encode_to(u, &s[0], alphabet);
    return s;
}

std::optional<Uuid> decode(std::string_view text, Alphabet alphabet) noexcept {
    if (text.size() != encoded_size(alphabet)) return std::nullopt;
    switch (alphabet) {
        case Alphabet::base32:
            return decode_base32(text.data());
        case Alphabet::base58:
            return decode_base58(text.data());
        case Alphabet::base64url:
            return decode_base64url(text.data());
    }
    return std::nullopt;
}

std::optional<DecodeError> explain_decode_error(std::string_view text, Alphabet alphabet) noexcept {
    if (text.size() != encoded_size(alphabet)) {
        return make_error(DecodeErrorKind::invalid_length, alphabet, text.size(), text);
    }
    const DigitTable& table = table_of(alphabet);
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (digit(table, text[i]) == kInvalid) {
            return make_error(DecodeErrorKind::invalid_character, alphabet, i, text);
        }
    }
    if (alphabet == Alphabet::base32 && digit(table, text[0]) > 7) {
        return make_error(DecodeErrorKind::overflow, alphabet, 0, text);
    }
    if (alphabet == Alphabet::base58 && !decode(text, alphabet)) {
        // Every digit is valid, so the value exceeds the max UUID's: the first digit
        // above the max's, after equal ones, is where it does.
        char max_text[22];
        encode_base58(Uuid::max(), max_text);
        std::size_t i = 0;
        while (i < 22 && digit(table, text[i]) == digit(table, max_text[i])) ++i;
        return make_error(DecodeErrorKind::overflow, alphabet, i, text);
    }
    if (alphabet == Alphabet::base64url && (digit(table, text[21]) & 15) != 0) {
        return make_error(DecodeErrorKind::nonzero_padding, alphabet, 21, text);
    }
    return std::nullopt;
}

std::string DecodeError::message() const {
    const std::string name = alphabet_name(alphabet);
    const std::string at = " at position " + std::to_string(position);
    switch (kind) {
        case DecodeErrorKind::invalid_length:
            return "invalid length " + std::to_string(length) + ": " + name + " text has " +
                   std::to_string(encoded_size(alphabet)) + " characters";
        case DecodeErrorKind::invalid_character: {
            std::string m =
                "invalid " + name + " character " + detail::describe_byte(character) + at;
            if (alphabet == Alphabet::base32) {
                const char c = static_cast<char>(character & ~0x20);
                if (c == 'I' || c == 'L' || c == 'O' || c == 'U') {
                    m += " (Crockford base32 has no I, L, O or U)";
                }
            }
            return m;
        }
        case DecodeErrorKind::overflow:
            if (alphabet == Alphabet::base32) {
                return "base32 character " + detail::describe_byte(character) + at +
                       " makes the value exceed 128 bits: the first character must be 0-7";
            }
            return "base58 character " + detail::describe_byte(character) + at +
                   " makes the value exceed 128 bits: the largest is YcVfxkQb6JRzqk5kF2tNLv";
        case DecodeErrorKind::nonzero_padding:
            return "base64url character " + detail::describe_byte(character) + at +
                   " sets bits past the 128th: the last character must be A, Q, g or w";
    }
    return "invalid " + name + " text" + at;
}

}  // namespace oruuid
