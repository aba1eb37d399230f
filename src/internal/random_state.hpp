// src/internal/random_state.hpp: the per-thread CSPRNG state and its inline hot path.
//
// Shared by random.cpp, which owns the generator, and v4.cpp, whose uuid4() takes its
// 16 bytes inline: the call into fill_random and the copy through memory cost about
// as much as the rest of uuid4(). See random.cpp for the design.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "internal/chacha20.hpp"
#include "internal/config.hpp"
#include "internal/platform.hpp"
#include "oruuid/random.hpp"

namespace oruuid::detail::rng {

// 3 KiB: three AVX-512 passes (six AVX2 ones) per refill, so the per-refill costs and
// the 32 bytes spent on key erasure are spread over ~190 UUIDs, and the state still
// fits in one 4 KiB page.
constexpr std::size_t kBufferBlocks = 48;
constexpr std::size_t kBufferSize = kBufferBlocks * kChaChaBlockSize;
constexpr std::size_t kKeySize = 32;
constexpr std::size_t kNonceSize = 12;
constexpr std::uint64_t kReseedInterval = std::uint64_t{1} << 20;
// Non-zero, so a page zeroed by MADV_WIPEONFORK reads as unseeded.
constexpr std::uint32_t kSeededMagic = 0x6f727567;

struct alignas(64) State {
    std::uint8_t buffer[kBufferSize];  // keystream; bytes are zeroed once handed out
    std::uint32_t key[8];
    std::uint32_t nonce[3];
    std::uint32_t seeded;           // kSeededMagic, or 0 on a fresh or wiped page
    std::size_t available;          // unread bytes, at the end of `buffer`
    std::uint64_t fork_generation;  // detail::fork_generation() when seeded
    std::uint64_t until_reseed;     // keystream bytes left before mixing in a kernel key
};
static_assert(sizeof(State) <= 4096, "the state should take one page");

// Trivial and zero-initialised, so reaching it needs no TLS init wrapper.
struct ThreadSlot {
    State* state;
    bool unavailable;  // no page could be had, or the thread is exiting
    bool wipe_on_fork;
    std::uint64_t kernel_seeds;
    std::uint64_t keystream_bytes;
};
extern ORUUID_THREAD ThreadSlot t_slot ORUUID_HIDDEN;

// 0 until resolved, then 1 + RandomSource.
extern std::atomic<int> g_source ORUUID_HIDDEN;
constexpr int kSourceChaCha = 1 + static_cast<int>(RandomSource::chacha20);
constexpr int kSourceKernel = 1 + static_cast<int>(RandomSource::kernel);

/// The hot path: when this thread has a seeded state in this process with `n` bytes
/// buffered, marks them taken and returns where they are; the caller copies them out
/// and then zeroes them. nullptr otherwise: the caller goes to fill_random.
inline std::uint8_t* take_buffered(std::size_t n) noexcept {
    State* s = t_slot.state;
    // A page wiped in a forked child has available == 0, so it never passes.
    if (ORUUID_LIKELY(s != nullptr && n <= s->available &&
                      s->fork_generation == fork_generation_relaxed() &&
                      g_source.load(std::memory_order_relaxed) == kSourceChaCha)) {
        const std::size_t available = s->available;
        s->available = available - n;
        return s->buffer + (kBufferSize - available);
    }
    return nullptr;
}

/// 32 random bits, with the buffered case inline: for uuid7(), where the call into
/// fill_random and the copy through memory are a sizeable part of the cost.
inline std::uint32_t random_u32_inline() noexcept {
    std::uint32_t v;
    if (std::uint8_t* p = take_buffered(sizeof v); ORUUID_LIKELY(p != nullptr)) {
        std::memcpy(&v, p, sizeof v);
        std::memset(p, 0, sizeof v);  // handed out: a later look at the state must not show it
        return v;
    }
    fill_random(&v, sizeof v);
    return v;
}

}  // namespace oruuid::detail::rng
