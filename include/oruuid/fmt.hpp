// oruuid/fmt.hpp: UUID to text, hyphenated, simple, URN or braced, lower or upper case.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>

#include "oruuid/export.hpp"
#include "oruuid/uuid.hpp"

namespace oruuid {

enum class Style {
    hyphenated,  ///< 67e55044-10b1-426f-9247-bb680e5fe0c8 (RFC 9562 §4)
    simple,      ///< 67e5504410b1426f9247bb680e5fe0c8, Python's `UUID.hex`
    urn,         ///< urn:uuid:67e55044-10b1-426f-9247-bb680e5fe0c8 (RFC 9562 §4)
    braced,      ///< {67e55044-10b1-426f-9247-bb680e5fe0c8}
};

enum class Case { lower, upper };

/// The number of characters `format_to` writes for `style`.
constexpr std::size_t formatted_size(Style style) noexcept {
    switch (style) {
        case Style::simple:
            return 32;
        case Style::urn:
            return 45;
        case Style::braced:
            return 38;
        default:
            return 36;
    }
}

/// Writes exactly `formatted_size(style)` characters to `out`, with no terminator.
ORUUID_API void format_to(const Uuid& u, char* out, Style style = Style::hyphenated,
                          Case letter_case = Case::lower) noexcept;

/// Lowercase hyphenated text, as RFC 9562 recommends.
ORUUID_API std::string to_string(const Uuid& u);
ORUUID_API std::string to_string(const Uuid& u, Style style, Case letter_case = Case::lower);

ORUUID_API std::ostream& operator<<(std::ostream& os, const Uuid& u);

}  // namespace oruuid
