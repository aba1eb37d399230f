// tests/cpp/test_random.cpp: the per-thread CSPRNG: sizes, threads, fork, kernel mode, reseeding.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "internal/platform.hpp"
#include "internal/random_testing.hpp"
#include "oruuid/random.hpp"

#if defined(__unix__) || defined(__APPLE__)
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "support.hpp"
#define ORUUID_TEST_FORK 1
#endif

namespace {

using oruuid::fill_random;
using oruuid::random_source;
using oruuid::random_u64;
using oruuid::RandomSource;
using oruuid::detail::thread_random_stats_for_testing;

using Block = std::array<std::uint8_t, 32>;

Block draw32() {
    Block b;
    fill_random(b.data(), b.size());
    return b;
}

// Restores the source a test changed, whatever the environment chose.
class SourceGuard {
public:
    explicit SourceGuard(RandomSource s) : saved_(random_source()) {
        oruuid::detail::set_random_source_for_testing(s);
    }
    ~SourceGuard() { oruuid::detail::set_random_source_for_testing(saved_); }

private:
    RandomSource saved_;
};

// Runs first in this file, and alone when ctest runs each test in its own process.
// EnvironmentSelectsKernel re-runs it with ORUUID_RANDOM=kernel.
TEST(Random, SourceMatchesEnvironment) {
    const char* env = std::getenv("ORUUID_RANDOM");
    const bool kernel = env != nullptr && std::string(env) == "kernel";
    EXPECT_EQ(random_source(), kernel ? RandomSource::kernel : RandomSource::chacha20);
}

TEST(Random, FillsEverySizeAndNothingMore) {
    const std::size_t sizes[] = {0,    1,    7,    8,    15,    16,     17,      31,
                                 32,   63,   64,   65,   127,   992,    1023,    1024,
                                 1025, 4096, 4097, 9999, 65536, 100003, 1 << 20, (1 << 20) + 3};
    for (std::size_t n : sizes) {
        for (std::size_t misalign : {0, 1, 3}) {
            std::vector<std::uint8_t> a(n + 64 + misalign, 0xEE), b(n + 64 + misalign, 0xEE);
            fill_random(a.data() + misalign, n);
            fill_random(b.data() + misalign, n);
            for (std::size_t i = 0; i < misalign; ++i) ASSERT_EQ(a[i], 0xEE) << n;
            for (std::size_t i = misalign + n; i < a.size(); ++i) ASSERT_EQ(a[i], 0xEE) << n;
            if (n >= 16) {
                EXPECT_NE(std::memcmp(a.data() + misalign, b.data() + misalign, n), 0) << n;
                // 16 random bytes all equal to the sentinel: probability 2^-128.
                std::vector<std::uint8_t> sentinel(16, 0xEE);
                EXPECT_NE(std::memcmp(a.data() + misalign + n - 16, sentinel.data(), 16), 0) << n;
            }
        }
    }
}

TEST(Random, SmallDrawsNeverRepeat) {
    std::set<std::array<std::uint8_t, 16>> seen;
    for (int i = 0; i < 20000; ++i) {
        std::array<std::uint8_t, 16> v;
        fill_random(v.data(), v.size());
        ASSERT_TRUE(seen.insert(v).second) << "repeat after " << i << " draws";
    }
    std::set<std::uint64_t> words;
    for (int i = 0; i < 20000; ++i) words.insert(random_u64());
    EXPECT_EQ(words.size(), 20000u);
}

// Byte frequencies over 4 MiB drawn in mixed sizes. Chi-square with 255 degrees of
// freedom has mean 255 and sd 22.6; the bounds are beyond 6 sd, probability < 1e-9.
TEST(Random, ByteDistributionIsSane) {
    std::vector<std::uint8_t> data(4 << 20);
    const std::size_t steps[] = {1, 3, 16, 17, 64, 100, 1000, 70000};
    for (std::size_t at = 0, i = 0; at < data.size(); ++i) {
        const std::size_t n = std::min(steps[i % 8], data.size() - at);
        fill_random(data.data() + at, n);
        at += n;
    }
    std::array<std::uint64_t, 256> counts{};
    std::array<std::uint64_t, 8> ones{};
    for (auto b : data) {
        ++counts[b];
        for (int bit = 0; bit < 8; ++bit) ones[bit] += (b >> bit) & 1;
    }
    const double expected = static_cast<double>(data.size()) / 256;
    double chi2 = 0;
    for (auto c : counts) chi2 += (c - expected) * (c - expected) / expected;
    EXPECT_GT(chi2, 120.0);
    EXPECT_LT(chi2, 450.0);
    // Each bit: mean n/2, sd sqrt(n)/2 = 1024; allow 8 sd.
    for (auto o : ones) EXPECT_NEAR(static_cast<double>(o), data.size() / 2.0, 8 * 1024.0);
}

TEST(Random, ThreadsGetDifferentStreams) {
    constexpr int kThreads = 8;
    std::vector<std::array<Block, 4>> out(kThreads);
    std::vector<oruuid::detail::ThreadRandomStats> stats(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
        threads.emplace_back([&, t] {
            for (auto& b : out[t]) b = draw32();
            stats[t] = thread_random_stats_for_testing();
        });
    for (auto& th : threads) th.join();
    std::set<Block> all;
    for (const auto& per : out)
        for (const auto& b : per) EXPECT_TRUE(all.insert(b).second);
    for (const auto& s : stats) {
        if (random_source() == RandomSource::chacha20) {
            EXPECT_TRUE(s.active);
            EXPECT_EQ(s.kernel_seeds, 1u);  // each thread seeded itself from the kernel
        }
    }
}

// A thread_local destroyed after the generator's own state must still get bytes.
TEST(Random, WorksDuringThreadExit) {
    struct LateUser {
        Block* dst = nullptr;
        ~LateUser() {
            if (dst != nullptr) *dst = draw32();
        }
    };
    Block late{}, zero{};
    std::thread([&] {
        static thread_local LateUser user;  // constructed before the generator's state
        user.dst = &late;
        (void)draw32();
    }).join();
    EXPECT_NE(late, zero);
}

TEST(Random, KernelSourceWorks) {
    SourceGuard guard(RandomSource::kernel);
    EXPECT_EQ(random_source(), RandomSource::kernel);
    const auto before = thread_random_stats_for_testing();
    const Block a = draw32(), b = draw32();
    std::vector<std::uint8_t> big(100000);
    fill_random(big.data(), big.size());
    const auto after = thread_random_stats_for_testing();
    EXPECT_NE(a, b);
    EXPECT_NE(a, Block{});
    // No keystream was generated: the bytes came from the kernel.
    EXPECT_EQ(after.keystream_bytes, before.keystream_bytes);
    EXPECT_EQ(after.kernel_seeds, before.kernel_seeds);

    std::array<std::uint8_t, 64> direct{};
    oruuid::detail::fill_kernel_random(direct.data(), direct.size());
    EXPECT_NE(direct, (std::array<std::uint8_t, 64>{}));
}

// Every MiB of keystream brings a fresh kernel key, and output stays fresh across it.
TEST(Random, ReseedsEveryMebibyte) {
    SourceGuard guard(RandomSource::chacha20);
    (void)draw32();
    const auto before = thread_random_stats_for_testing();
    std::set<Block> seen;
    for (int i = 0; i < (3 << 20) / 32; ++i) ASSERT_TRUE(seen.insert(draw32()).second);
    std::vector<std::uint8_t> big(64 << 10);
    for (int i = 0; i < 48; ++i) {
        fill_random(big.data(), big.size());
        Block head;
        std::memcpy(head.data(), big.data(), head.size());
        ASSERT_TRUE(seen.insert(head).second);
    }
    const auto after = thread_random_stats_for_testing();
    const std::uint64_t generated = after.keystream_bytes - before.keystream_bytes;
    const std::uint64_t seeds = after.kernel_seeds - before.kernel_seeds;
    EXPECT_GE(generated, std::uint64_t{6} << 20);
    EXPECT_GE(seeds, generated / (1 << 20) - 1);
    EXPECT_LE(seeds, generated / (1 << 20) + 2);  // and not much more often
}

#if ORUUID_TEST_FORK
struct ChildReport {
    Block bytes;
    std::uint64_t fork_generation;
};

// 16 children forked from a parent with keystream buffered: none may replay the
// parent's next bytes or a sibling's.
TEST(Random, ForkedChildrenDiffer) {
    SourceGuard guard(RandomSource::chacha20);
    (void)draw32();  // the parent now has buffered keystream a child would inherit
    const std::uint64_t parent_generation = oruuid::detail::fork_generation();

    constexpr int kChildren = 16;
    std::vector<ChildReport> reports(kChildren);
    std::vector<oruuid_test::Child> children;
    for (int i = 0; i < kChildren; ++i) {
        children.push_back(oruuid_test::spawn([](int out) {
            ChildReport r{draw32(), oruuid::detail::fork_generation()};
            return oruuid_test::write_all(out, &r, sizeof r) ? 0 : 3;
        }));
        ASSERT_GE(children.back().pid, 0);
    }
    const Block parent_next = draw32();
    for (int i = 0; i < kChildren; ++i) {
        EXPECT_TRUE(oruuid_test::read_all(children[i].out, &reports[i], sizeof(ChildReport)));
        EXPECT_EQ(oruuid_test::wait_for(children[i]), 0);
    }
    std::set<Block> all{parent_next};
    for (const auto& r : reports) {
        EXPECT_TRUE(all.insert(r.bytes).second) << "a child repeated another process's bytes";
        EXPECT_EQ(r.fork_generation, parent_generation + 1);
    }
    EXPECT_EQ(oruuid::detail::fork_generation(), parent_generation);
}

#if defined(__linux__) && defined(SYS_clone) && (defined(__x86_64__) || defined(__aarch64__))
// A child made by the raw clone syscall runs no pthread_atfork handlers, so only
// MADV_WIPEONFORK can tell the generator it was copied.
TEST(Random, RawCloneChildDiffersThroughWipeOnFork) {
    SourceGuard guard(RandomSource::chacha20);
    (void)draw32();
    if (!thread_random_stats_for_testing().wipe_on_fork)
        GTEST_SKIP() << "kernel lacks MADV_WIPEONFORK";
    // qemu-user accepts madvise() and ignores it: the child's pages are not wiped.
    if (const char* emulator = std::getenv("ORUUID_TEST_EMULATOR"))
        GTEST_SKIP() << "MADV_WIPEONFORK is not emulated by " << emulator;
    const std::uint64_t generation = oruuid::detail::fork_generation();
    int p[2];
    ASSERT_EQ(::pipe(p), 0);
    // flags, stack, parent_tid, child_tid, tls: a plain fork without libc's handlers.
    long pid = ::syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0);
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        ChildReport r{draw32(), oruuid::detail::fork_generation_relaxed()};
        _exit(oruuid_test::write_all(p[1], &r, sizeof r) ? 0 : 3);
    }
    ::close(p[1]);
    const Block parent_next = draw32();
    ChildReport r{};
    EXPECT_TRUE(oruuid_test::read_all(p[0], &r, sizeof r));
    ::close(p[0]);
    int status = 0;
    ASSERT_EQ(::waitpid(static_cast<pid_t>(pid), &status, 0), pid);
    EXPECT_EQ(r.fork_generation, generation);  // the handler did not run...
    EXPECT_NE(r.bytes, parent_next);           // ...yet the child reseeded
    EXPECT_NE(r.bytes, Block{});
}
#endif

#if defined(__linux__)
// ORUUID_RANDOM=kernel, read at first use: re-run SourceMatchesEnvironment in a fresh
// process with it set.
TEST(Random, EnvironmentSelectsKernel) {
    const oruuid_test::Child child = oruuid_test::spawn([](int out) {
        ::dup2(out, 1);
        ::setenv("ORUUID_RANDOM", "kernel", 1);
        ::execl("/proc/self/exe", "test_random", "--gtest_filter=Random.SourceMatchesEnvironment",
                static_cast<char*>(nullptr));
        // ENOEXEC: a foreign binary under qemu-user with no binfmt_misc handler for it.
        return errno == ENOEXEC ? 126 : 127;
    });
    ASSERT_GE(child.pid, 0);
    const std::string output = oruuid_test::read_to_end(child.out);
    const int status = oruuid_test::wait_for(child);
    if (status == 126) GTEST_SKIP() << "cannot exec this binary again (emulated, no binfmt_misc)";
    EXPECT_EQ(status, 0) << output;
    EXPECT_NE(output.find("[  PASSED  ] 1 test"), std::string::npos) << output;
}
#endif
#endif  // ORUUID_TEST_FORK

}  // namespace
