// tests/cpp/test_context.cpp: v7 order (RFC 9562 §6.2) and the v1/v6 clock sequence (§6.1).
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <thread>
#include <vector>

#include "internal/clock.hpp"
#include "internal/context_access.hpp"
#include "oruuid/oruuid.hpp"
#include "support.hpp"

using oruuid::ContextV7;
using oruuid::Timestamp;
using oruuid::Uuid;
using oruuid::detail::ContextAccess;
using oruuid_test::counter_of;
using oruuid_test::ms_of;

namespace {

// A controllable clock for the global generators.
Timestamp g_fake_now;
Timestamp fake_now() noexcept {
    return g_fake_now;
}

struct FakeClock {
    explicit FakeClock(Timestamp t) {
        g_fake_now = t;
        oruuid::detail::set_time_source_for_testing(&fake_now);
    }
    ~FakeClock() { oruuid::detail::set_time_source_for_testing(nullptr); }
};

}  // namespace

TEST(ContextV7, StrictlyIncreasingOverAMillionCalls) {
    Uuid last = oruuid::uuid7();
    for (int i = 0; i < 1000000; ++i) {
        Uuid u = oruuid::uuid7();
        ASSERT_LT(last, u) << i;
        last = u;
    }
}

TEST(ContextV7, FreshMillisecondSeedsCounterWithTopBitClear) {
    ContextV7 ctx;
    std::uint64_t seen_bits = 0;
    for (std::int64_t ms = 1; ms <= 2000; ++ms) {
        Uuid u = ctx.next(Timestamp::from_unix_ms(1700000000000 + ms));
        ASSERT_EQ(ms_of(u), static_cast<std::uint64_t>(1700000000000 + ms));
        // Bit 123 of the UUID, the top of rand_a, is the counter's top bit.
        ASSERT_EQ((u.high() >> 11) & 1, 0u);
        seen_bits |= counter_of(u);
    }
    // The other 41 counter bits are random: all of them appear.
    EXPECT_EQ(seen_bits, (1ULL << 41) - 1);
}

TEST(ContextV7, SameMillisecondIncrementsTheCounter) {
    ContextV7 ctx;
    const Timestamp t = Timestamp::from_unix_ms(1700000000000);
    Uuid a = ctx.next(t), b = ctx.next(t);
    EXPECT_EQ(ms_of(a), ms_of(b));
    EXPECT_EQ(counter_of(b), counter_of(a) + 1);
    EXPECT_LT(a, b);
}

TEST(ContextV7, CarriesAcrossRandABoundaryKeepOrder) {
    // uuid-rs #869: carries out of the low 30 counter bits must reach rand_a.
    ContextV7 ctx;
    const Timestamp t = Timestamp::from_unix_ms(1700000000000);
    ctx.next(t);
    ContextAccess::set_counter_for_testing(ctx, (1ULL << 30) - 2);
    Uuid a = ctx.next(t), b = ctx.next(t), c = ctx.next(t);
    EXPECT_EQ(counter_of(a), (1ULL << 30) - 1);
    EXPECT_EQ(counter_of(b), 1ULL << 30);
    EXPECT_EQ(b.high() & 0xFFF, 1u);
    EXPECT_LT(a, b);
    EXPECT_LT(b, c);
}

TEST(ContextV7, ClockSteppingBackKeepsOrder) {
    for (std::int64_t back_ms : {1000, 3600 * 1000}) {
        ContextV7 ctx;
        const std::int64_t t0 = 1700000000000;
        Uuid last = ctx.next(Timestamp::from_unix_ms(t0));
        for (int i = 0; i < 1000; ++i) {
            Uuid u = ctx.next(Timestamp::from_unix_ms(t0 - back_ms + i % 7));
            ASSERT_LT(last, u);
            ASSERT_EQ(ms_of(u), static_cast<std::uint64_t>(t0));  // keeps the last timestamp
            last = u;
        }
        // Once the clock passes the last timestamp, the UUIDs follow it again.
        Uuid u = ctx.next(Timestamp::from_unix_ms(t0 + 1));
        EXPECT_LT(last, u);
        EXPECT_EQ(ms_of(u), static_cast<std::uint64_t>(t0 + 1));
    }
}

