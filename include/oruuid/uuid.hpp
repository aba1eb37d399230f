// oruuid/uuid.hpp: the 16-byte UUID value type (RFC 9562 §4).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <optional>
#include <string_view>

#include "oruuid/config.hpp"
#include "oruuid/export.hpp"

namespace oruuid {

namespace detail {
// GCC does not always turn the portable byte loops below into one bswap, and they sit
// on every generator's hot path: outside constant evaluation, swap and copy instead.
constexpr bool runtime_bswap() noexcept {
// Elsewhere (and with ORUUID_PORTABLE) the byte loops only.
#if ORUUID_GNU_EXTENSIONS && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    return !__builtin_is_constant_evaluated();
#else
    return false;
#endif
}

constexpr std::uint64_t bswap64(std::uint64_t v) noexcept {
#if ORUUID_GNU_EXTENSIONS
    return __builtin_bswap64(v);
#else
    std::uint64_t r = 0;
    for (int i = 0; i < 8; ++i) r = (r << 8) | ((v >> (8 * i)) & 0xFF);
    return r;
#endif
}
}  // namespace detail

/// The variant field (RFC 9562 §4.1), named as Python's `uuid` names it.
enum class Variant : std::uint8_t {
    reserved_ncs,        ///< 0b0xxx
    rfc_4122,            ///< 0b10xx: every version this library generates
    reserved_microsoft,  ///< 0b110x
    reserved_future,     ///< 0b111x
};

/// The six classic fields of RFC 4122, as Python's `UUID.fields` gives them.
///
///      0                   1                   2                   3
///      0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
///     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///     |                          time_low                             |
///     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///     |       time_mid                |       time_hi_version         |
///     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///     |clock_seq_hi_var| clock_seq_low|         node (0-1)            |
///     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///     |                         node (2-5)                            |
///     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
struct Fields {
    std::uint32_t time_low = 0;
    std::uint16_t time_mid = 0;
    std::uint16_t time_hi_version = 0;
    std::uint8_t clock_seq_hi_variant = 0;
    std::uint8_t clock_seq_low = 0;
    std::uint64_t node = 0;  ///< 48 bits; higher bits are ignored
};

/// A UUID: 16 bytes in network (big-endian) order. Ordered and compared
/// bytewise, which is also the order of the 128-bit integer.
class Uuid {
public:
    using bytes_type = std::array<std::uint8_t, 16>;

    /// The nil UUID (RFC 9562 §5.9).
    constexpr Uuid() noexcept = default;
    constexpr explicit Uuid(const bytes_type& bytes) noexcept : bytes_(bytes) {}

    static constexpr Uuid nil() noexcept { return Uuid(); }
    /// The max UUID, all ones (RFC 9562 §5.10).
    static constexpr Uuid max() noexcept { return from_u64(~0ULL, ~0ULL); }

    static constexpr Uuid from_bytes(const bytes_type& bytes) noexcept { return Uuid(bytes); }
    /// From 16 bytes at `p`, big-endian.
    ORUUID_API static Uuid from_bytes(const std::uint8_t* p) noexcept;
    /// From Microsoft's mixed-endian layout: the first three fields little-endian.
    static constexpr Uuid from_bytes_le(const bytes_type& b) noexcept {
        return Uuid(bytes_type{b[3], b[2], b[1], b[0], b[5], b[4], b[7], b[6], b[8], b[9], b[10],
                               b[11], b[12], b[13], b[14], b[15]});
    }
    static constexpr Uuid from_fields(const Fields& f) noexcept {
        std::uint64_t hi = (std::uint64_t{f.time_low} << 32) | (std::uint64_t{f.time_mid} << 16) |
                           f.time_hi_version;
        std::uint64_t lo = (std::uint64_t{f.clock_seq_hi_variant} << 56) |
                           (std::uint64_t{f.clock_seq_low} << 48) | (f.node & 0xFFFFFFFFFFFFULL);
        return from_u64(hi, lo);
    }
    /// From the high and low 64 bits of the 128-bit integer.
    static constexpr Uuid from_u64(std::uint64_t hi, std::uint64_t lo) noexcept {
        if (detail::runtime_bswap()) {
            Uuid u;
            hi = detail::bswap64(hi);
            lo = detail::bswap64(lo);
            std::memcpy(u.bytes_.data(), &hi, 8);
            std::memcpy(u.bytes_.data() + 8, &lo, 8);
            return u;
        }
        bytes_type b{};
        for (int i = 0; i < 8; ++i) {
            b[i] = static_cast<std::uint8_t>(hi >> (56 - 8 * i));
            b[8 + i] = static_cast<std::uint8_t>(lo >> (56 - 8 * i));
        }
        return Uuid(b);
    }
#if ORUUID_HAS_INT128
    // Only where the compiler has unsigned __int128 (not MSVC, not ORUUID_PORTABLE):
    // from_u64() and high()/low() are the portable forms.
    static constexpr Uuid from_u128(unsigned __int128 v) noexcept {
        return from_u64(static_cast<std::uint64_t>(v >> 64), static_cast<std::uint64_t>(v));
    }
    constexpr unsigned __int128 to_u128() const noexcept {
        return (static_cast<unsigned __int128>(high()) << 64) | low();
    }
#endif

