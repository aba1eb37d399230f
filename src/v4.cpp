// src/v4.cpp: version 4 from the per-thread CSPRNG, its 16 bytes taken inline.
#include "oruuid/v4.hpp"

#include <cstdint>
#include <cstring>
#include <type_traits>

#include "internal/config.hpp"
#include "internal/random_state.hpp"
#include "oruuid/random.hpp"

namespace oruuid {

namespace {

// Shift that brings byte `i` of a 64-bit word, as laid out in memory, to the bottom.
constexpr int byte_shift(int i) {
    return ORUUID_BIG_ENDIAN ? 56 - 8 * i : 8 * i;
}

// build::with_version(u, 4) on the 16 bytes as two words in memory order: the version
// nibble is the top of byte 6, the variant the top two bits of byte 8 (byte 0 of the
// second word). Done in registers, as byte stores followed by a wider load would stall
// on store forwarding, and going through Uuid's big-endian halves costs GCC dozens of
// shifts.
inline void set_v4(std::uint64_t& w0, std::uint64_t& w1) noexcept {
    w0 = (w0 & ~(std::uint64_t{0xF0} << byte_shift(6))) | (std::uint64_t{0x40} << byte_shift(6));
    w1 = (w1 & ~(std::uint64_t{0xC0} << byte_shift(0))) | (std::uint64_t{0x80} << byte_shift(0));
}

}  // namespace

Uuid uuid4() noexcept {
    std::uint64_t w0, w1;
    if (std::uint8_t* p = detail::rng::take_buffered(16); ORUUID_LIKELY(p != nullptr)) {
        // The hot path inline, straight into registers.
        std::memcpy(&w0, p, 8);
        std::memcpy(&w1, p + 8, 8);
        std::memset(p, 0, 16);  // handed out: a later look at the state must not show it
    } else {
        std::uint64_t w[2];  // apart from w0 and w1, so that they need not live in memory
        fill_random(w, sizeof w);
        w0 = w[0];
        w1 = w[1];
    }
    set_v4(w0, w1);
    Uuid::bytes_type bytes;
    std::memcpy(bytes.data(), &w0, 8);
    std::memcpy(bytes.data() + 8, &w1, 8);
    return Uuid(bytes);
}

void uuid4_many(Uuid* out, std::size_t n) noexcept {
    static_assert(sizeof(Uuid) == 16, "Uuid must be exactly its bytes");
    static_assert(std::is_trivially_copyable<Uuid>::value, "Uuid is filled as raw bytes");
    fill_random(out, n * sizeof(Uuid));
    auto* bytes = reinterpret_cast<unsigned char*>(out);
    for (std::size_t i = 0; i < n; ++i, bytes += 16) {
        std::uint64_t w[2];
        std::memcpy(w, bytes, 16);
        set_v4(w[0], w[1]);
        std::memcpy(bytes, w, 16);
    }
}

}  // namespace oruuid
