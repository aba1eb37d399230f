// tests/cpp/test_reliability_clock.cpp: global uuid1/uuid6/uuid7 under a faulty clock, vs a model.
//
// test_context.cpp covers each fault on a ContextV7 of its own; these drive the
// process-wide generators through the test-only time source with random walks of
// faults (steps back of 1 s and 1 h, a clock standing still, jumps forward, forced
// counter overflows) and check every UUID against a model of RFC 9562 §6.1/§6.2.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>

#include "internal/clock.hpp"
#include "internal/context_access.hpp"
#include "oruuid/oruuid.hpp"
#include "support.hpp"

using oruuid::Timestamp;
using oruuid::Uuid;
using oruuid::detail::ContextAccess;

namespace {

// The fake clock: whole seconds plus an offset in nanoseconds (either alone would
// overflow 64 bits of nanoseconds near the end of v7's range).
std::int64_t g_base_s = 0;
std::int64_t g_offset_ns = 0;
Timestamp fake_now() noexcept {
    return Timestamp::from_unix(g_base_s, g_offset_ns);
}

struct FakeClock {
    FakeClock() { oruuid::detail::set_time_source_for_testing(&fake_now); }
    ~FakeClock() { oruuid::detail::set_time_source_for_testing(nullptr); }
    void set_ms(std::int64_t ms) {
        g_base_s = ms / 1000;
        g_offset_ns = ms % 1000 * 1000000;
    }
};

// Each test starts the global generators at an instant later than anything used
// before in this process, so they take it as a fresh start (a new millisecond
// reseeds v7; a later tick is taken as is by v1/v6).
std::int64_t fresh_base_ms() {
    static std::int64_t next = 5000000000000;  // 2128
    next += 100000000000;                      // ~3 years apart, beyond any walk
    return next;
}

using oruuid_test::counter_of;
using oruuid_test::ms_of;

std::uint16_t clock_seq_of(const Uuid& u) {
    return static_cast<std::uint16_t>((u.low() >> 48) & 0x3FFF);
}

constexpr std::uint64_t kCounterMax = (1ULL << 42) - 1;

// The v7 model: the emitted millisecond is the clock's when the clock is past the
// last one; otherwise the last one, plus one on a counter overflow.
struct V7Model {
    bool started = false;
    std::uint64_t last_ms = 0;
    std::uint64_t counter = 0;
    bool forced_overflow = false;

    void check(const Uuid& u, std::uint64_t clock_ms, const Uuid& prev, bool have_prev) {
        ASSERT_EQ(u.version(), 7);
        if (have_prev) {
            ASSERT_LT(prev, u);
        }
        if (!started || clock_ms > last_ms) {
            // A fresh millisecond: the clock's own, counter reseeded with the top bit clear.
            ASSERT_EQ(ms_of(u), clock_ms);
            ASSERT_EQ(counter_of(u) >> 41, 0u);
        } else if (forced_overflow) {
            // Borrowed one millisecond, no more.
            ASSERT_EQ(ms_of(u), last_ms + 1);
            ASSERT_EQ(counter_of(u) >> 41, 0u);
        } else {
            ASSERT_EQ(ms_of(u), last_ms);
            ASSERT_EQ(counter_of(u), counter + 1);
        }
        // The bound: never more than 1 ms ahead of a clock that has caught up.
        if (clock_ms > last_ms || !started) {
            ASSERT_LE(ms_of(u), clock_ms + 1);
        }
        started = true;
        last_ms = ms_of(u);
        counter = counter_of(u);
        forced_overflow = false;
    }
};

}  // namespace

TEST(ReliabilityClock, V7RandomWalksOfFaultsMatchTheModel) {
    FakeClock clock;
    std::mt19937_64 rng(20240917);
    for (int walk = 0; walk < 20; ++walk) {
        const std::int64_t base = fresh_base_ms();
        std::int64_t now = base;
        clock.set_ms(now);
        V7Model model;
        Uuid prev;
        bool have_prev = false;
        for (int step = 0; step < 2000; ++step) {
            switch (rng() % 8) {
                case 0:
                    now -= 1000;
                    break;  // NTP steps back 1 s
                case 1:
                    now -= 3600000;
                    break;  // 1 h (a wrong time zone fixed)
                case 2:
                    now += 1;
                    break;  // the clock ticks on
                case 3:
                    now += rng() % 50;
                    break;  // it jitters forward
                case 4:
                    now += 86400000;
                    break;  // jumps a day ahead
                case 5:     // forced overflow
                    ContextAccess::set_counter_for_testing(oruuid::global_context_v7(),
                                                           kCounterMax);
                    model.forced_overflow = true;
                    break;
                default:
                    break;  // stands still
            }
            clock.set_ms(now);
            const int calls = 1 + static_cast<int>(rng() % 20);
            for (int i = 0; i < calls; ++i) {
                Uuid u = oruuid::uuid7();
                ASSERT_NO_FATAL_FAILURE(
                    model.check(u, static_cast<std::uint64_t>(now), prev, have_prev))
                    << "walk " << walk << " step " << step;
                prev = u;
                have_prev = true;
            }
        }
    }
}

