// src/v3.cpp: version 3, MD5 of the namespace's bytes followed by the name.
#include "oruuid/v3.hpp"

#include <algorithm>

#include "oruuid/builder.hpp"
#include "oruuid/detail/md5.hpp"

namespace oruuid {

Uuid uuid3(const Uuid& namespace_id, const void* name, std::size_t size) noexcept {
    detail::Md5 hash;
    hash.update(namespace_id.data(), 16);
    hash.update(name, size);
    const auto digest = hash.finish();
    Uuid::bytes_type first16;
    std::copy_n(digest.begin(), 16, first16.begin());
    return build::from_digest(first16, 3);
}

}  // namespace oruuid
