// src/v7.cpp: version 7, through the process-wide context or for an explicit instant.
#include "oruuid/v7.hpp"

#include <stdexcept>

#include "oruuid/builder.hpp"
#include "oruuid/detail/clock.hpp"
#include "oruuid/random.hpp"

namespace oruuid {

Uuid uuid7() {
    return global_context_v7().next(detail::now());
}

Uuid uuid7_at(Timestamp ts) {
    const std::int64_t ms = ts.unix_ms();
    if (ms < 0 || static_cast<std::uint64_t>(ms) > Timestamp::kMaxUnixMs) {
        throw std::out_of_range(
            "timestamp out of range for UUIDv7: needs 0 <= unix_ms < 2**48 (1970-01-01 to "
            "10889-08-02)");
    }
    // As a fresh millisecond would: a 42-bit counter with its top bit clear, then
    // 32 random bits (RFC 9562 §6.2 Method 1).
    const std::uint64_t r = random_u64();
    const std::uint64_t counter = (r >> 32) | ((random_u64() & 0x1FF) << 32);
    return build::v7(static_cast<std::uint64_t>(ms), static_cast<std::uint16_t>(counter >> 30),
                     (counter & 0x3FFFFFFF) << 32 | (r & 0xFFFFFFFF));
}

}  // namespace oruuid
