// src/internal/block_hash.hpp: what MD5 and SHA-1 share: 64-byte blocks, padding, the digest.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "internal/bits.hpp"

namespace oruuid::detail {

/// Feeds whole 64-byte blocks to `Derived::compress(const uint8_t*)`, which updates the
/// `kWords` state words, and applies the Merkle-Damgard padding both RFC 1321 §3.1-3.2 and
/// FIPS 180-4 §5.1.1 use: a 1 bit, zeros up to 56 mod 64 bytes, then the message length in
/// bits (mod 2^64). MD5 stores the length and the digest words little-endian (RFC 1321
/// §3.2, §3.5), SHA-1 big-endian (FIPS 180-4 §5.1.1, §6.1.2). `Derived::reset()` sets the
/// initial state and calls reset_buffer().
template <typename Derived, std::size_t kWords, bool kBigEndian>
class BlockHash {
public:
    static constexpr std::size_t kDigestSize = 4 * kWords;
    using Digest = std::array<std::uint8_t, kDigestSize>;

    /// The digest of one message in one call.
    static Digest hash(const void* data, std::size_t size) noexcept {
        Derived h;
        h.update(data, size);
        return h.finish();
    }

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

    /// Pads the message and returns its digest; then starts a new message.
    Digest finish() noexcept {
        const std::uint64_t bits = length_ * 8;
        std::uint8_t pad[72] = {0x80};
        const std::size_t pad_len = (buffered_ < 56 ? 56 : 120) - buffered_;
        for (int i = 0; i < 8; ++i) {
            const int shift = kBigEndian ? 56 - 8 * i : 8 * i;
            pad[pad_len + i] = static_cast<std::uint8_t>(bits >> shift);
        }
        update(pad, pad_len + 8);

        Digest out;
        for (std::size_t i = 0; i < kWords; ++i) {
            if (kBigEndian) {
                store32_be(out.data() + 4 * i, state_[i]);
            } else {
                store32_le(out.data() + 4 * i, state_[i]);
            }
        }
        self().reset();
        return out;
    }

protected:
    std::uint32_t state_[kWords];

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
