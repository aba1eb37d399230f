// src/fmt.cpp: UUID to text: table-driven scalar kernels, or the SSSE3 ones where the CPU has them.
#include "oruuid/fmt.hpp"

#include <cstring>
#include <ostream>
#include <string_view>

#include "internal/config.hpp"
#include "internal/lazy.hpp"
#include "internal/platform.hpp"
#include "internal/text_kernels.hpp"

namespace oruuid {
namespace detail {
namespace {

// Two characters per byte value, so the scalar kernels do one lookup per byte.
struct HexPairs {
    char pair[256][2];
};

constexpr HexPairs make_pairs(const char* digits) {
    HexPairs t{};
    for (int i = 0; i < 256; ++i) {
        t.pair[i][0] = digits[i >> 4];
        t.pair[i][1] = digits[i & 15];
    }
    return t;
}

constexpr HexPairs kLowerPairs = make_pairs("0123456789abcdef");
constexpr HexPairs kUpperPairs = make_pairs("0123456789ABCDEF");

// Where each byte's two digits start in the 8-4-4-4-12 form.
constexpr int kHyphenatedOffsets[16] = {0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34};

FormatKernel pick_hyphenated() noexcept {
    if (FormatKernel k = simd_format_kernel(true)) return k;
    return format_hyphenated_scalar;
}

FormatKernel pick_simple() noexcept {
    if (FormatKernel k = simd_format_kernel(false)) return k;
    return format_simple_scalar;
}

inline void hyphenated(const Uuid& u, char* out, bool upper) noexcept {
    Dispatch<pick_hyphenated>::call(u.data(), out, upper);
}

}  // namespace

void format_hyphenated_scalar(const std::uint8_t* bytes, char* out, bool upper) noexcept {
    const HexPairs& t = upper ? kUpperPairs : kLowerPairs;
#pragma GCC unroll 16
    for (int i = 0; i < 16; ++i) std::memcpy(out + kHyphenatedOffsets[i], t.pair[bytes[i]], 2);
    out[8] = out[13] = out[18] = out[23] = '-';
}

void format_simple_scalar(const std::uint8_t* bytes, char* out, bool upper) noexcept {
    const HexPairs& t = upper ? kUpperPairs : kLowerPairs;
#pragma GCC unroll 16  // -O2 would keep the loop
    for (int i = 0; i < 16; ++i) std::memcpy(out + 2 * i, t.pair[bytes[i]], 2);
}

FormatKernel simd_format_kernel(bool hyphenated) noexcept {
#if ORUUID_X86_KERNELS
    if (cpu_supports(CpuFeature::ssse3))
        return hyphenated ? format_hyphenated_ssse3 : format_simple_ssse3;
#endif
    (void)hyphenated;
    return nullptr;
}

}  // namespace detail

void format_to(const Uuid& u, char* out, Style style, Case letter_case) noexcept {
    const bool upper = letter_case == Case::upper;
    switch (style) {
        case Style::simple:
            detail::Dispatch<detail::pick_simple>::call(u.data(), out, upper);
            return;
        case Style::urn:
            std::memcpy(out, "urn:uuid:", 9);
            detail::hyphenated(u, out + 9, upper);
            return;
        case Style::braced:
            out[0] = '{';
            out[37] = '}';
            detail::hyphenated(u, out + 1, upper);
            return;
        default:
            detail::hyphenated(u, out, upper);
            return;
    }
}

std::string to_string(const Uuid& u) {
    return to_string(u, Style::hyphenated);
}

std::string to_string(const Uuid& u, Style style, Case letter_case) {
    std::string s(formatted_size(style), '\0');
    format_to(u, &s[0], style, letter_case);
    return s;
}

std::ostream& operator<<(std::ostream& os, const Uuid& u) {
    char buf[36];
    format_to(u, buf);
    return os << std::string_view(buf, sizeof buf);  // honours width and fill
}

}  // namespace oruuid
