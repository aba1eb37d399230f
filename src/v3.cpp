// src/v3.cpp: version 3, MD5 of the namespace's bytes followed by the name.
#include "oruuid/v3.hpp"

#include "internal/md5.hpp"
#include "internal/name_based.hpp"

namespace oruuid {

Uuid uuid3(const Uuid& namespace_id, const void* name, std::size_t size) noexcept {
    return detail::name_based<detail::Md5>(namespace_id, name, size, 3);
}

}  // namespace oruuid
