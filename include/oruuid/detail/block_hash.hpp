// oruuid/detail/block_hash.hpp: the 64-byte block buffering and padding MD5 and SHA-1 share.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace oruuid::detail {

/// Feeds whole 64-byte blocks to `Derived::compress(const uint8_t*)` and applies the
/// Merkle-Damgard padding both RFC 1321 §3.1-3.2 and FIPS 180-4 §5.1.1 use: a 1 bit,
/// zeros up to 56 mod 64 bytes, then the message length in bits (mod 2^64).
template <typename Derived>
class BlockHash {
public:
    void update(const void* data, std::size_t size) noexcept {
        const auto* p = static_cast<const std::uint8_t*>(data);
        length_ += size;
        if (buffered_ > 0) {
            const std::size_t take = size < 64 - buffered_ ? size : 64 - buffered_;
            std::memcpy(buffer_ + buffered_, p, take);
            buffered_ += take;
            p += take;
            size -= take;
            if (buffered_ < 64) return;
            self().compress(buffer_);
            buffered_ = 0;
        }
        for (; size >= 64; p += 64, size -= 64) self().compress(p);
        if (size > 0) std::memcpy(buffer_, p, size);
        buffered_ = size;
    }

protected:
    /// Pads the message; MD5 stores the length little-endian, SHA-1 big-endian.
    void pad(bool big_endian_length) noexcept {
        const std::uint64_t bits = length_ * 8;
        std::uint8_t pad[72] = {0x80};
        const std::size_t pad_len = (buffered_ < 56 ? 56 : 120) - buffered_;
        for (int i = 0; i < 8; ++i) {
            const int shift = big_endian_length ? 56 - 8 * i : 8 * i;
            pad[pad_len + i] = static_cast<std::uint8_t>(bits >> shift);
        }
        update(pad, pad_len + 8);
    }
    void reset_buffer() noexcept {
        length_ = 0;
        buffered_ = 0;
    }

private:
    Derived& self() noexcept { return static_cast<Derived&>(*this); }

    std::uint64_t length_ = 0;  // bytes so far
    std::uint8_t buffer_[64] = {};
    std::size_t buffered_ = 0;
};

}  // namespace oruuid::detail
