// oruuid/detail/sha1.hpp: incremental SHA-1 (FIPS 180-4), the hash behind v5 UUIDs.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "oruuid/detail/block_hash.hpp"

namespace oruuid::detail {

/// One FIPS 180-4 §6.1.2 compression of a 64-byte block into `state`, portable.
void sha1_compress_scalar(std::uint32_t state[5], const std::uint8_t* block) noexcept;
/// The same with the x86 SHA extensions; call it only where `sha1_shani_available()`
/// (elsewhere than x86 it is the scalar kernel).
void sha1_compress_shani(std::uint32_t state[5], const std::uint8_t* block) noexcept;
bool sha1_shani_available() noexcept;

/// SHA-1 as FIPS 180-4 §6.1 specifies it. Broken for security; RFC 9562 §5.5 still needs it.
class Sha1 : public BlockHash<Sha1> {
public:
    static constexpr std::size_t kDigestSize = 20;
    using Digest = std::array<std::uint8_t, kDigestSize>;

    Sha1() noexcept { reset(); }

    /// Starts a new message.
    void reset() noexcept;
    /// Pads the message (FIPS 180-4 §5.1.1) and returns its digest; then resets.
    Digest finish() noexcept;

    /// The digest of one message in one call.
    static Digest hash(const void* data, std::size_t size) noexcept {
        Sha1 h;
        h.update(data, size);
        return h.finish();
    }

private:
    friend class BlockHash<Sha1>;
    void compress(const std::uint8_t* block) noexcept;

    std::uint32_t state_[5];
};

}  // namespace oruuid::detail