    /// Parses the canonical forms (see <oruuid/parser.hpp>); never throws.
    ORUUID_API static std::optional<Uuid> parse(std::string_view text) noexcept;

    constexpr const bytes_type& bytes() const noexcept {
        return bytes_;
    }
    constexpr const std::uint8_t* data() const noexcept {
        return bytes_.data();
    }
    constexpr bytes_type bytes_le() const noexcept {
        return from_bytes_le(bytes_).bytes_;
    }
    constexpr std::uint64_t high() const noexcept {
        return load64(0);
    }
    constexpr std::uint64_t low() const noexcept {
        return load64(8);
    }
    constexpr Fields fields() const noexcept {
        std::uint64_t hi = high(), lo = low();
        return Fields{static_cast<std::uint32_t>(hi >> 32), static_cast<std::uint16_t>(hi >> 16),
                      static_cast<std::uint16_t>(hi),       static_cast<std::uint8_t>(lo >> 56),
                      static_cast<std::uint8_t>(lo >> 48),  lo & 0xFFFFFFFFFFFFULL};
    }

    /// The version nibble (bits 48-51). Meaningful only for the RFC variant.
    constexpr int version() const noexcept {
        return bytes_[6] >> 4;
    }
    constexpr Variant variant() const noexcept {
        std::uint8_t v = bytes_[8];
        if ((v & 0x80) == 0) return Variant::reserved_ncs;
        if ((v & 0x40) == 0) return Variant::rfc_4122;
        if ((v & 0x20) == 0) return Variant::reserved_microsoft;
        return Variant::reserved_future;
    }
    constexpr bool is_nil() const noexcept {
        return high() == 0 && low() == 0;
    }
    constexpr bool is_max() const noexcept {
        return (high() & low()) == ~0ULL;
    }

    friend constexpr bool operator==(const Uuid& a, const Uuid& b) noexcept {
        return a.high() == b.high() && a.low() == b.low();
    }
    friend constexpr bool operator!=(const Uuid& a, const Uuid& b) noexcept {
        return !(a == b);
    }
    friend constexpr bool operator<(const Uuid& a, const Uuid& b) noexcept {
        return a.high() < b.high() || (a.high() == b.high() && a.low() < b.low());
    }
    friend constexpr bool operator>(const Uuid& a, const Uuid& b) noexcept {
        return b < a;
    }
    friend constexpr bool operator<=(const Uuid& a, const Uuid& b) noexcept {
        return !(b < a);
    }
    friend constexpr bool operator>=(const Uuid& a, const Uuid& b) noexcept {
        return !(a < b);
    }

private:
    constexpr std::uint64_t load64(int at) const noexcept {
        if (detail::runtime_bswap()) {
            std::uint64_t v = 0;
            std::memcpy(&v, bytes_.data() + at, 8);
            return detail::bswap64(v);
        }
        std::uint64_t v = 0;
        for (int i = 0; i < 8; ++i) v = (v << 8) | bytes_[at + i];
        return v;
    }

    bytes_type bytes_{};
};

}  // namespace oruuid

template <>
struct std::hash<oruuid::Uuid> {
    std::size_t operator()(const oruuid::Uuid& u) const noexcept {
        // The halves are uniformly random for v4/v7, so a cheap mix suffices.
        std::uint64_t h = u.high() * 0x9E3779B97F4A7C15ULL ^ u.low();
        return static_cast<std::size_t>(h ^ (h >> 32));
    }
};
