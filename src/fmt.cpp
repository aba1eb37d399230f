// src/fmt.cpp: UUID to text, with table-driven scalar kernels and SSSE3 kernels picked at run time.
#include "oruuid/fmt.hpp"
#include "oruuid/detail/platform.hpp"

#include <atomic>
#include <cstring>
#include <ostream>
#include <string_view>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

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

#if defined(__x86_64__)
alignas(16) constexpr char kDigitLuts[2][16] = {
    {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'},
    {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'},
};

// The 32 digits of `bytes`, in order, as two vectors: pshufb maps each nibble to its digit.
__attribute__((target("ssse3"))) inline void hex_digits_ssse3(const std::uint8_t* bytes, bool upper,
                                                              __m128i* first,
                                                              __m128i* second) noexcept {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes));
    const __m128i lut = _mm_load_si128(reinterpret_cast<const __m128i*>(kDigitLuts[upper]));
    const __m128i low_nibble = _mm_set1_epi8(0x0F);
    const __m128i hi = _mm_and_si128(_mm_srli_epi16(v, 4), low_nibble);
    const __m128i lo = _mm_and_si128(v, low_nibble);
    *first = _mm_shuffle_epi8(lut, _mm_unpacklo_epi8(hi, lo));
    *second = _mm_shuffle_epi8(lut, _mm_unpackhi_epi8(hi, lo));
}

__attribute__((target("ssse3"))) void format_simple_ssse3(const std::uint8_t* bytes, char* out,
                                                          bool upper) noexcept {
    __m128i a, b;
    hex_digits_ssse3(bytes, upper, &a, &b);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out), a);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + 16), b);
}

__attribute__((target("ssse3"))) void format_hyphenated_ssse3(const std::uint8_t* bytes, char* out,
                                                              bool upper) noexcept {
    __m128i a, b;  // digits 0-15 and 16-31
    hex_digits_ssse3(bytes, upper, &a, &b);
    // Output 0-15 is digits 0-7 - 8-11 - 12-13; shuffle zeroes the hyphen slots, OR fills them.
    const __m128i head = _mm_or_si128(
        _mm_shuffle_epi8(a, _mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, -1, 8, 9, 10, 11, -1, 12, 13)),
        _mm_setr_epi8(0, 0, 0, 0, 0, 0, 0, 0, '-', 0, 0, 0, 0, '-', 0, 0));
    // Output 16-31 is digits 14-15 - 16-19 - 20-27, all within digits 14-29.
    const __m128i mid = _mm_alignr_epi8(b, a, 14);
    const __m128i body = _mm_or_si128(
        _mm_shuffle_epi8(mid, _mm_setr_epi8(0, 1, -1, 2, 3, 4, 5, -1, 6, 7, 8, 9, 10, 11, 12, 13)),
        _mm_setr_epi8(0, 0, '-', 0, 0, 0, 0, '-', 0, 0, 0, 0, 0, 0, 0, 0));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out), head);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + 16), body);
    const int tail = _mm_cvtsi128_si32(_mm_srli_si128(b, 12));  // digits 28-31
    std::memcpy(out + 32, &tail, 4);
}

#endif

using Kernel = void (*)(const std::uint8_t*, char*, bool) noexcept;

Kernel pick(bool hyphenated) noexcept {
#if defined(__x86_64__)
    if (detail::cpu_supports(detail::CpuFeature::ssse3))
        return hyphenated ? format_hyphenated_ssse3 : format_simple_ssse3;
#endif
    return hyphenated ? format_hyphenated_scalar : format_simple_scalar;
}

// Each pointer starts at a stub that resolves it on first use. Constant-initialised, so
// formatting during another translation unit's static initialisation is safe, and the hot
// path is one relaxed load (racing first calls store the same value).
void resolve_hyphenated(const std::uint8_t* bytes, char* out, bool upper) noexcept;
void resolve_simple(const std::uint8_t* bytes, char* out, bool upper) noexcept;
std::atomic<Kernel> g_hyphenated{resolve_hyphenated};
std::atomic<Kernel> g_simple{resolve_simple};

void resolve_hyphenated(const std::uint8_t* bytes, char* out, bool upper) noexcept {
    const Kernel k = pick(true);
    g_hyphenated.store(k, std::memory_order_relaxed);
    k(bytes, out, upper);
}

void resolve_simple(const std::uint8_t* bytes, char* out, bool upper) noexcept {
    const Kernel k = pick(false);
    g_simple.store(k, std::memory_order_relaxed);
    k(bytes, out, upper);
}

inline void hyphenated(const Uuid& u, char* out, bool upper) noexcept {
    g_hyphenated.load(std::memory_order_relaxed)(u.data(), out, upper);
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

bool format_hyphenated_simd(const std::uint8_t* bytes, char* out, bool upper) noexcept {
#if defined(__x86_64__)
    if (detail::cpu_supports(detail::CpuFeature::ssse3)) {
        format_hyphenated_ssse3(bytes, out, upper);
        return true;
    }
#endif
    (void)bytes, (void)out, (void)upper;
    return false;
}

bool format_simple_simd(const std::uint8_t* bytes, char* out, bool upper) noexcept {
#if defined(__x86_64__)
    if (detail::cpu_supports(detail::CpuFeature::ssse3)) {
        format_simple_ssse3(bytes, out, upper);
        return true;
    }
#endif
    (void)bytes, (void)out, (void)upper;
    return false;
}

}  // namespace detail

void format_to(const Uuid& u, char* out, Style style, Case letter_case) noexcept {
    const bool upper = letter_case == Case::upper;
    switch (style) {
        case Style::simple:
            detail::g_simple.load(std::memory_order_relaxed)(u.data(), out, upper);
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
