// src/internal/text_kernels.hpp: the parse and format kernels, scalar and SSSE3, and the choice.
#pragma once

#include <cstdint>

namespace oruuid::detail {

/// Decodes the 36-character hyphenated form (8-4-4-4-12) or the 32 hex digits at `text`
/// (which must be at least that long) into the 16 bytes at `out`. False, with `out`
/// untouched, when the text is malformed.
using ParseKernel = bool (*)(const char* text, std::uint8_t* out) noexcept;

/// Writes the 36 (hyphenated) or 32 (simple) hex characters of the 16 bytes at `bytes`.
using FormatKernel = void (*)(const std::uint8_t* bytes, char* out, bool upper) noexcept;

bool parse_hyphenated_scalar(const char* text, std::uint8_t* out) noexcept;
bool parse_simple_scalar(const char* text, std::uint8_t* out) noexcept;
void format_hyphenated_scalar(const std::uint8_t* bytes, char* out, bool upper) noexcept;
void format_simple_scalar(const std::uint8_t* bytes, char* out, bool upper) noexcept;

/// The vector kernel for each form where this build and CPU have one, else nullptr:
/// what parse and format_to use when it is not null, exposed so that tests and
/// benchmarks can compare the paths.
ParseKernel simd_parse_kernel(bool hyphenated) noexcept;
FormatKernel simd_format_kernel(bool hyphenated) noexcept;

/// The SSSE3 kernels (src/simd/parse_ssse3.cpp, fmt_ssse3.cpp, built only where
/// ORUUID_X86_KERNELS): call them only where the CPU has SSSE3.
bool parse_hyphenated_ssse3(const char* text, std::uint8_t* out) noexcept;
bool parse_simple_ssse3(const char* text, std::uint8_t* out) noexcept;
void format_hyphenated_ssse3(const std::uint8_t* bytes, char* out, bool upper) noexcept;
void format_simple_ssse3(const std::uint8_t* bytes, char* out, bool upper) noexcept;

}  // namespace oruuid::detail
