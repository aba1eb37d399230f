// src/simd/fmt_ssse3.cpp: the SSSE3 kernels writing the hyphenated and simple forms (-mssse3).
//
// See src/simd/chacha20_avx2.cpp for the rules every file in src/simd/ follows.
#include "internal/config.hpp"
#include "internal/text_kernels.hpp"

#if ORUUID_X86_KERNELS
#include <immintrin.h>

#include <cstring>

namespace oruuid::detail {
namespace {

alignas(16) constexpr char kDigitLuts[2][16] = {
    {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'},
    {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'},
};

// The 32 digits of `bytes`, in order, as two vectors: pshufb maps each nibble to its digit.
inline void hex_digits(const std::uint8_t* bytes, bool upper, __m128i* first,
                       __m128i* second) noexcept {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes));
    const __m128i lut = _mm_load_si128(reinterpret_cast<const __m128i*>(kDigitLuts[upper]));
    const __m128i low_nibble = _mm_set1_epi8(0x0F);
    const __m128i hi = _mm_and_si128(_mm_srli_epi16(v, 4), low_nibble);
    const __m128i lo = _mm_and_si128(v, low_nibble);
    *first = _mm_shuffle_epi8(lut, _mm_unpacklo_epi8(hi, lo));
    *second = _mm_shuffle_epi8(lut, _mm_unpackhi_epi8(hi, lo));
}

}  // namespace

void format_simple_ssse3(const std::uint8_t* bytes, char* out, bool upper) noexcept {
    __m128i a, b;
    hex_digits(bytes, upper, &a, &b);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out), a);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + 16), b);
}

void format_hyphenated_ssse3(const std::uint8_t* bytes, char* out, bool upper) noexcept {
    __m128i a, b;  // digits 0-15 and 16-31
    hex_digits(bytes, upper, &a, &b);
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

}  // namespace oruuid::detail
#endif  // ORUUID_X86_KERNELS
