// src/internal/describe.hpp: how a byte reads in an error message, for the parser and the decoders.
#pragma once

#include <string>

namespace oruuid::detail {

/// Quoted when printable, else in hex ("'g'", "byte 0x00").
inline std::string describe_byte(char c) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7F) return std::string("'") + c + "'";
    static constexpr char kHex[] = "0123456789abcdef";
    return std::string("byte 0x") + kHex[u >> 4] + kHex[u & 15];
}

}  // namespace oruuid::detail
