// oruuid/v3.hpp: version 3, the MD5 of a name in a namespace (RFC 9562 §5.3).
#pragma once

#include <cstddef>
#include <string_view>

#include "oruuid/export.hpp"
#include "oruuid/uuid.hpp"

namespace oruuid {

/// MD5(namespace bytes || name), with version 3 and the RFC variant set.
ORUUID_API Uuid uuid3(const Uuid& namespace_id, const void* name, std::size_t size) noexcept;
inline Uuid uuid3(const Uuid& namespace_id, std::string_view name) noexcept {
    return uuid3(namespace_id, name.data(), name.size());
}

}  // namespace oruuid