TEST(ContextV7, ClockStandingStillForAMillionCalls) {
    ContextV7 ctx;
    const Timestamp t = Timestamp::from_unix_ms(1700000000000);
    Uuid last = ctx.next(t);
    for (int i = 0; i < 1000000; ++i) {
        Uuid u = ctx.next(t);
        ASSERT_LT(last, u);
        last = u;
    }
    // 10^6 increments fit in the 2^41 headroom: the timestamp never ran ahead.
    EXPECT_EQ(ms_of(last), 1700000000000u);
    Uuid released = ctx.next(Timestamp::from_unix_ms(1700000000005));
    EXPECT_LT(last, released);
    EXPECT_EQ(ms_of(released), 1700000000005u);
}

TEST(ContextV7, ClockJumpingForward) {
    ContextV7 ctx;
    Uuid a = ctx.next(Timestamp::from_unix_ms(1700000000000));
    Uuid b = ctx.next(Timestamp::from_unix_ms(1800000000000));
    EXPECT_LT(a, b);
    EXPECT_EQ(ms_of(b), 1800000000000u);
}

TEST(ContextV7, CounterOverflowBorrowsOneMillisecondAndNoMore) {
    ContextV7 ctx;
    const std::int64_t t0 = 1700000000000;
    Uuid last = ctx.next(Timestamp::from_unix_ms(t0));
    ContextAccess::set_counter_for_testing(ctx, (1ULL << 42) - 1);
    Uuid over = ctx.next(Timestamp::from_unix_ms(t0));
    EXPECT_LT(last, over);
    EXPECT_EQ(ms_of(over), static_cast<std::uint64_t>(t0 + 1));
    EXPECT_EQ((over.high() >> 11) & 1, 0u);  // reseeded with the top bit clear
    // The clock is still at t0: the context stays at t0 + 1 and counts on.
    Uuid next = ctx.next(Timestamp::from_unix_ms(t0));
    EXPECT_LT(over, next);
    EXPECT_EQ(ms_of(next), static_cast<std::uint64_t>(t0 + 1));
    // When the clock reaches t0 + 2, it follows the clock again: no drift.
    Uuid caught_up = ctx.next(Timestamp::from_unix_ms(t0 + 2));
    EXPECT_EQ(ms_of(caught_up), static_cast<std::uint64_t>(t0 + 2));
    EXPECT_LT(next, caught_up);
}

TEST(ContextV7, AdditionalPrecisionOrdersBySubMillisecond) {
    ContextV7 ctx(ContextV7::Options{true, 0});
    std::vector<Uuid> out;
    for (int us = 0; us < 3000; us += 7) {
        out.push_back(ctx.next(Timestamp::from_unix(1700000000, us * 1000)));
    }
    for (std::size_t i = 1; i < out.size(); ++i) ASSERT_LT(out[i - 1], out[i]);
    // 500 us is 2048/4096 of a millisecond.
    Uuid half =
        ContextV7(ContextV7::Options{true, 0}).next(Timestamp::from_unix(1700000000, 500000));
    EXPECT_EQ(half.high() & 0xFFF, 2048u);
    EXPECT_EQ(half.version(), 7);
}

TEST(ContextV7, AdditionalPrecisionSurvivesOverflow) {
    ContextV7 ctx(ContextV7::Options{true, 0});
    const Timestamp t = Timestamp::from_unix(1700000000, 999999);  // last sub-ms step
    Uuid a = ctx.next(t);
    ContextAccess::set_counter_for_testing(ctx, (1ULL << 30) - 1);
    Uuid b = ctx.next(t);
    EXPECT_LT(a, b);
    EXPECT_EQ(ms_of(b), ms_of(a) + 1);  // the sub-ms step carried into the milliseconds
    EXPECT_EQ(b.high() & 0xFFF, 0u);
}

TEST(ContextV7, AdjustByMillis) {
    ContextV7 ctx(ContextV7::Options{false, -1000});
    Uuid u = ctx.next(Timestamp::from_unix_ms(1700000000000));
    EXPECT_EQ(ms_of(u), 1699999999000u);
}

