// tests/cpp/test_fork.cpp: forked children never repeat their parent's or siblings' UUIDs.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <vector>

#include "oruuid/oruuid.hpp"

using oruuid::Uuid;

namespace {

constexpr int kChildren = 16;
constexpr int kPerProcess = 20000;

std::vector<Uuid> generate() {
    std::vector<Uuid> out;
    for (int i = 0; i < kPerProcess; ++i) {
        out.push_back(oruuid::uuid4());
        out.push_back(oruuid::uuid7());
    }
    return out;
}

bool read_all(int fd, void* buf, std::size_t n) {
    auto* p = static_cast<char*>(buf);
    while (n > 0) {
        ssize_t r = read(fd, p, n);
        if (r <= 0) return false;
        p += r;
        n -= static_cast<std::size_t>(r);
    }
    return true;
}

}  // namespace

TEST(Fork, ParentAndSixteenChildrenNeverCollide) {
    // Warm the parent's generators so the children inherit live state.
    std::vector<Uuid> all = generate();
    const std::uint16_t parent_clock_seq = (oruuid::uuid1().low() >> 48) & 0x3FFF;
    std::vector<int> fds;
    std::vector<pid_t> pids;
    for (int c = 0; c < kChildren; ++c) {
        int fd[2];
        ASSERT_EQ(pipe(fd), 0);
        pid_t pid = fork();
        ASSERT_GE(pid, 0);
        if (pid == 0) {
            close(fd[0]);
            std::vector<Uuid> mine = generate();
            mine.push_back(oruuid::uuid1());
            const char* p = reinterpret_cast<const char*>(mine.data());
            std::size_t n = mine.size() * sizeof(Uuid);
            while (n > 0) {
                ssize_t w = write(fd[1], p, n);
                if (w <= 0) _exit(1);
                p += w;
                n -= static_cast<std::size_t>(w);
            }
            _exit(0);
        }
        close(fd[1]);
        fds.push_back(fd[0]);
        pids.push_back(pid);
    }
    std::vector<Uuid> parent_after = generate();
    all.insert(all.end(), parent_after.begin(), parent_after.end());
    int same_clock_seq = 0;
    for (int c = 0; c < kChildren; ++c) {
        std::vector<Uuid> theirs(2 * kPerProcess + 1);
        ASSERT_TRUE(read_all(fds[c], theirs.data(), theirs.size() * sizeof(Uuid)));
        close(fds[c]);
        int status = 0;
        waitpid(pids[c], &status, 0);
        EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
        same_clock_seq += ((theirs.back().low() >> 48) & 0x3FFF) == parent_clock_seq;
        theirs.pop_back();
        all.insert(all.end(), theirs.begin(), theirs.end());
    }
    std::sort(all.begin(), all.end());
    EXPECT_EQ(std::adjacent_find(all.begin(), all.end()), all.end());
    EXPECT_EQ(all.size(), static_cast<std::size_t>(2 * kPerProcess * (kChildren + 2)));
    // Each child draws a fresh clock sequence; all 16 keeping the parent's would
    // mean the state was inherited (chance (1/16384)^16 otherwise).
    EXPECT_LT(same_clock_seq, kChildren);
}
