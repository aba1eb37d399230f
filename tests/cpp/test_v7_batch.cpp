// tests/cpp/test_v7_batch.cpp: the batch forms of v7 (ContextV7::next_many, next_each,
// uuid7_at_many) against the one-at-a-time calls they stand for.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

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

bool is_v7(const Uuid& u) {
    return u.version() == 7 && (u.low() >> 62) == 2;
}

}  // namespace

TEST(V7Batch, NextManyIsConsecutiveCounters) {
    ContextV7 ctx;
    const Timestamp t = Timestamp::from_unix_ms(1700000000000);
    const Uuid before = ctx.next(t);
    std::vector<Uuid> batch(5000);
    ctx.next_many(t, batch.data(), batch.size());
    EXPECT_EQ(counter_of(batch.front()), counter_of(before) + 1);
    for (std::size_t i = 0; i < batch.size(); ++i) {
        ASSERT_TRUE(is_v7(batch[i]));
        ASSERT_EQ(ms_of(batch[i]), 1700000000000u);
        if (i) {
            ASSERT_EQ(counter_of(batch[i]), counter_of(batch[i - 1]) + 1) << i;
        }
    }
    const Uuid after = ctx.next(t);
    EXPECT_EQ(counter_of(after), counter_of(batch.back()) + 1);
}

TEST(V7Batch, NextManyFreshMillisecondSeedsWithTopBitClear) {
    ContextV7 ctx;
    ctx.next(Timestamp::from_unix_ms(1000));
    std::vector<Uuid> batch(10);
    ctx.next_many(Timestamp::from_unix_ms(2000), batch.data(), batch.size());
    EXPECT_EQ(ms_of(batch[0]), 2000u);
    EXPECT_EQ((batch[0].high() >> 11) & 1, 0u);
}

TEST(V7Batch, NextManyOverflowBorrowsOneMillisecond) {
    ContextV7 ctx;
    const Timestamp t = Timestamp::from_unix_ms(1700000000000);
    ctx.next(t);
    ContextAccess::set_counter_for_testing(ctx, (std::uint64_t{1} << 42) - 3);
    std::vector<Uuid> batch(6);
    ctx.next_many(t, batch.data(), batch.size());
    for (std::size_t i = 1; i < batch.size(); ++i) ASSERT_LT(batch[i - 1], batch[i]);
    EXPECT_EQ(ms_of(batch[1]), 1700000000000u);  // counters 2^42-2 and 2^42-1
    EXPECT_EQ(ms_of(batch[2]), 1700000000001u);  // then a fresh seed, one ms on
    EXPECT_EQ((batch[2].high() >> 11) & 1, 0u);
    const Uuid after = ctx.next(t);
    EXPECT_LT(batch.back(), after);
    EXPECT_EQ(ms_of(after), 1700000000001u);
}

TEST(V7Batch, NextManyAdditionalPrecision) {
    ContextV7 ctx(ContextV7::Options{true, 0});
    const Timestamp t = Timestamp::from_unix(1700000000, 123456789);
    ContextAccess::set_counter_for_testing(ctx, 0);
    std::vector<Uuid> batch(1000);
    ctx.next_many(t, batch.data(), batch.size());
    for (std::size_t i = 1; i < batch.size(); ++i) ASSERT_LT(batch[i - 1], batch[i]);
    EXPECT_EQ(ms_of(batch[0]), 1700000000123u);
    EXPECT_EQ(batch[0].high() & 0xFFF, 456789u * 4096 / 1000000);
    ctx.next(t);
    ContextAccess::set_counter_for_testing(ctx, (std::uint64_t{1} << 30) - 1);
    ctx.next_many(t, batch.data(), 2);  // overflow: the next sub-ms step
    EXPECT_EQ(batch[0].high() & 0xFFF, 456789u * 4096 / 1000000 + 1);
}

TEST(V7Batch, NextManyExhaustedLeavesTheStateAlone) {
    ContextV7 ctx;
    const Timestamp last = Timestamp::from_unix_ms((1LL << 48) - 1);
    ctx.next(last);
    ContextAccess::set_counter_for_testing(ctx, (std::uint64_t{1} << 42) - 2);
    std::vector<Uuid> batch(3);
    EXPECT_THROW(ctx.next_many(last, batch.data(), batch.size()), std::out_of_range);
    // The one counter left is still there.
    EXPECT_NO_THROW(ctx.next_many(last, batch.data(), 1));
    EXPECT_EQ(counter_of(batch[0]), (std::uint64_t{1} << 42) - 1);
    EXPECT_THROW(ctx.next_many(Timestamp::from_unix_ms(-1), batch.data(), 0), std::out_of_range);
}

