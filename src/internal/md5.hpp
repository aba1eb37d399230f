// src/internal/md5.hpp: incremental MD5 (RFC 1321), the hash behind v3 UUIDs.
#pragma once

#include "internal/block_hash.hpp"

namespace oruuid::detail {

/// MD5 as RFC 1321 specifies it. Broken for security; RFC 9562 §5.3 still needs it.
class Md5 : public BlockHash<Md5, 4, /*kBigEndian=*/false> {
public:
    Md5() noexcept { reset(); }
    /// Starts a new message: RFC 1321 §3.3's words A, B, C, D.
    void reset() noexcept;

private:
    friend class BlockHash<Md5, 4, false>;
    void compress(const std::uint8_t* block) noexcept;
};

}  // namespace oruuid::detail
