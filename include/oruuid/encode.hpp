// oruuid/encode.hpp: short text forms of a UUID's 128 bits: ULID base32, base58, base64url.
//
// Each alphabet writes the 128 bits as they are (no version or variant is read or
// set) in a fixed number of characters, so every UUID has exactly one text and the
// texts of one alphabet sort as the UUIDs do (base32 and base58 only: base64url's
// alphabet is not in ASCII order).
//
//   base32     26 characters, Crockford's alphabet 0-9 A-Z without I L O U: the ULID
//              text (github.com/ulid/spec). 26 * 5 = 130 bits, so the first character
//              holds 3 bits and is 0-7. Decoding ignores case; I, L, O and U are
//              rejected, as python-ulid rejects them, rather than read as 1, 1, 0.
//   base58     22 characters, the Bitcoin alphabet (no 0 O I l), the 128-bit number in
//              base 58 left-padded with '1', its zero digit. 58^22 > 2^128, so text
//              above "YcVfxkQb6JRzqk5kF2tNLv" (the max UUID) is rejected.
//   base64url  22 characters, RFC 4648 §5 ("URL and filename safe"), no '=' padding
//              (§3.2). 22 * 6 = 132 bits: the last character's low 4 bits are padding
//              and must be zero (§3.5 lets a decoder insist), so it is one of A Q g w.
//
// Decoding takes exactly the encoder's length and alphabet, nothing around it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "oruuid/export.hpp"
#include "oruuid/uuid.hpp"

namespace oruuid {

enum class Alphabet {
    base32,     ///< Crockford base32, the ULID text: 01ARZ3NDEKTSV4RRFFQ69G5FAV
    base58,     ///< Bitcoin base58, 22 characters: 1111111111111111111112
    base64url,  ///< RFC 4648 §5, 22 characters, unpadded: AAAAAAAAAAAAAAAAAAAAAQ
};

/// The number of characters every text of `alphabet` has.
constexpr std::size_t encoded_size(Alphabet alphabet) noexcept {
    return alphabet == Alphabet::base32 ? 26 : 22;
}

/// The alphabet's name as the Python API spells it: "base32", "base58", "base64url".
ORUUID_API const char* alphabet_name(Alphabet alphabet) noexcept;

/// Writes exactly `encoded_size(alphabet)` characters to `out`, with no terminator.
/// base32 is upper case, as ULIDs are written.
ORUUID_API void encode_to(const Uuid& u, char* out, Alphabet alphabet) noexcept;

/// The text of `u` in `alphabet`.
ORUUID_API std::string encode(const Uuid& u, Alphabet alphabet);

/// The UUID of `text`, or nullopt when it is not a text of `alphabet` (see the
/// header comment); explain_decode_error says why.
ORUUID_API std::optional<Uuid> decode(std::string_view text, Alphabet alphabet) noexcept;

/// The ULID text of `u`: encode(u, Alphabet::base32).
inline std::string to_ulid(const Uuid& u) {
    return encode(u, Alphabet::base32);
}

/// The 128 bits of a ULID text, as they are: decode(text, Alphabet::base32).
inline std::optional<Uuid> from_ulid(std::string_view text) noexcept {
    return decode(text, Alphabet::base32);
}

enum class DecodeErrorKind {
    invalid_length,     ///< not encoded_size(alphabet) characters
    invalid_character,  ///< a byte outside the alphabet
    overflow,           ///< the digits are valid but their value does not fit 128 bits
    nonzero_padding,    ///< base64url: the last character sets a bit past the 128th
};

/// Why a text is not a UUID in some alphabet: what is wrong, and where.
struct DecodeError {
    DecodeErrorKind kind = DecodeErrorKind::invalid_length;
    Alphabet alphabet = Alphabet::base32;
    std::size_t position = 0;  ///< byte offset of the offending character, or the length
    char character = '\0';     ///< the offending byte, when there is one
    std::size_t length = 0;    ///< length of the input

    /// A sentence for humans, e.g. "invalid base58 character '0' at position 3".
    ORUUID_API std::string message() const;
};

/// Explains why `decode(text, alphabet)` fails; nullopt when it succeeds. Slower than
/// `decode`, so call it only after a failure.
ORUUID_API std::optional<DecodeError> explain_decode_error(std::string_view text,
                                                           Alphabet alphabet) noexcept;

}  // namespace oruuid
