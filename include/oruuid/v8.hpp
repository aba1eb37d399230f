// oruuid/v8.hpp: version 8, custom data in CPython 3.14's layout (RFC 9562 §5.8).
#pragma once

#include <cstdint>
#include <optional>

#include "oruuid/export.hpp"
#include "oruuid/uuid.hpp"

namespace oruuid {

/// `a` fills the top 48 bits, `b` the 12 bits after the version, `c` the 62 bits
/// after the variant; each is masked to its width, and a missing one is random.
ORUUID_API Uuid uuid8(std::optional<std::uint64_t> a = std::nullopt,
                      std::optional<std::uint16_t> b = std::nullopt,
                      std::optional<std::uint64_t> c = std::nullopt);

}  // namespace oruuid
