// src/v7.cpp: version 7, through the process-wide context or for an explicit instant.
#include "oruuid/v7.hpp"

#include "internal/clock.hpp"
#include "internal/time_range.hpp"
#include "oruuid/builder.hpp"
#include "oruuid/random.hpp"

namespace oruuid {

Uuid uuid7() {
    return global_context_v7().next(detail::now());
}

Uuid uuid7_at(Timestamp ts) {
    const std::uint64_t ms = detail::v7_unix_ms(ts.unix_ms());
    // As a fresh millisecond would: a 42-bit counter with its top bit clear, then
    // 32 random bits (RFC 9562 §6.2 Method 1).
    const std::uint64_t r = random_u64();
    const std::uint64_t counter = (r >> 32) | ((random_u64() & 0x1FF) << 32);
    return build::v7(ms, static_cast<std::uint16_t>(counter >> 30),
                     (counter & 0x3FFFFFFF) << 32 | (r & 0xFFFFFFFF));
}

void uuid7_at_many(const Timestamp* ts, Uuid* out, std::size_t n, std::size_t* bad) {
    for (std::size_t i = 0; i < n; ++i) {
        const std::int64_t ms = ts[i].unix_ms();
        if (ms < 0 || static_cast<std::uint64_t>(ms) > Timestamp::kMaxUnixMs) {
            if (bad) *bad = i;
            detail::throw_v7_out_of_range();
        }
    }
    // uuid7_at's bits, from the keystream a chunk at a time.
    constexpr std::size_t kChunk = 256;
    std::uint64_t random[2 * kChunk];
    for (std::size_t i = 0; i < n; i += kChunk) {
        const std::size_t m = n - i < kChunk ? n - i : kChunk;
        fill_random(random, 2 * m * sizeof(std::uint64_t));
        for (std::size_t j = 0; j < m; ++j) {
            const std::uint64_t r = random[2 * j];
            const std::uint64_t counter = (r >> 32) | ((random[2 * j + 1] & 0x1FF) << 32);
            out[i + j] = build::v7(static_cast<std::uint64_t>(ts[i + j].unix_ms()),
                                   static_cast<std::uint16_t>(counter >> 30),
                                   (counter & 0x3FFFFFFF) << 32 | (r & 0xFFFFFFFF));
        }
    }
}

Uuid uuid7_min(Timestamp ts) {
    return build::v7(detail::v7_unix_ms(ts.unix_ms()), 0, 0);
}

Uuid uuid7_max(Timestamp ts) {
    return build::v7(detail::v7_unix_ms(ts.unix_ms()), 0x0FFF, ~std::uint64_t{0});
}

}  // namespace oruuid
