// src/v5.cpp: version 5, SHA-1 of the namespace's bytes followed by the name.
#include "oruuid/v5.hpp"

#include <algorithm>

#include "oruuid/builder.hpp"
#include "oruuid/detail/sha1.hpp"

namespace oruuid {

Uuid uuid5(const Uuid& namespace_id, const void* name, std::size_t size) noexcept {
    detail::Sha1 hash;
    hash.update(namespace_id.data(), 16);
    hash.update(name, size);
    const auto digest = hash.finish();
    Uuid::bytes_type first16;
    std::copy_n(digest.begin(), 16, first16.begin());
    return build::from_digest(first16, 5);
}

}  // namespace oruuid
