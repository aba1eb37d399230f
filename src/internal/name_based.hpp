// src/internal/name_based.hpp: v3 and v5, a hash of namespace and name (RFC 9562 §5.3, §5.5).
#pragma once

#include <algorithm>
#include <cstddef>

#include "oruuid/builder.hpp"
#include "oruuid/uuid.hpp"

namespace oruuid::detail {

/// Hash(namespace bytes || name), its first 16 bytes with `version` and the variant set.
template <typename Hash>
Uuid name_based(const Uuid& namespace_id, const void* name, std::size_t size,
                int version) noexcept {
    Hash hash;
    hash.update(namespace_id.data(), 16);
    hash.update(name, size);
    const auto digest = hash.finish();
    Uuid::bytes_type first16;
    std::copy_n(digest.begin(), 16, first16.begin());
    return build::from_digest(first16, version);
}

}  // namespace oruuid::detail
