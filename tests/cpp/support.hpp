// tests/cpp/support.hpp: what the C++ tests share: forked children and the pipes they
// write to, and the check of UUIDs made by several threads.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "oruuid/uuid.hpp"

namespace oruuid_test {

/// A UUIDv7's Unix milliseconds, and its 42-bit counter as RFC 9562 §6.2 Method 1 lays
/// it (12 bits of rand_a, then 30 of rand_b).
inline std::uint64_t ms_of(const oruuid::Uuid& u) {
    return u.high() >> 16;
}
inline std::uint64_t counter_of(const oruuid::Uuid& u) {
    return ((u.high() & 0xFFF) << 30) | ((u.low() >> 32) & 0x3FFFFFFF);
}

/// Each thread's UUIDs strictly increase, and none repeats across all the threads.
inline void expect_increasing_and_unique(const std::vector<std::vector<oruuid::Uuid>>& runs) {
    std::vector<oruuid::Uuid> all;
    for (const auto& v : runs) {
        for (std::size_t i = 1; i < v.size(); ++i) ASSERT_LT(v[i - 1], v[i]);
        all.insert(all.end(), v.begin(), v.end());
    }
    std::sort(all.begin(), all.end());
    EXPECT_EQ(std::adjacent_find(all.begin(), all.end()), all.end());
}

}  // namespace oruuid_test

// Windows has no fork: the tests that need one are not built there, or skip.
#if !defined(_WIN32)
#define ORUUID_TEST_HAS_FORK 1
#include <sys/wait.h>
#include <unistd.h>

#include <cstddef>
#include <cstring>
#include <string>
#include <vector>

namespace oruuid_test {

/// Writes all `n` bytes to `fd`; false on an error or a closed pipe.
inline bool write_all(int fd, const void* buf, std::size_t n) {
    const auto* p = static_cast<const char*>(buf);
    while (n > 0) {
        const ssize_t w = ::write(fd, p, n);
        if (w <= 0) return false;
        p += w;
        n -= static_cast<std::size_t>(w);
    }
    return true;
}

/// Reads exactly `n` bytes from `fd`; false if the pipe ends or fails first.
inline bool read_all(int fd, void* buf, std::size_t n) {
    auto* p = static_cast<char*>(buf);
    while (n > 0) {
        const ssize_t r = ::read(fd, p, n);
        if (r <= 0) return false;
        p += r;
        n -= static_cast<std::size_t>(r);
    }
    return true;
}

/// Everything `fd` gives until it ends, read in large chunks: a read per item is slow
/// under valgrind, whose threads take turns.
inline std::string read_to_end(int fd) {
    std::string out;
    std::vector<char> chunk(1 << 16);
    for (ssize_t r; (r = ::read(fd, chunk.data(), chunk.size())) > 0;) out.append(chunk.data(), r);
    return out;
}

/// Reads `fd` to its end as an array of trivially copyable `T`s.
template <typename T>
std::vector<T> read_all_of(int fd) {
    const std::string bytes = read_to_end(fd);
    std::vector<T> out(bytes.size() / sizeof(T));
    std::memcpy(static_cast<void*>(out.data()), bytes.data(), out.size() * sizeof(T));
    return out;
}

/// A forked child and the read end of the pipe it writes to.
struct Child {
    pid_t pid = -1;  ///< -1 when pipe() or fork() failed
    int out = -1;
};

/// Forks a child that runs `body(write_fd)` and _exits with what it returns (an int).
/// The child never returns into the test, so a failure in it cannot run the parent's
/// remaining tests twice.
template <typename Body>
Child spawn(Body body) {
    int fd[2];
    if (::pipe(fd) != 0) return {};
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::close(fd[0]);
        _exit(body(fd[1]));
    }
    ::close(fd[1]);
    if (pid < 0) {
        ::close(fd[0]);
        return {};
    }
    return Child{pid, fd[0]};
}

/// Waits for `child`, closing its pipe: its exit status, or 128 + the signal that
/// ended it, or -1 when it could not be waited for.
inline int wait_for(const Child& child) {
    if (child.out >= 0) ::close(child.out);
    int status = 0;
    if (child.pid < 0 || ::waitpid(child.pid, &status, 0) != child.pid) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace oruuid_test
#else
#define ORUUID_TEST_HAS_FORK 0
#endif
