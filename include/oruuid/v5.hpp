// oruuid/v5.hpp: version 5, the SHA-1 of a name in a namespace (RFC 9562 §5.5).
#pragma once

#include <cstddef>
#include <string_view>

#include "oruuid/export.hpp"
#include "oruuid/uuid.hpp"

namespace oruuid {

/// The first 16 bytes of SHA-1(namespace bytes || name), version 5 and the RFC variant set.
ORUUID_API Uuid uuid5(const Uuid& namespace_id, const void* name, std::size_t size) noexcept;
inline Uuid uuid5(const Uuid& namespace_id, std::string_view name) noexcept {
    return uuid5(namespace_id, name.data(), name.size());
}

}  // namespace oruuid
