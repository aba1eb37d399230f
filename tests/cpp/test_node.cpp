// tests/cpp/test_node.cpp: the node id for v1/v6: hardware address or random multicast.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "internal/platform.hpp"
#include "oruuid/node.hpp"

namespace {

constexpr std::uint64_t kMulticastBit = 0x010000000000ULL;

TEST(Node, GetnodeIsStableAcrossCallsAndThreads) {
    const std::uint64_t node = oruuid::getnode();
    EXPECT_LT(node, std::uint64_t{1} << 48);
    EXPECT_EQ(oruuid::getnode(), node);
    std::vector<std::uint64_t> seen(8);
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; ++i) threads.emplace_back([&, i] { seen[i] = oruuid::getnode(); });
    for (auto& t : threads) t.join();
    for (auto v : seen) EXPECT_EQ(v, node);
}

TEST(Node, GetnodeIsTheHardwareAddressOrRandomMulticast) {
    const auto hw = oruuid::hardware_node();
    if (hw) {
        EXPECT_EQ(oruuid::getnode(), *hw);
    } else {
        // RFC 9562 §6.10: a random node has the multicast bit set.
        EXPECT_NE(oruuid::getnode() & kMulticastBit, 0u);
    }
}

TEST(Node, HardwareNodeIsARealUnicastAddress) {
    const auto hw = oruuid::hardware_node();
    if (!hw) GTEST_SKIP() << "no network interface with a hardware address";
    EXPECT_NE(*hw, 0u);
    EXPECT_LT(*hw, std::uint64_t{1} << 48);
    EXPECT_EQ(*hw & kMulticastBit, 0u);
    EXPECT_EQ(oruuid::hardware_node(), hw);
    // It is the address of a listed, non-loopback interface.
    bool found = false;
    for (const auto& nic : oruuid::detail::network_interfaces())
        found = found || (nic.mac == *hw && !nic.loopback);
    EXPECT_TRUE(found);
}

// The addresses read through getifaddrs match what sysfs shows for each interface.
TEST(Node, InterfaceAddressesMatchSysfs) {
    const auto nics = oruuid::detail::network_interfaces();
#if defined(__linux__)
    int checked = 0;
    for (const auto& nic : nics) {
        EXPECT_FALSE(nic.name.empty());
        EXPECT_LT(nic.mac, std::uint64_t{1} << 48);
        std::ifstream in("/sys/class/net/" + nic.name + "/address");
        std::string text;
        if (!(in >> text)) continue;
        char expected[18];
        std::snprintf(expected, sizeof expected, "%02x:%02x:%02x:%02x:%02x:%02x",
                      unsigned(nic.mac >> 40 & 0xFF), unsigned(nic.mac >> 32 & 0xFF),
                      unsigned(nic.mac >> 24 & 0xFF), unsigned(nic.mac >> 16 & 0xFF),
                      unsigned(nic.mac >> 8 & 0xFF), unsigned(nic.mac & 0xFF));
        EXPECT_EQ(text, expected) << nic.name;
        ++checked;
    }
    if (checked == 0) GTEST_SKIP() << "no interface visible in /sys/class/net";
#elif defined(_WIN32)
    // GetAdaptersAddresses: each a named adapter with a 48-bit address.
    for (const auto& nic : nics) {
        EXPECT_FALSE(nic.name.empty());
        EXPECT_LT(nic.mac, std::uint64_t{1} << 48);
    }
#else
    EXPECT_TRUE(nics.empty());
#endif
}

}  // namespace
