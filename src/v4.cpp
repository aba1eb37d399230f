// src/v4.cpp: version 4 from the per-thread CSPRNG.
#include "oruuid/v4.hpp"

#include "oruuid/builder.hpp"
#include "oruuid/random.hpp"

namespace oruuid {

Uuid uuid4() noexcept {
    Uuid::bytes_type bytes;
    fill_random(bytes.data(), bytes.size());
    return build::from_digest(bytes, 4);
}

void uuid4_many(Uuid* out, std::size_t n) noexcept {
    static_assert(sizeof(Uuid) == 16, "Uuid must be exactly its bytes");
    fill_random(out, n * sizeof(Uuid));
    for (std::size_t i = 0; i < n; ++i) out[i] = build::with_version(out[i], 4);
}

}  // namespace oruuid
