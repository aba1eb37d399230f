// oruuid/namespaces.hpp: the name-space ids of RFC 9562 §6.6, for v3 and v5.
#pragma once

#include "oruuid/uuid.hpp"

namespace oruuid {

/// Name is a fully qualified domain name.
inline constexpr Uuid NAMESPACE_DNS = Uuid::from_u64(0x6ba7b8109dad11d1ULL, 0x80b400c04fd430c8ULL);
/// Name is a URL.
inline constexpr Uuid NAMESPACE_URL = Uuid::from_u64(0x6ba7b8119dad11d1ULL, 0x80b400c04fd430c8ULL);
/// Name is an ISO OID.
inline constexpr Uuid NAMESPACE_OID = Uuid::from_u64(0x6ba7b8129dad11d1ULL, 0x80b400c04fd430c8ULL);
/// Name is an X.500 DN, in DER or text.
inline constexpr Uuid NAMESPACE_X500 = Uuid::from_u64(0x6ba7b8149dad11d1ULL, 0x80b400c04fd430c8ULL);

}  // namespace oruuid