TEST(ReliabilityClock, V7StandingStillForAMillionCallsThenCatchingUp) {
    FakeClock clock;
    const std::int64_t t = fresh_base_ms();
    clock.set_ms(t);
    Uuid last = oruuid::uuid7();
    for (int i = 0; i < 1000000; ++i) {
        Uuid u = oruuid::uuid7();
        ASSERT_LT(last, u);
        last = u;
    }
    EXPECT_EQ(ms_of(last), static_cast<std::uint64_t>(t));  // never ran ahead
    clock.set_ms(t + 1);
    EXPECT_EQ(ms_of(oruuid::uuid7()), static_cast<std::uint64_t>(t + 1));
}

TEST(ReliabilityClock, V7RepeatedOverflowsRunAheadOnlyUntilTheClockPasses) {
    // 100 forced overflows while the clock stands still: 100 ms borrowed, one each.
    FakeClock clock;
    const std::int64_t t = fresh_base_ms();
    clock.set_ms(t);
    Uuid last = oruuid::uuid7();
    for (int i = 1; i <= 100; ++i) {
        ContextAccess::set_counter_for_testing(oruuid::global_context_v7(), kCounterMax);
        Uuid u = oruuid::uuid7();
        ASSERT_LT(last, u);
        ASSERT_EQ(ms_of(u), static_cast<std::uint64_t>(t + i));
        last = u;
    }
    // Behind the emitted time, the clock is ignored ...
    clock.set_ms(t + 50);
    Uuid u = oruuid::uuid7();
    EXPECT_LT(last, u);
    EXPECT_EQ(ms_of(u), static_cast<std::uint64_t>(t + 100));
    // ... and once past it, followed exactly (no drift, unlike CPython #138862).
    clock.set_ms(t + 101);
    EXPECT_EQ(ms_of(oruuid::uuid7()), static_cast<std::uint64_t>(t + 101));
}

TEST(ReliabilityClock, V7OutOfRangeClockThrowsAndLeavesTheSequenceUsable) {
    FakeClock clock;
    const std::int64_t t = fresh_base_ms();
    clock.set_ms(t);
    Uuid a = oruuid::uuid7();
    clock.set_ms(-1);  // before 1970
    EXPECT_THROW(oruuid::uuid7(), std::out_of_range);
    clock.set_ms(t);
    Uuid b = oruuid::uuid7();
    EXPECT_LT(a, b);
}

// At the last millisecond of the 48-bit range a counter overflow has no later
// millisecond to borrow: the context refuses rather than wrap to 1970, and stays
// refusing, without losing its place, until the clock is set back in range.
TEST(ReliabilityClock, V7OverflowAtTheEndOfTimeNeverWraps) {
    FakeClock clock;
    const std::int64_t t = static_cast<std::int64_t>(Timestamp::kMaxUnixMs);
    clock.set_ms(t);
    const Uuid last = oruuid::uuid7();
    EXPECT_EQ(*oruuid::raw_time_of(last), Timestamp::kMaxUnixMs);
    ContextAccess::set_counter_for_testing(oruuid::global_context_v7(), kCounterMax);
    EXPECT_THROW(oruuid::uuid7(), std::out_of_range);
    EXPECT_THROW(oruuid::uuid7(), std::out_of_range);
    // An earlier clock still counts on from the last UUID, which is the greatest.
    ContextAccess::set_counter_for_testing(oruuid::global_context_v7(), kCounterMax - 1);
    clock.set_ms(t - 5);
    const Uuid u = oruuid::uuid7();
    EXPECT_LT(last, u);
    EXPECT_EQ(*oruuid::raw_time_of(u), Timestamp::kMaxUnixMs);
}

// The same with Method 3: the last sub-millisecond step of the last millisecond.
TEST(ReliabilityClock, V7Method3OverflowAtTheEndOfTimeNeverWraps) {
    oruuid::ContextV7 ctx({/*additional_precision=*/true, 0});
    const Timestamp end = Timestamp::from_unix(
        static_cast<std::int64_t>(Timestamp::kMaxUnixMs / 1000),
        static_cast<std::int64_t>(Timestamp::kMaxUnixMs % 1000 * 1000000 + 999999));
    const Uuid last = ctx.next(end);
    ContextAccess::set_counter_for_testing(ctx, ~std::uint64_t{0});
    EXPECT_THROW(ctx.next(end), std::out_of_range);
    ContextAccess::set_counter_for_testing(ctx,
                                           (std::uint64_t{1} << 30) - 2);  // one increment of room
    EXPECT_LT(last, ctx.next(end));
}