TEST(ContextV7, RangeErrors) {
    ContextV7 ctx;
    EXPECT_THROW(ctx.next(Timestamp::from_unix_ms(-1)), std::out_of_range);
    EXPECT_THROW(ctx.next(Timestamp::from_unix_ms(1LL << 48)), std::out_of_range);
    EXPECT_NO_THROW(ctx.next(Timestamp::from_unix_ms((1LL << 48) - 1)));
    EXPECT_THROW(oruuid::uuid7_at(Timestamp::from_unix_ms(-1)), std::out_of_range);
    ContextV7 early(ContextV7::Options{false, -10});
    EXPECT_THROW(early.next(Timestamp::from_unix_ms(5)), std::out_of_range);
}

TEST(ContextV7, NextManyContinuesTheSequence) {
    ContextV7 ctx;
    const Timestamp t = Timestamp::from_unix_ms(1700000000000);
    Uuid before = ctx.next(t);
    std::vector<Uuid> batch(10000);
    ctx.next_many(t, batch.data(), batch.size());
    Uuid after = ctx.next(t);
    EXPECT_LT(before, batch.front());
    for (std::size_t i = 1; i < batch.size(); ++i) ASSERT_LT(batch[i - 1], batch[i]);
    EXPECT_LT(batch.back(), after);
}

TEST(ContextV7, ExplicitTimestampLeavesTheGlobalSequenceAlone) {
    Uuid a = oruuid::uuid7();
    Uuid past = oruuid::uuid7_at(Timestamp::from_unix_ms(1000));
    Uuid b = oruuid::uuid7();
    EXPECT_EQ(ms_of(past), 1000u);
    EXPECT_EQ((past.high() >> 11) & 1, 0u);
    EXPECT_LT(a, b);
    EXPECT_LT(past, a);
}

TEST(ContextV7, EightThreads) {
    constexpr int kThreads = 8, kPerThread = 100000;
    std::vector<std::vector<Uuid>> out(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&out, t] {
            out[t].reserve(kPerThread);
            for (int i = 0; i < kPerThread; ++i) out[t].push_back(oruuid::uuid7());
        });
    }
    for (auto& th : threads) th.join();
    oruuid_test::expect_increasing_and_unique(out);
}

TEST(ContextV7, GlobalGeneratorUnderAFakeClock) {
    const std::int64_t t0 = 4000000000000;  // beyond any real clock, so the state resets
    Uuid last;
    {
        FakeClock clock(Timestamp::from_unix_ms(t0));
        last = oruuid::uuid7();
        g_fake_now = Timestamp::from_unix_ms(t0 - 3600 * 1000);
        for (int i = 0; i < 1000; ++i) {
            Uuid u = oruuid::uuid7();
            ASSERT_LT(last, u);
            last = u;
        }
        EXPECT_EQ(ms_of(last), static_cast<std::uint64_t>(t0));
        g_fake_now = Timestamp::from_unix_ms(t0 + 1);
        Uuid u = oruuid::uuid7();
        EXPECT_EQ(ms_of(u), static_cast<std::uint64_t>(t0 + 1));
        last = u;
    }
    // Back on the real clock (earlier than t0 + 1): still increasing.
    EXPECT_LT(last, oruuid::uuid7());
}

TEST(ClockSequence, TicksStrictlyIncrease) {
    oruuid::ClockSequence seq;
    const Timestamp t = Timestamp::from_unix(1700000000);
    auto a = seq.next(t);
    auto b = seq.next(t);
    auto c = seq.next(Timestamp::from_unix(1600000000));  // the clock went back
    EXPECT_EQ(b.ticks, a.ticks + 1);
    EXPECT_EQ(c.ticks, b.ticks + 1);
    EXPECT_EQ(a.clock_seq, b.clock_seq);
    EXPECT_LT(a.clock_seq, 1u << 14);
    auto d = seq.next(Timestamp::from_unix(1800000000));
    EXPECT_EQ(d.ticks,
              static_cast<std::uint64_t>(Timestamp::from_unix(1800000000).gregorian_ticks()));
}

