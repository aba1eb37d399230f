// tests/cpp/test_fork.cpp: forked children never repeat their parent's or siblings' UUIDs.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "oruuid/oruuid.hpp"
#include "support.hpp"

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

}  // namespace

TEST(Fork, ParentAndSixteenChildrenNeverCollide) {
    // Warm the parent's generators so the children inherit live state.
    std::vector<Uuid> all = generate();
    const std::uint16_t parent_clock_seq = (oruuid::uuid1().low() >> 48) & 0x3FFF;
    std::vector<oruuid_test::Child> children;
    for (int c = 0; c < kChildren; ++c) {
        children.push_back(oruuid_test::spawn([](int out) {
            std::vector<Uuid> mine = generate();
            mine.push_back(oruuid::uuid1());
            return oruuid_test::write_all(out, mine.data(), mine.size() * sizeof(Uuid)) ? 0 : 1;
        }));
        ASSERT_GE(children.back().pid, 0);
    }
    std::vector<Uuid> parent_after = generate();
    all.insert(all.end(), parent_after.begin(), parent_after.end());
    int same_clock_seq = 0;
    for (int c = 0; c < kChildren; ++c) {
        std::vector<Uuid> theirs(2 * kPerProcess + 1);
        ASSERT_TRUE(
            oruuid_test::read_all(children[c].out, theirs.data(), theirs.size() * sizeof(Uuid)));
        EXPECT_EQ(oruuid_test::wait_for(children[c]), 0);
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
