// src/uuid.cpp: the out-of-line parts of Uuid.
#include "oruuid/uuid.hpp"

#include <cstring>

namespace oruuid {

Uuid Uuid::from_bytes(const std::uint8_t* p) noexcept {
    bytes_type b;
    std::memcpy(b.data(), p, b.size());
    return Uuid(b);
}

}  // namespace oruuid
