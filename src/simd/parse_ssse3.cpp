// src/simd/parse_ssse3.cpp: the SSSE3 kernels reading the hyphenated and simple forms (-mssse3).
//
// See src/simd/chacha20_avx2.cpp for the rules every file in src/simd/ follows.
#include "internal/config.hpp"
#include "internal/text_kernels.hpp"

#if ORUUID_X86_KERNELS
#include <immintrin.h>

namespace oruuid::detail {
namespace {

// For 16 ASCII characters: all-ones lanes where the character is a hex digit, and each
// character's value (meaningless where it is not a digit). Bias by 0x80 so that a signed
// compare does the unsigned range check.
inline __m128i hex_values(__m128i c, __m128i* valid) noexcept {
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
inline void pack(__m128i v0, __m128i v1, std::uint8_t* out) noexcept {
    const __m128i weights = _mm_set1_epi16(0x0110);  // bytes 16, 1: hi * 16 + lo
    const __m128i packed =
        _mm_packus_epi16(_mm_maddubs_epi16(v0, weights), _mm_maddubs_epi16(v1, weights));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out), packed);
}

// Loads the 36 characters as three overlapping vectors, checks the hyphens, and gathers the
// 32 digits into two vectors (shuffle indices of -1 give zero, so OR merges two sources).
inline bool gather_hyphenated(const char* text, __m128i* d0, __m128i* d1) noexcept {
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

}  // namespace

bool parse_simple_ssse3(const char* text, std::uint8_t* out) noexcept {
    __m128i valid0, valid1;
    const __m128i v0 = hex_values(_mm_loadu_si128(reinterpret_cast<const __m128i*>(text)), &valid0);
    const __m128i v1 =
        hex_values(_mm_loadu_si128(reinterpret_cast<const __m128i*>(text + 16)), &valid1);
    if (_mm_movemask_epi8(_mm_and_si128(valid0, valid1)) != 0xFFFF) return false;
    pack(v0, v1, out);
    return true;
}

bool parse_hyphenated_ssse3(const char* text, std::uint8_t* out) noexcept {
    __m128i d0, d1, valid0, valid1;
    const bool hyphens_ok = gather_hyphenated(text, &d0, &d1);
    const __m128i v0 = hex_values(d0, &valid0);
    const __m128i v1 = hex_values(d1, &valid1);
    if (!hyphens_ok || _mm_movemask_epi8(_mm_and_si128(valid0, valid1)) != 0xFFFF) return false;
    pack(v0, v1, out);
    return true;
}

}  // namespace oruuid::detail
#endif  // ORUUID_X86_KERNELS