TEST(V7Batch, NextManyAcrossThreadsIsUniqueAndOrderedPerBatch) {
    ContextV7 ctx;
    constexpr int kThreads = 4, kBatches = 200, kSize = 500;
    std::vector<std::vector<Uuid>> out(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&ctx, &out, t] {
            std::vector<Uuid> batch(kSize);
            for (int b = 0; b < kBatches; ++b) {
                ctx.next_many(Timestamp::now(), batch.data(), batch.size());
                out[t].insert(out[t].end(), batch.begin(), batch.end());
                out[t].push_back(ctx.next());
            }
        });
    }
    for (auto& th : threads) th.join();
    oruuid_test::expect_increasing_and_unique(out);
}

TEST(V7Batch, NextEachMatchesNextOneAtATime) {
    std::vector<Timestamp> ts;
    for (int i = 0; i < 3000; ++i)
        ts.push_back(Timestamp::from_unix_ms(1700000000000 + (i * 7) % 50));
    ContextV7 batch_ctx, single_ctx;
    std::vector<Uuid> batch(ts.size());
    batch_ctx.next_each(ts.data(), batch.data(), ts.size());
    for (std::size_t i = 0; i < ts.size(); ++i) {
        const Uuid one = single_ctx.next(ts[i]);
        ASSERT_EQ(ms_of(batch[i]), ms_of(one)) << i;  // same timestamps: same policy
        if (i) {
            ASSERT_LT(batch[i - 1], batch[i]);
        }
    }
}

TEST(V7Batch, NextEachNamesTheBadInstantAndChangesNothing) {
    ContextV7 ctx(ContextV7::Options{false, -1000});
    const Uuid first = ctx.next(Timestamp::from_unix_ms(5000));
    std::vector<Timestamp> ts = {Timestamp::from_unix_ms(6000), Timestamp::from_unix_ms(500),
                                 Timestamp::from_unix_ms(7000)};
    std::vector<Uuid> out(3);
    std::size_t bad = 99;
    EXPECT_THROW(ctx.next_each(ts.data(), out.data(), 3, &bad), std::out_of_range);
    EXPECT_EQ(bad, 1u);
    EXPECT_EQ(out[0], Uuid());
    const auto p = ctx.position();
    ASSERT_TRUE(p.has_value());
    EXPECT_EQ(p->unit, ms_of(first));
}

TEST(V7Batch, AtManyIsIndependentAndChecksFirst) {
    std::vector<Timestamp> ts = {Timestamp::from_unix_ms(0), Timestamp::from_unix_ms(5),
                                 Timestamp::from_unix_ms((1LL << 48) - 1),
                                 Timestamp::from_unix_ms(5)};
    std::vector<Uuid> out(ts.size());
    const Uuid before = oruuid::uuid7();
    oruuid::uuid7_at_many(ts.data(), out.data(), ts.size());
    const Uuid after = oruuid::uuid7();
    EXPECT_LT(before, after);
    for (std::size_t i = 0; i < ts.size(); ++i) {
        EXPECT_TRUE(is_v7(out[i]));
        EXPECT_EQ(ms_of(out[i]), static_cast<std::uint64_t>(ts[i].unix_ms()));
        EXPECT_EQ((out[i].high() >> 11) & 1, 0u);  // counter top bit clear, as uuid7_at
    }
    EXPECT_NE(out[1], out[3]);
    ts[2] = Timestamp::from_unix_ms(1LL << 48);
    std::vector<Uuid> untouched(ts.size());
    std::size_t bad = 99;
    EXPECT_THROW(oruuid::uuid7_at_many(ts.data(), untouched.data(), ts.size(), &bad),
                 std::out_of_range);
    EXPECT_EQ(bad, 2u);
    for (const Uuid& u : untouched) EXPECT_EQ(u, Uuid());
}

TEST(V7Batch, AtManyRandomBitsVary) {
    std::vector<Timestamp> ts(2000, Timestamp::from_unix_ms(1700000000000));
    std::vector<Uuid> out(ts.size());
    oruuid::uuid7_at_many(ts.data(), out.data(), ts.size());
    std::set<Uuid> seen(out.begin(), out.end());
    EXPECT_EQ(seen.size(), out.size());
    std::uint64_t ones = 0;
    for (const Uuid& u : out) ones |= counter_of(u);
    EXPECT_EQ(ones, (std::uint64_t{1} << 41) - 1);  // every counter bit but the top one seen
}
