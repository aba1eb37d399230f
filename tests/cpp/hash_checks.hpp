// tests/cpp/hash_checks.hpp: the checks MD5 and SHA-1 share: padding, split updates, reuse.
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace oruuid_test {

template <typename Digest>
std::string hex(const Digest& d) {
    static const char* digits = "0123456789abcdef";
    std::string s;
    for (auto b : d) {
        s += digits[b >> 4];
        s += digits[b & 15];
    }
    return s;
}

/// The digest of `msg`, in hex.
template <typename Hash>
std::string hex_digest(const std::string& msg) {
    return hex(Hash::hash(msg.data(), msg.size()));
}

/// `n` bytes of a fixed pattern.
inline std::vector<std::uint8_t> pattern(std::size_t n) {
    std::vector<std::uint8_t> m(n);
    for (std::size_t i = 0; i < n; ++i) m[i] = static_cast<std::uint8_t>(i * 7 + 3);
    return m;
}

/// pattern(length) hashes to each digest: lengths around the padding boundaries.
template <typename Hash>
void expect_pattern_digests(const std::vector<std::pair<std::size_t, const char*>>& cases) {
    for (const auto& [n, digest] : cases) {
        const auto m = pattern(n);
        EXPECT_EQ(hex(Hash::hash(m.data(), m.size())), digest) << "length " << n;
    }
}

/// Splitting a message anywhere, into two pieces, three, or single bytes, changes nothing.
template <typename Hash>
void expect_split_updates_equal_one_shot() {
    const auto m = pattern(300);
    const auto whole = Hash::hash(m.data(), m.size());
    for (std::size_t i = 0; i <= m.size(); ++i) {
        Hash h;
        h.update(m.data(), i);
        h.update(m.data() + i, m.size() - i);
        ASSERT_EQ(h.finish(), whole) << "split at " << i;
    }
    for (std::size_t i = 0; i <= 130; i += 13) {
        for (std::size_t j = i; j <= m.size(); j += 17) {
            Hash h;
            h.update(m.data(), i);
            h.update(m.data() + i, j - i);
            h.update(m.data() + j, m.size() - j);
            ASSERT_EQ(h.finish(), whole) << "splits at " << i << ", " << j;
        }
    }
    Hash h;
    for (auto b : m) h.update(&b, 1);
    EXPECT_EQ(h.finish(), whole);
}

/// finish() leaves the object ready for a new message.
template <typename Hash>
void expect_finish_resets(const char* abc_digest, const char* empty_digest) {
    Hash h;
    h.update("garbage", 7);
    (void)h.finish();
    h.update("abc", 3);
    EXPECT_EQ(hex(h.finish()), abc_digest);
    EXPECT_EQ(hex(h.finish()), empty_digest);
}

}  // namespace oruuid_test
