// src/v5.cpp: version 5, SHA-1 of the namespace's bytes followed by the name.
#include "oruuid/v5.hpp"

#include "internal/name_based.hpp"
#include "internal/sha1.hpp"

namespace oruuid {

Uuid uuid5(const Uuid& namespace_id, const void* name, std::size_t size) noexcept {
    return detail::name_based<detail::Sha1>(namespace_id, name, size, 5);
}

}  // namespace oruuid
