// oruuid/v4.hpp: version 4, 122 random bits (RFC 9562 §5.4).
#pragma once

#include <cstddef>

#include "oruuid/export.hpp"
#include "oruuid/uuid.hpp"

namespace oruuid {

/// A random UUID from the per-thread CSPRNG (see <oruuid/random.hpp>).
ORUUID_API Uuid uuid4() noexcept;

/// Fills `out` with `n` random UUIDs; faster per UUID than calling uuid4() n times.
ORUUID_API void uuid4_many(Uuid* out, std::size_t n) noexcept;

}  // namespace oruuid
