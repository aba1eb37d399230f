// oruuid/context.hpp: the state that keeps time-based UUIDs unique and ordered.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>

#include "oruuid/export.hpp"
#include "oruuid/timestamp.hpp"
#include "oruuid/uuid.hpp"

namespace oruuid {

namespace detail {
/// A short test-and-test-and-set lock: the critical sections are a few dozen
/// instructions and make no system calls.
class SpinLock {
public:
    constexpr SpinLock() noexcept = default;
    ORUUID_API void lock() noexcept;
    void unlock() noexcept { locked_.store(false, std::memory_order_release); }

private:
    std::atomic<bool> locked_{false};
};

struct ContextAccess;
}  // namespace detail

/// Monotonic v7 generation, RFC 9562 §6.2.
///
/// Method 1 (the default): a 42-bit counter whose top bit is bit 123 of the UUID
/// (the top of rand_a) and whose low 30 bits start rand_b, then 32 random bits.
///
///     unix_ts_ms(48) | ver(4) counter[41:30](12) | var(2) counter[29:0](30) random(32)
///
/// - A millisecond later than the last one reseeds the counter from the CSPRNG with
///   its top bit clear, leaving 2^41 increments of headroom.
/// - The same millisecond, or an earlier one (the clock stepped back), increments the
///   counter and keeps the last timestamp.
/// - A counter overflow moves the timestamp 1 ms ahead and reseeds. The context never
///   advances the timestamp otherwise, so once the clock passes it again it follows
///   the clock (no drift, unlike CPython #138862 and uuid6 #198).
///
/// Method 3 (`additional_precision`): rand_a holds 12 bits of sub-millisecond time,
/// and the counter is the 30 bits that follow; overflow advances that sub-ms step.
///
///     unix_ts_ms(48) | ver(4) sub_ms(12) | var(2) counter(30) random(32)
///
/// Every call returns a UUID greater than the one before, whatever the timestamps.
/// Thread-safe. In a forked child the state is dropped and started afresh.
class ContextV7 {
public:
    struct Options {
        bool additional_precision = false;
        /// Added to every timestamp, to hide the real creation time.
        std::int64_t adjust_by_millis = 0;
    };

    constexpr ContextV7() noexcept : ContextV7(Options{}) {}
    constexpr explicit ContextV7(Options options) noexcept : options_(options) {}
    ContextV7(const ContextV7&) = delete;
    ContextV7& operator=(const ContextV7&) = delete;

    /// The next UUID for instant `ts`. Throws std::out_of_range when `ts` (after the
    /// adjustment) lies before 1970 or past the 48-bit millisecond range, or when the
    /// counter overflows in the very last millisecond of that range.
    ORUUID_API Uuid next(Timestamp ts);
    /// The next UUID for the current time.
    ORUUID_API Uuid next();
    /// Fills `out` with `n` consecutive UUIDs for instant `ts`: the same UUIDs, in the
    /// same order, as `n` calls of next(ts) with no other call in between. The lock is
    /// held only to reserve the run of counters; the UUIDs are written after it.
    /// Throws std::out_of_range as next() does, leaving the context as it was.
    ORUUID_API void next_many(Timestamp ts, Uuid* out, std::size_t n);
    /// `out[i]` = next(ts[i]) for each i in order, under one lock. Every instant is
    /// checked first: on one out of range it throws std::out_of_range, sets `*bad` (when
    /// not null) to its index, and leaves the context and `out` as they were. A counter
    /// exhausted in the last millisecond of the range throws midway, as next() would.
    ORUUID_API void next_each(const Timestamp* ts, Uuid* out, std::size_t n,
                              std::size_t* bad = nullptr);

    const Options& options() const noexcept { return options_; }

    /// Where the sequence stands: the time unit (Method 1: the Unix millisecond;
    /// Method 3: ms * 4096 + sub-ms step) and the counter of the last UUID returned.
    struct Position {
        std::uint64_t unit;
        std::uint64_t counter;
    };
    /// The position of the last UUID returned; nullopt before the first one, and in
    /// a forked child before its first one.
    ORUUID_API std::optional<Position> position();
    /// Moves the sequence forward to `p` if `p` is ahead of it, so that every later
    /// UUID sorts after any UUID laid out at `p` (another generator's last state, for
    /// example). Never moves it back. Throws std::out_of_range when `p` does not fit
    /// the layout.
    ORUUID_API void advance_to(Position p);

private:
    friend struct detail::ContextAccess;
    /// Forgets the sequence in a forked child (generation differs), under the lock.
    void drop_if_forked(std::uint64_t generation) noexcept;
    /// The next UUID for time unit `unit`, with the lock held and drop_if_forked done.
    Uuid next_locked(std::uint64_t unit, std::uint64_t random_tail, std::uint64_t random_seed);
    std::uint64_t unit_of(Timestamp ts) const;

    Options options_;
    detail::SpinLock lock_;
    std::uint64_t fork_generation_ = 0;
    bool started_ = false;
    std::uint64_t last_unit_ = 0;  // ms (Method 1) or ms * 4096 + sub-ms step (Method 3)
    std::uint64_t counter_ = 0;
};

/// The clock sequence state for v1 and v6, RFC 9562 §6.1.
///
/// The clock sequence is 14 random bits drawn once per process (and again in a forked
/// child). Timestamps strictly increase within the context: a tick that is not later
/// than the last becomes the last plus one, as CPython does, so two UUIDs from one
/// context never share a timestamp. Thread-safe.
class ClockSequence {
public:
    struct Tick {
        std::uint64_t ticks;      ///< 100 ns since 1582-10-15, 60 bits
        std::uint16_t clock_seq;  ///< 14 bits
    };

    constexpr ClockSequence() noexcept = default;
    ClockSequence(const ClockSequence&) = delete;
    ClockSequence& operator=(const ClockSequence&) = delete;

    /// The next tick at or after `now`. Throws std::out_of_range outside the 60-bit range.
    ORUUID_API Tick next(Timestamp now);

    /// The timestamp of the last tick handed out; nullopt before the first one, and
    /// in a forked child before its first one.
    ORUUID_API std::optional<std::uint64_t> last_ticks();
    /// Makes `ticks` the last tick if it is later, so that every later tick exceeds
    /// it. Never moves back. Throws std::out_of_range outside the 60-bit range.
    ORUUID_API void advance_to(std::uint64_t ticks);

private:
    friend struct detail::ContextAccess;
    void start_if_needed(std::uint64_t generation);
    detail::SpinLock lock_;
    std::uint64_t fork_generation_ = 0;
    bool started_ = false;
    std::uint64_t last_ticks_ = 0;
    std::uint16_t clock_seq_ = 0;
};

/// The process-wide contexts used by uuid1(), uuid6() and uuid7().
ORUUID_API ContextV7& global_context_v7() noexcept;
ORUUID_API ClockSequence& global_clock_sequence_v1() noexcept;
ORUUID_API ClockSequence& global_clock_sequence_v6() noexcept;

}  // namespace oruuid
