// tests/cpp/test_reliability_fork.cpp: fork amid generating threads, forks of forks, inheritance.
//
// test_fork.cpp covers a single-threaded parent with sixteen children. Here the parent
// forks while threads hold the generators' locks, a child forks again, and a fake
// clock shows that a child drops the inherited v1/v6/v7 timestamps.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <set>
#include <thread>
#include <vector>

#include "internal/clock.hpp"
#include "oruuid/oruuid.hpp"
#include "support.hpp"

using oruuid::Timestamp;
using oruuid::Uuid;

namespace {

std::uint16_t clock_seq_of(const Uuid& u) {
    return static_cast<std::uint16_t>((u.low() >> 48) & 0x3FFF);
}

// Runs `body` in a forked child that writes its UUIDs to a pipe; a watchdog kills a
// child that deadlocks (a lock inherited in the held state). `body` may return a
// reference to storage made before the fork, so that a child forked while other
// threads run need not allocate (POSIX allows it only async-signal-safe calls).
template <typename Body>
std::vector<Uuid> in_child(Body body, int* exit_status) {
    const oruuid_test::Child child = oruuid_test::spawn([&body](int out) {
        alarm(60);
        const std::vector<Uuid>& mine = body();
        return oruuid_test::write_all(out, mine.data(), mine.size() * sizeof(Uuid)) ? 0 : 1;
    });
    std::vector<Uuid> theirs;
    if (child.pid >= 0) theirs = oruuid_test::read_all_of<Uuid>(child.out);
    *exit_status = oruuid_test::wait_for(child);
    return theirs;
}

// Four UUIDs per step: v4, v7, v1, v6; no allocation.
void fill_some_of_each(Uuid* out, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
        *out++ = oruuid::uuid4();
        *out++ = oruuid::uuid7();
        *out++ = oruuid::uuid1();
        *out++ = oruuid::uuid6();
    }
}

std::vector<Uuid> some_of_each(std::size_t n) {
    std::vector<Uuid> out(4 * n);
    fill_some_of_each(out.data(), n);
    return out;
}

void expect_unique_v4_v7(std::vector<Uuid> all) {
    all.erase(std::remove_if(all.begin(), all.end(),
                             [](const Uuid& u) { return u.version() != 4 && u.version() != 7; }),
              all.end());
    std::sort(all.begin(), all.end());
    EXPECT_EQ(std::adjacent_find(all.begin(), all.end()), all.end()) << "a v4 or v7 repeated";
}

}  // namespace

TEST(ReliabilityFork, ForkWhileThreadsGenerate) {
    // Four threads keep every generator's lock busy while the main thread forks: the
    // atfork handlers must hand each child unlocked, reset state.
    std::atomic<bool> stop{false};
    std::vector<std::vector<Uuid>> made(4);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&stop, &made, t] {
            // Kept up to a bound, so that memory does not grow with how long the forks
            // take (under valgrind on a loaded machine, a long time).
            constexpr std::size_t kKeep = std::size_t{1} << 18;
            while (!stop.load(std::memory_order_relaxed)) {
                std::vector<Uuid> batch = some_of_each(64);
                if (made[t].size() < kKeep)
                    made[t].insert(made[t].end(), batch.begin(), batch.end());
            }
        });
    }
    std::vector<Uuid> all;
    std::vector<std::uint16_t> child_v1_seqs;
    constexpr int kChildren = 24;
    for (int c = 0; c < kChildren; ++c) {
        int status = -1;
        std::vector<Uuid> buffer(4 * 2000);  // allocated before the fork, filled after
        std::vector<Uuid> theirs = in_child(
            [&buffer]() -> const std::vector<Uuid>& {
                fill_some_of_each(buffer.data(), 2000);
                return buffer;
            },
            &status);
        ASSERT_EQ(status, 0) << "child " << c << " failed or deadlocked";
        ASSERT_EQ(theirs.size(), 4u * 2000);
        child_v1_seqs.push_back(clock_seq_of(theirs[2]));
        for (const Uuid& u : theirs) {
            if (u.version() == 1) {
                ASSERT_EQ(clock_seq_of(u), child_v1_seqs.back());
            }
        }
        all.insert(all.end(), theirs.begin(), theirs.end());
    }
    stop = true;
    for (auto& th : threads) th.join();
    for (const auto& v : made) all.insert(all.end(), v.begin(), v.end());
    expect_unique_v4_v7(all);
    // Fresh 14-bit clock sequences: among 24 children, a few equal pairs at most
    // (expected 0.02; 4 or more has a chance below 10^-8).
    std::set<std::uint16_t> distinct(child_v1_seqs.begin(), child_v1_seqs.end());
    EXPECT_GE(distinct.size(), child_v1_seqs.size() - 3);
}

