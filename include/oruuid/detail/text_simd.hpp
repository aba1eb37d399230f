// oruuid/detail/text_simd.hpp: the text kernels at each SIMD level, so tests and benchmarks reach
// them all.
#pragma once

#include <optional>

#include "oruuid/uuid.hpp"

namespace oruuid {
namespace detail {

/// The x86-64 instruction sets the text kernels have versions for.
enum class SimdLevel { ssse3, avx2 };

/// Whether this build and this CPU can run kernels at `level`; checked once, then cached.
bool cpu_supports(SimdLevel level) noexcept;

/// As parse_hyphenated_simd and parse_simple_simd, at one level; nullopt when unsupported.
std::optional<bool> parse_hyphenated_at(SimdLevel level, const char* text, Uuid* out) noexcept;
std::optional<bool> parse_simple_at(SimdLevel level, const char* text, Uuid* out) noexcept;

}  // namespace detail
}  // namespace oruuid
