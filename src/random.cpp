// src/random.cpp: the per-thread ChaCha20 CSPRNG behind fill_random (RFC 9562 §6.9).
//
// Modelled on OpenBSD's arc4random: each thread keys ChaCha20 (RFC 8439) from the
// kernel, serves bytes from a buffer of keystream, and after every refill replaces
// the key with the buffer's first 32 bytes ("fast key erasure"), so a later leak of
// the state reveals nothing already returned. Every 1 MiB it mixes in a fresh key
// from the kernel. The state lives on its own page, marked MADV_WIPEONFORK; with
// the pthread_atfork generation counter that gives two independent fork signals.
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <new>

#include "internal/chacha20.hpp"
#include "internal/config.hpp"
#include "internal/platform.hpp"
#include "internal/random_state.hpp"
#include "internal/random_testing.hpp"
#include "oruuid/random.hpp"

namespace oruuid {

namespace detail::rng {
ORUUID_THREAD ThreadSlot t_slot;
std::atomic<int> g_source{0};
}  // namespace detail::rng

namespace {

using detail::kChaChaBlockSize;
using namespace detail::rng;

// A large request takes at most this many blocks straight from one key.
constexpr std::size_t kMaxDirectBlocks = (kReseedInterval - kBufferSize) / kChaChaBlockSize;

// Frees the page at thread exit. Kept apart from t_slot so that only the slow
// path, which creates the page, pays for the destructor registration.
struct PageReaper {
    bool armed = false;
    ~PageReaper() {
        if (t_slot.state != nullptr) {
            detail::secure_zero(t_slot.state, sizeof(State));
            detail::free_pages(t_slot.state, sizeof(State));
        }
        t_slot.state = nullptr;
        t_slot.unavailable = true;  // later calls in this thread use the kernel
    }
};
thread_local PageReaper t_reaper;

int resolve_source() noexcept {
    int s = g_source.load(std::memory_order_relaxed);
    if (s != 0) return s;
    // The first caller to read the environment decides, for every thread.
    const char* v = std::getenv("ORUUID_RANDOM");
    const int from_env =
        v != nullptr && std::strcmp(v, "kernel") == 0 ? kSourceKernel : kSourceChaCha;
    int expected = 0;
    g_source.compare_exchange_strong(expected, from_env, std::memory_order_relaxed);
    return g_source.load(std::memory_order_relaxed);
}

// Draws a key and nonce from the kernel and XORs them in, so the new key is at least
// as unpredictable as the kernel's bytes, whatever the old state was (a parent's copy
// after fork, or zeros). Drops whatever keystream was buffered.
void seed_from_kernel(State* s) noexcept {
    s->fork_generation = detail::fork_generation_relaxed();
    std::uint32_t fresh[(kKeySize + kNonceSize) / 4];
    detail::fill_kernel_random(fresh, sizeof fresh);
    for (int i = 0; i < 8; ++i) s->key[i] ^= fresh[i];
    for (int i = 0; i < 3; ++i) s->nonce[i] ^= fresh[8 + i];
    detail::secure_zero(fresh, sizeof fresh);
    detail::secure_zero(s->buffer, sizeof s->buffer);
    s->available = 0;
    s->until_reseed = kReseedInterval;
    s->seeded = kSeededMagic;
    ++t_slot.kernel_seeds;
}

// Refills the buffer and writes `direct_blocks` more blocks to `direct`, all from the
// current key with distinct counters; then the buffer's first 32 bytes become the key.
void refill(State* s, std::uint8_t* direct, std::size_t direct_blocks) noexcept {
    const std::uint64_t bytes = (kBufferBlocks + direct_blocks) * kChaChaBlockSize;
    if (s->until_reseed < bytes) seed_from_kernel(s);
    s->until_reseed -= bytes;
    t_slot.keystream_bytes += bytes;

    detail::chacha20_blocks(s->key, 0, s->nonce, s->buffer, kBufferBlocks);
    if (direct_blocks > 0)
        detail::chacha20_blocks(s->key, kBufferBlocks, s->nonce, direct, direct_blocks);
    std::memcpy(s->key, s->buffer, kKeySize);
    detail::secure_zero(s->buffer, kKeySize);
    s->available = kBufferSize - kKeySize;
}

State* thread_state() noexcept {
    if (t_slot.state != nullptr) return t_slot.state;
    if (t_slot.unavailable) return nullptr;
    detail::ensure_fork_handler();  // before the first seed, so no fork goes unnoticed
    void* page = detail::allocate_pages(sizeof(State));
    if (page == nullptr) {
        t_slot.unavailable = true;
        return nullptr;
    }
    // If the kernel refuses (before Linux 4.14), the fork generation still works.
    t_slot.wipe_on_fork = detail::wipe_pages_on_fork(page, sizeof(State));
    t_slot.state = new (page) State();  // the page is zeroed: seeded == 0
    t_reaper.armed = true;              // registers the thread-exit destructor
    return t_slot.state;
}

// Copies n buffered bytes out and zeroes them: a later look at the state must not
// show past output. Fixed sizes for UUIDs (16) and random_u64 (8) compile to a few
// moves; the rest is out of line, so that the hot path needs no saved registers.
ORUUID_NOINLINE void copy_and_wipe_any(std::uint8_t* out, std::uint8_t* p, std::size_t n) noexcept {
    std::memcpy(out, p, n);
    std::memset(p, 0, n);
}

inline void copy_and_wipe(std::uint8_t* out, std::uint8_t* p, std::size_t n) noexcept {
    if (n == 16) {
        std::memcpy(out, p, 16);
        std::memset(p, 0, 16);
    } else if (n == 8) {
        std::memcpy(out, p, 8);
        std::memset(p, 0, 8);
    } else {
        copy_and_wipe_any(out, p, n);
    }
}

ORUUID_NOINLINE void fill_random_slow(void* out, std::size_t n) noexcept {
    if (resolve_source() == kSourceKernel) return detail::fill_kernel_random(out, n);
    State* s = thread_state();
    if (s == nullptr) return detail::fill_kernel_random(out, n);
    // Either signal means this is a forked child holding its parent's state.
    if (s->seeded != kSeededMagic || s->fork_generation != detail::fork_generation_relaxed())
        seed_from_kernel(s);

    auto* o = static_cast<std::uint8_t*>(out);
    while (n > 0) {
        if (s->available == 0) {
            // Whole blocks go straight to the caller: no copy through the buffer.
            std::size_t direct = n / kChaChaBlockSize;
            if (direct > kMaxDirectBlocks) direct = kMaxDirectBlocks;
            refill(s, o, direct);
            o += direct * kChaChaBlockSize;
            n -= direct * kChaChaBlockSize;
            continue;
        }
        const std::size_t k = n < s->available ? n : s->available;
        copy_and_wipe(o, s->buffer + (kBufferSize - s->available), k);
        s->available -= k;
        o += k;
        n -= k;
    }
}

inline void fill_random_inline(void* out, std::size_t n) noexcept {
    if (std::uint8_t* p = take_buffered(n); ORUUID_LIKELY(p != nullptr))
        return copy_and_wipe(static_cast<std::uint8_t*>(out), p, n);
    fill_random_slow(out, n);
}

}  // namespace

void fill_random(void* out, std::size_t n) noexcept {
    fill_random_inline(out, n);
}

std::uint64_t random_u64() noexcept {
    std::uint64_t v;
    fill_random_inline(&v, sizeof v);
    return v;
}

RandomSource random_source() noexcept {
    return static_cast<RandomSource>(resolve_source() - 1);
}

namespace detail {

void set_random_source_for_testing(RandomSource source) noexcept {
    g_source.store(1 + static_cast<int>(source), std::memory_order_relaxed);
}

ThreadRandomStats thread_random_stats_for_testing() noexcept {
    ThreadRandomStats stats;
    stats.active = t_slot.state != nullptr;
    stats.wipe_on_fork = t_slot.wipe_on_fork;
    stats.kernel_seeds = t_slot.kernel_seeds;
    stats.keystream_bytes = t_slot.keystream_bytes;
    return stats;
}

}  // namespace detail
}  // namespace oruuid
