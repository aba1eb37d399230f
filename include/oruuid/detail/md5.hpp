// oruuid/detail/md5.hpp: incremental MD5 (RFC 1321), the hash behind v3 UUIDs.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "oruuid/detail/block_hash.hpp"

namespace oruuid::detail {

/// MD5 as RFC 1321 specifies it. Broken for security; RFC 9562 §5.3 still needs it.
class Md5 : public BlockHash<Md5> {
public:
    static constexpr std::size_t kDigestSize = 16;
    using Digest = std::array<std::uint8_t, kDigestSize>;

    Md5() noexcept { reset(); }

    /// Starts a new message.
    void reset() noexcept;
    /// Pads the message (RFC 1321 §3.1-3.2) and returns its digest; then resets.
    Digest finish() noexcept;

    /// The digest of one message in one call.
    static Digest hash(const void* data, std::size_t size) noexcept {
        Md5 h;
        h.update(data, size);
        return h.finish();
    }

private:
    friend class BlockHash<Md5>;
    void compress(const std::uint8_t* block) noexcept;

    std::uint32_t state_[4];
};

}  // namespace oruuid::detail
