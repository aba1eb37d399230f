// oruuid/parser.hpp: strict parsing of the canonical UUID text forms, with error detail.
//
// Accepted, with hex digits in either case and nothing else around them:
//   - 36 characters, hyphenated 8-4-4-4-12:  67e55044-10b1-426f-9247-bb680e5fe0c8
//   - 32 hex digits:                         67e5504410b1426f9247bb680e5fe0c8
//   - the hyphenated form in braces:         {67e55044-10b1-426f-9247-bb680e5fe0c8}
//   - the hyphenated form after `urn:uuid:`  (prefix case-insensitive)
// Nothing else: no whitespace, signs, underscores or non-ASCII digits. Python's
// looser `uuid.UUID(str)` rules belong to the Python layer.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "oruuid/export.hpp"
#include "oruuid/uuid.hpp"

namespace oruuid {

enum class ParseErrorKind {
    invalid_length,     ///< no accepted form has this length
    invalid_character,  ///< a character that is not a hex digit where one is required
    invalid_hyphen,     ///< a hyphen missing, or one where a digit should be
    invalid_prefix,     ///< 45 characters not starting with `urn:uuid:`
    invalid_brace,      ///< 38 characters not enclosed in `{` and `}`
};

/// Why a text is not a UUID: what is wrong, and where (a byte offset).
struct ParseError {
    ParseErrorKind kind = ParseErrorKind::invalid_length;
    std::size_t position = 0;  ///< byte offset of the offending character, or the length
    char character = '\0';     ///< the offending byte, when there is one
    std::size_t length = 0;    ///< length of the input

    /// A sentence for humans, e.g. "invalid character 'g' at position 3: expected a hex digit".
    ORUUID_API std::string message() const;
};

/// Parses `text`; the same as `Uuid::parse`.
ORUUID_API std::optional<Uuid> parse(std::string_view text) noexcept;

/// Explains why `parse(text)` fails; nullopt when it succeeds. Slower than `parse`,
/// so call it only after a failure.
ORUUID_API std::optional<ParseError> explain_parse_error(std::string_view text) noexcept;

}  // namespace oruuid