TEST(ReliabilityFork, GrandchildrenNeverRepeat) {
    // Three generations, each with live state inherited from the one before.
    std::vector<Uuid> all = some_of_each(5000);
    int status = -1;
    std::vector<Uuid> descendants = in_child(
        [] {
            std::vector<Uuid> mine = some_of_each(5000);
            int inner = -1;
            std::vector<Uuid> grandchild = in_child([] { return some_of_each(5000); }, &inner);
            if (inner != 0) _exit(3);
            mine.insert(mine.end(), grandchild.begin(), grandchild.end());
            std::vector<Uuid> more = some_of_each(5000);
            mine.insert(mine.end(), more.begin(), more.end());
            return mine;
        },
        &status);
    ASSERT_EQ(status, 0);
    ASSERT_EQ(descendants.size(), 3u * 4 * 5000);
    std::vector<Uuid> after = some_of_each(5000);
    all.insert(all.end(), after.begin(), after.end());
    all.insert(all.end(), descendants.begin(), descendants.end());
    expect_unique_v4_v7(all);
}

namespace {
std::int64_t g_fake_ms = 0;
Timestamp fake_now() noexcept {
    return Timestamp::from_unix_ms(g_fake_ms);
}
}  // namespace

TEST(ReliabilityFork, ChildDropsTheInheritedTimestamps) {
    // The parent has emitted at a late instant, then the clock went back 1 h. The
    // parent stays ahead (its sequences must not go back); a child starts afresh
    // from the clock (RFC 9562 §6.1: unknown state, so a new clock sequence and no
    // inherited timestamp), which its new clock sequence makes safe.
    int status = -1;
    // Run the parent side in a child too, so this test process keeps its own state.
    std::vector<Uuid> out = in_child(
        [] {
            oruuid::detail::set_time_source_for_testing(&fake_now);
            const std::int64_t late = 6000000000000;  // 2160
            g_fake_ms = late;
            std::vector<Uuid> v = {oruuid::uuid1(), oruuid::uuid6(), oruuid::uuid7()};
            g_fake_ms = late - 3600000;
            int inner = -1;
            std::vector<Uuid> child = in_child(
                [] {
                    return std::vector<Uuid>{oruuid::uuid1(), oruuid::uuid6(), oruuid::uuid7()};
                },
                &inner);
            if (inner != 0 || child.size() != 3) _exit(4);
            v.insert(v.end(), child.begin(), child.end());
            for (Uuid u : {oruuid::uuid1(), oruuid::uuid6(), oruuid::uuid7()}) v.push_back(u);
            return v;
        },
        &status);
    ASSERT_EQ(status, 0);
    ASSERT_EQ(out.size(), 9u);
    const auto late_ticks =
        static_cast<std::uint64_t>(Timestamp::from_unix_ms(6000000000000).gregorian_ticks());
    const auto back_ticks = static_cast<std::uint64_t>(
        Timestamp::from_unix_ms(6000000000000 - 3600000).gregorian_ticks());
    // Parent before the fork: the late instant.
    EXPECT_EQ(*oruuid::raw_time_of(out[0]), late_ticks);
    EXPECT_EQ(*oruuid::raw_time_of(out[1]), late_ticks);
    EXPECT_EQ(*oruuid::raw_time_of(out[2]), 6000000000000u);
    // Child: the clock as it is, not the parent's last + 1.
    EXPECT_EQ(*oruuid::raw_time_of(out[3]), back_ticks);
    EXPECT_EQ(*oruuid::raw_time_of(out[4]), back_ticks);
    EXPECT_EQ(*oruuid::raw_time_of(out[5]), 6000000000000u - 3600000);
    // Parent after the fork: still increasing from its own last.
    EXPECT_EQ(*oruuid::raw_time_of(out[6]), late_ticks + 1);
    EXPECT_EQ(*oruuid::raw_time_of(out[7]), late_ticks + 1);
    EXPECT_EQ(*oruuid::raw_time_of(out[8]), 6000000000000u);
    EXPECT_LT(out[2], out[8]);
}