TEST(ClockSequence, RangeErrors) {
    oruuid::ClockSequence seq;
    EXPECT_THROW(seq.next(Timestamp::from_gregorian(0) < Timestamp::from_unix(-12219292801LL)
                              ? Timestamp()
                              : Timestamp::from_unix(-12219292801LL)),
                 std::out_of_range);
    EXPECT_THROW(oruuid::uuid1_at(Timestamp::from_unix(-12219292801LL), 0, 0), std::out_of_range);
    EXPECT_THROW(oruuid::uuid6_at(Timestamp::from_gregorian(1ULL << 60), 0, 0), std::out_of_range);
    EXPECT_NO_THROW(oruuid::uuid6_at(Timestamp::from_gregorian((1ULL << 60) - 1), 0, 0));
}

TEST(ClockSequence, GlobalV1AndV6IncreaseAcrossThreads) {
    for (auto gen : {+[] { return oruuid::uuid1(); }, +[] { return oruuid::uuid6(); }}) {
        constexpr int kThreads = 8, kPerThread = 20000;
        std::vector<std::vector<std::uint64_t>> out(kThreads);
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&out, t, gen] {
                for (int i = 0; i < kPerThread; ++i) out[t].push_back(*oruuid::raw_time_of(gen()));
            });
        }
        for (auto& th : threads) th.join();
        std::vector<std::uint64_t> all;
        for (const auto& v : out) {
            for (std::size_t i = 1; i < v.size(); ++i) ASSERT_LT(v[i - 1], v[i]);
            all.insert(all.end(), v.begin(), v.end());
        }
        std::sort(all.begin(), all.end());
        EXPECT_EQ(std::adjacent_find(all.begin(), all.end()), all.end());  // no shared tick
    }
}

TEST(ContextV7, PositionReportsTheLastUuid) {
    ContextV7 ctx;
    EXPECT_FALSE(ctx.position().has_value());
    const Uuid u = ctx.next(Timestamp::from_unix_ms(1'700'000'000'000));
    const auto p = ctx.position();
    ASSERT_TRUE(p.has_value());
    EXPECT_EQ(p->unit, ms_of(u));
    EXPECT_EQ(p->counter, counter_of(u));
}

TEST(ContextV7, AdvanceToMovesForwardOnly) {
    ContextV7 ctx;
    const auto t = Timestamp::from_unix_ms(1'700'000'000'000);
    // Ahead of a fresh context, in the same millisecond: the next one follows it.
    ctx.advance_to({1'700'000'000'000, 0x3FF'FFFF'FF00});
    Uuid u = ctx.next(t);
    EXPECT_EQ(ms_of(u), 1'700'000'000'000u);
    EXPECT_EQ(counter_of(u), 0x3FF'FFFF'FF01u);
    // Behind the context: ignored.
    ctx.advance_to({1'600'000'000'000, 5});
    const Uuid w = ctx.next(t);
    EXPECT_GT(w, u);
    EXPECT_EQ(counter_of(w), 0x3FF'FFFF'FF02u);
    // A later millisecond than the clock: the sequence borrows it.
    ctx.advance_to({1'700'000'000'005, 7});
    const Uuid x = ctx.next(t);
    EXPECT_EQ(ms_of(x), 1'700'000'000'005u);
    EXPECT_EQ(counter_of(x), 8u);
    EXPECT_THROW(ctx.advance_to({Timestamp::kMaxUnixMs + 1, 0}), std::out_of_range);
    EXPECT_THROW(ctx.advance_to({0, std::uint64_t{1} << 42}), std::out_of_range);
}

TEST(ClockSequence, AdvanceToMovesForwardOnly) {
    oruuid::ClockSequence seq;
    EXPECT_FALSE(seq.last_ticks().has_value());
    const auto t = Timestamp::from_unix_ms(1'700'000'000'000);
    const auto now = static_cast<std::uint64_t>(t.gregorian_ticks());
    seq.advance_to(now + 1000);
    EXPECT_EQ(seq.next(t).ticks, now + 1001);
    seq.advance_to(now);  // behind: ignored
    EXPECT_EQ(seq.next(t).ticks, now + 1002);
    EXPECT_EQ(seq.last_ticks(), std::optional<std::uint64_t>(now + 1002));
    EXPECT_THROW(seq.advance_to(Timestamp::kMaxGregorianTicks + 1), std::out_of_range);
}
