// src/context.cpp: the v7 counter policy (RFC 9562 §6.2) and the v1/v6 clock sequence (§6.1).
#include "oruuid/context.hpp"

#include <limits>
#include <stdexcept>
#include <vector>

#include "internal/clock.hpp"
#include "internal/config.hpp"
#include "internal/context_access.hpp"
#include "internal/platform.hpp"
#include "internal/random_state.hpp"
#include "internal/time_range.hpp"
#include "oruuid/builder.hpp"
#include "oruuid/random.hpp"

namespace oruuid {

namespace detail {
void SpinLock::lock() noexcept {
    for (int spins = 0;; ++spins) {
        if (!locked_.exchange(true, std::memory_order_acquire)) return;
        while (locked_.load(std::memory_order_relaxed)) {
            spin_pause();
            // The holder may have been descheduled; don't burn its time slice.
            if (++spins > 64) yield_cpu();
        }
    }
}
}  // namespace detail

namespace {

constexpr int kCounterBitsMethod1 = 42;
constexpr int kCounterBitsMethod3 = 30;
constexpr std::uint64_t kSubMsSteps = 4096;  // 12 bits of rand_a

std::uint64_t mask(int bits) {
    return (std::uint64_t{1} << bits) - 1;
}

int counter_bits(const ContextV7::Options& o) {
    return o.additional_precision ? kCounterBitsMethod3 : kCounterBitsMethod1;
}

// Method 1's layout: the counter's top 12 bits in rand_a, its low 30 above the
// 32 random bits in rand_b.
Uuid v7_method1(std::uint64_t ms, std::uint64_t counter, std::uint64_t tail) {
    return build::v7(ms, static_cast<std::uint16_t>(counter >> 30),
                     (counter & mask(30)) << 32 | tail);
}

// The last time unit the layout holds: the last millisecond of the 48-bit range, or
// its last sub-millisecond step.
std::uint64_t max_unit(const ContextV7::Options& o) {
    return o.additional_precision ? (Timestamp::kMaxUnixMs + 1) * kSubMsSteps - 1
                                  : Timestamp::kMaxUnixMs;
}

}  // namespace

std::uint64_t ContextV7::unit_of(Timestamp ts) const {
    const std::int64_t raw = ts.unix_ms();
    const std::int64_t adjust = options_.adjust_by_millis;
    constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
    constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
    const bool overflows = adjust > 0 ? raw > kMax - adjust : raw < kMin - adjust;
    const std::uint64_t ms = detail::v7_unix_ms(overflows ? -1 : raw + adjust);
    if (!options_.additional_precision) return ms;
    // §6.2 Method 3: the fraction of the millisecond, scaled to 12 bits.
    std::uint64_t sub_ns = ts.nanos() % 1000000;
    return ms * kSubMsSteps + sub_ns * kSubMsSteps / 1000000;
}

void ContextV7::drop_if_forked(std::uint64_t generation) noexcept {
    if (generation != fork_generation_) {
        // A forked child must not continue its parent's sequence.
        fork_generation_ = generation;
        started_ = false;
    }
}

Uuid ContextV7::next_locked(std::uint64_t unit, std::uint64_t random_tail,
                            std::uint64_t random_seed) {
    const int bits = counter_bits(options_);
    // The counter seed: random with its top bit clear, for 2^(bits-1) increments.
    const std::uint64_t seed = random_seed & mask(bits - 1);
    if (!started_ || unit > last_unit_) {
        last_unit_ = unit;
        counter_ = seed;
        started_ = true;
    } else if (++counter_ > mask(bits)) {
        // Overflow: borrow the next time step rather than repeat or reorder, unless
        // that step would leave the 48-bit millisecond field and wrap to 1970.
        if (last_unit_ >= max_unit(options_)) {
            --counter_;  // leave the state as it was, so the error repeats
            throw std::out_of_range("UUIDv7 counter exhausted at the end of the 48-bit time range");
        }
        ++last_unit_;
        counter_ = seed;
    }
    const std::uint64_t tail = random_tail & 0xFFFFFFFFULL;
    if (options_.additional_precision) {
        return build::v7(last_unit_ / kSubMsSteps,
                         static_cast<std::uint16_t>(last_unit_ % kSubMsSteps),
                         counter_ << 32 | tail);
    }
    return v7_method1(last_unit_, counter_, tail);
}

Uuid ContextV7::next(Timestamp ts) {
    const std::uint64_t unit = unit_of(ts);
    const std::uint64_t tail = detail::rng::random_u32_inline();
    const std::uint64_t generation = detail::fork_generation();
    std::lock_guard<detail::SpinLock> guard(lock_);
    // The common step first: another UUID in the time unit of the last one, by Method 1
    // (the global context's). Its own short path saves a tenth of next()'s instructions.
    if (ORUUID_LIKELY(!options_.additional_precision && started_ &&
                      generation == fork_generation_ && unit <= last_unit_ &&
                      counter_ < mask(kCounterBitsMethod1))) {
        return v7_method1(last_unit_, ++counter_, tail);
    }
    drop_if_forked(generation);
    // The counter's seed is drawn only when a new time unit starts (or the counter
    // overflows): once a millisecond rather than once a call, which makes uuid7() 4
    // bytes of keystream a UUID instead of 16. Drawn under the lock, it is a read of
    // this thread's buffer, and rarely (once per 3 KiB of keystream) a refill of it.
    const bool seeds = !started_ || unit > last_unit_ || counter_ >= mask(counter_bits(options_));
    return next_locked(unit, tail, seeds ? random_u64() : 0);
}

Uuid ContextV7::next() {
    return next(detail::now());
}

void ContextV7::next_many(Timestamp ts, Uuid* out, std::size_t n) {
    const std::uint64_t unit = unit_of(ts);
    if (n == 0) return;
    const int bits = counter_bits(options_);
    const std::uint64_t top = mask(bits);
    // A fresh seed leaves more than 2^(bits-1) counters, so the batch spans at most
    // this many runs of consecutive counters (one per time unit), each opened by a seed.
    const auto max_runs =
        static_cast<std::size_t>(2 + std::uint64_t{n} / (std::uint64_t{1} << (bits - 1)));
    struct Run {
        std::uint64_t unit, first, count;
    };
    std::vector<Run> runs;
    runs.reserve(max_runs);
    std::vector<std::uint64_t> seeds(max_runs);
    fill_random(seeds.data(), seeds.size() * sizeof(std::uint64_t));
    {
        // Under the lock only the reservation, as n calls of next_locked(unit) would
        // move the state: nothing is committed until it all fits.
        const std::uint64_t generation = detail::fork_generation();
        std::lock_guard<detail::SpinLock> guard(lock_);
        drop_if_forked(generation);
        std::uint64_t u = last_unit_, c = counter_;
        const bool fresh = !started_ || unit > last_unit_;
        std::size_t s = 0;
        for (std::uint64_t left = n; left > 0;) {
            std::uint64_t first;
            if (fresh && runs.empty()) {
                u = unit;
                first = seeds[s++] & mask(bits - 1);
            } else if (c < top) {
                first = c + 1;
            } else {
                if (u >= max_unit(options_)) {
                    throw std::out_of_range(
                        "UUIDv7 counter exhausted at the end of the 48-bit time range");
                }
                ++u;  // overflow: borrow the next time step, as next_locked does
                first = seeds[s++] & mask(bits - 1);
            }
            const std::uint64_t take = top - first + 1 < left ? top - first + 1 : left;
            runs.push_back(Run{u, first, take});
            c = first + take - 1;
            left -= take;
        }
        last_unit_ = u;
        counter_ = c;
        started_ = true;
    }
    // The UUIDs of the reserved runs, each with 32 fresh random bits.
    constexpr std::size_t kChunk = 512;
    std::uint32_t tails[kChunk];
    for (const Run& r : runs) {
        for (std::uint64_t k = 0; k < r.count; k += kChunk) {
            const std::size_t m =
                static_cast<std::size_t>(r.count - k < kChunk ? r.count - k : kChunk);
            fill_random(tails, m * sizeof(std::uint32_t));
            const std::uint64_t c0 = r.first + k;
            if (options_.additional_precision) {
                const std::uint64_t ms = r.unit / kSubMsSteps;
                const auto sub = static_cast<std::uint16_t>(r.unit % kSubMsSteps);
                for (std::size_t j = 0; j < m; ++j)
                    out[j] = build::v7(ms, sub, (c0 + j) << 32 | tails[j]);
            } else {
                for (std::size_t j = 0; j < m; ++j) out[j] = v7_method1(r.unit, c0 + j, tails[j]);
            }
            out += m;
        }
    }
}

void ContextV7::next_each(const Timestamp* ts, Uuid* out, std::size_t n, std::size_t* bad) {
    std::vector<std::uint64_t> units(n);
    for (std::size_t i = 0; i < n; ++i) {
        try {
            units[i] = unit_of(ts[i]);
        } catch (const std::out_of_range&) {
            if (bad) *bad = i;
            throw;
        }
    }
    constexpr std::size_t kChunk = 256;
    std::uint64_t random[2 * kChunk];
    const std::uint64_t generation = detail::fork_generation();
    std::lock_guard<detail::SpinLock> guard(lock_);
    drop_if_forked(generation);
    for (std::size_t i = 0; i < n; i += kChunk) {
        const std::size_t m = n - i < kChunk ? n - i : kChunk;
        fill_random(random, 2 * m * sizeof(std::uint64_t));
        for (std::size_t j = 0; j < m; ++j) {
            out[i + j] = next_locked(units[i + j], random[2 * j], random[2 * j + 1]);
        }
    }
}

auto ContextV7::position() -> std::optional<Position> {
    const std::uint64_t generation = detail::fork_generation();
    std::lock_guard<detail::SpinLock> guard(lock_);
    if (!started_ || generation != fork_generation_) return std::nullopt;
    return Position{last_unit_, counter_};
}

void ContextV7::advance_to(Position p) {
    if (p.unit > max_unit(options_) || p.counter > mask(counter_bits(options_))) {
        throw std::out_of_range("ContextV7::advance_to: position outside the UUIDv7 layout");
    }
    const std::uint64_t generation = detail::fork_generation();
    std::lock_guard<detail::SpinLock> guard(lock_);
    drop_if_forked(generation);
    if (!started_ || p.unit > last_unit_ || (p.unit == last_unit_ && p.counter > counter_)) {
        last_unit_ = p.unit;
        counter_ = p.counter;
        started_ = true;
    }
}

void detail::ContextAccess::set_counter_for_testing(ContextV7& c, std::uint64_t counter) noexcept {
    std::lock_guard<SpinLock> guard(c.lock_);
    c.counter_ = counter & mask(counter_bits(c.options_));
}

void ClockSequence::start_if_needed(std::uint64_t generation) {
    if (generation != fork_generation_ || !started_) {
        // First use, or a forked child: a fresh clock sequence, and forget the
        // inherited timestamp (RFC 9562 §6.1).
        fork_generation_ = generation;
        clock_seq_ = static_cast<std::uint16_t>(random_u64() & 0x3FFF);
        last_ticks_ = 0;
        started_ = true;
    }
}

std::optional<std::uint64_t> ClockSequence::last_ticks() {
    const std::uint64_t generation = detail::fork_generation();
    std::lock_guard<detail::SpinLock> guard(lock_);
    if (!started_ || generation != fork_generation_) return std::nullopt;
    return last_ticks_;
}

void ClockSequence::advance_to(std::uint64_t ticks) {
    if (ticks > Timestamp::kMaxGregorianTicks) {
        throw std::out_of_range("ClockSequence::advance_to: beyond the 60-bit timestamp range");
    }
    const std::uint64_t generation = detail::fork_generation();
    std::lock_guard<detail::SpinLock> guard(lock_);
    start_if_needed(generation);
    if (ticks > last_ticks_) last_ticks_ = ticks;
}

ClockSequence::Tick ClockSequence::next(Timestamp now) {
    std::uint64_t ticks = detail::v1_v6_ticks(now);
    const std::uint64_t generation = detail::fork_generation();
    std::lock_guard<detail::SpinLock> guard(lock_);
    const bool fresh = generation != fork_generation_ || !started_;
    start_if_needed(generation);
    if (!fresh && ticks <= last_ticks_) {
        ticks = last_ticks_ + 1;
        if (ticks > Timestamp::kMaxGregorianTicks) {
            throw std::out_of_range("UUIDv1/v6 timestamp exhausted its 60-bit range");
        }
    }
    last_ticks_ = ticks;
    return Tick{ticks, clock_seq_};
}

namespace {

// The process-wide contexts. They are constant-initialised, so no thread can be
// inside a lazy initialisation when another forks. Their locks are held across
// fork(), so a child never inherits a lock held by a thread that doesn't exist in it.
struct GlobalContexts {
    ContextV7 v7;
    ClockSequence v1;
    ClockSequence v6;
};
ORUUID_CONSTINIT GlobalContexts g_contexts;

void lock_global_contexts() {
    detail::ContextAccess::lock(g_contexts.v7).lock();
    detail::ContextAccess::lock(g_contexts.v1).lock();
    detail::ContextAccess::lock(g_contexts.v6).lock();
}

void unlock_global_contexts() {
    detail::ContextAccess::lock(g_contexts.v6).unlock();
    detail::ContextAccess::lock(g_contexts.v1).unlock();
    detail::ContextAccess::lock(g_contexts.v7).unlock();
}

// Registered while the library loads, before any thread can use the contexts.
[[maybe_unused]] const bool g_locks_held_across_fork =
    detail::hold_locks_across_fork(&lock_global_contexts, &unlock_global_contexts);

}  // namespace

ContextV7& global_context_v7() noexcept {
    return g_contexts.v7;
}
ClockSequence& global_clock_sequence_v1() noexcept {
    return g_contexts.v1;
}
ClockSequence& global_clock_sequence_v6() noexcept {
    return g_contexts.v6;
}

}  // namespace oruuid