// v1 and v6 (RFC 9562 §6.1): one random clock sequence per process, and timestamps
// that never repeat or go back: a tick not later than the last becomes last + 1.
class ReliabilityClockV1V6 : public ::testing::TestWithParam<int> {
protected:
    Uuid make() const { return GetParam() == 1 ? oruuid::uuid1() : oruuid::uuid6(); }
};

TEST_P(ReliabilityClockV1V6, RandomWalksOfFaultsMatchTheModel) {
    FakeClock clock;
    std::mt19937_64 rng(GetParam() * 7919);
    for (int walk = 0; walk < 10; ++walk) {
        clock.set_ms(fresh_base_ms());
        std::int64_t now_ns = 0;  // offset from the walk's start
        Uuid first = make();
        std::uint64_t last = *oruuid::raw_time_of(first);
        ASSERT_EQ(last, static_cast<std::uint64_t>(fake_now().gregorian_ticks()));
        const std::uint16_t clock_seq = clock_seq_of(first);
        for (int step = 0; step < 2000; ++step) {
            switch (rng() % 6) {
                case 0:
                    now_ns -= 1000000000;
                    break;  // back 1 s
                case 1:
                    now_ns -= 3600000000000;
                    break;  // back 1 h
                case 2:
                    now_ns += 86400000000000;
                    break;  // a day ahead
                case 3:
                    now_ns += rng() % 100000;
                    break;  // creeping on
                default:
                    break;  // standing still
            }
            g_offset_ns = now_ns;
            const auto clock_ticks = static_cast<std::uint64_t>(fake_now().gregorian_ticks());
            const int calls = 1 + static_cast<int>(rng() % 20);
            for (int i = 0; i < calls; ++i) {
                Uuid u = make();
                const std::uint64_t ticks = *oruuid::raw_time_of(u);
                ASSERT_EQ(u.version(), GetParam());
                ASSERT_EQ(ticks, clock_ticks > last ? clock_ticks : last + 1)
                    << "walk " << walk << " step " << step;
                // The sequence changes only with the process (§6.1: timestamps never
                // went back here, so it need not change).
                ASSERT_EQ(clock_seq_of(u), clock_seq);
                last = ticks;
            }
        }
    }
}

TEST_P(ReliabilityClockV1V6, StandingStillForAMillionCallsThenCatchingUp) {
    FakeClock clock;
    clock.set_ms(fresh_base_ms());
    const auto t = static_cast<std::uint64_t>(fake_now().gregorian_ticks());
    Uuid first = make();
    ASSERT_EQ(*oruuid::raw_time_of(first), t);
    std::uint64_t last = t;
    for (int i = 0; i < 1000000; ++i) {
        const std::uint64_t ticks = *oruuid::raw_time_of(make());
        ASSERT_EQ(ticks, last + 1);
        last = ticks;
    }
    // 10^6 ticks of 100 ns: 0.1 s ahead of the stopped clock. Once the clock passes
    // that, it is followed again.
    g_offset_ns += 200000000;
    EXPECT_EQ(*oruuid::raw_time_of(make()), t + 2000000);
}

TEST_P(ReliabilityClockV1V6, ExhaustingThe60BitRangeThrows) {
#if !ORUUID_TEST_HAS_FORK
    GTEST_SKIP() << "needs fork: this process's v1/v6 state would stay at the last tick";
#else
    // In a child: afterwards this process's v1/v6 state would stay at the last tick.
    const oruuid_test::Child child = oruuid_test::spawn([this](int) {
        oruuid::detail::set_time_source_for_testing(
            +[]() noexcept { return Timestamp::from_gregorian(Timestamp::kMaxGregorianTicks); });
        int status = *oruuid::raw_time_of(make()) == Timestamp::kMaxGregorianTicks ? 0 : 1;
        try {
            make();  // the same tick again: last + 1 does not fit in 60 bits
            status |= 2;
        } catch (const std::out_of_range&) {  // rather than wrap to 1582
        }
        return status;
    });
    ASSERT_GE(child.pid, 0);
    EXPECT_EQ(oruuid_test::wait_for(child), 0)
        << "1: the last tick was not emitted, 2: no exception";
#endif
}

INSTANTIATE_TEST_SUITE_P(Versions, ReliabilityClockV1V6, ::testing::Values(1, 6),
                         [](const ::testing::TestParamInfo<int>& info) {
                             return "v" + std::to_string(info.param);
                         });
