// tests/consumer/main.cpp: checks the RFC 9562 vectors through the installed public API only.
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include <oruuid/oruuid.hpp>

namespace {

int failures = 0;

void check(const char* what, const oruuid::Uuid& got, const char* want) {
    auto expected = oruuid::parse(want);
    if (!expected || got != *expected) {
        std::printf("FAIL %s: got %s, want %s\n", what, oruuid::to_string(got).c_str(), want);
        ++failures;
    } else {
        std::printf("ok   %s %s\n", what, want);
    }
}

}  // namespace

int main() {
    // The vectors file must be reachable: the test is about the installed package,
    // but its expectations come from the same RFC data as the unit tests.
    std::ifstream in(ORUUID_VECTORS);
    std::stringstream text;
    text << in.rdbuf();
    if (text.str().find("c232ab00-9414-11ec-b3c8-9f6bdeced846") == std::string::npos) {
        std::printf("FAIL cannot read %s\n", ORUUID_VECTORS);
        return 1;
    }
    const auto ts = oruuid::Timestamp::from_gregorian(0x1EC9414C232AB00ULL);
    check("v1", oruuid::uuid1_at(ts, 0x9F6BDECED846ULL, 0x33C8),
          "c232ab00-9414-11ec-b3c8-9f6bdeced846");
    check("v3", oruuid::uuid3(oruuid::NAMESPACE_DNS, "www.example.com"),
          "5df41881-3aed-3515-88a7-2f4a814cf09e");
    check("v5", oruuid::uuid5(oruuid::NAMESPACE_DNS, "www.example.com"),
          "2ed6657d-e927-568b-95e1-2665a8aea6a2");
    check("v6", oruuid::uuid6_at(ts, 0x9F6BDECED846ULL, 0x33C8),
          "1ec9414c-232a-6b00-b3c8-9f6bdeced846");
    check("v7", oruuid::build::v7(0x017F22E279B0ULL, 0xCC3, 0x18C4DC0C0C07398FULL),
          "017f22e2-79b0-7cc3-98c4-dc0c0c07398f");
    check("v8", oruuid::uuid8(0x2489E9AD2EE2ULL, 0xE00, 0x0EC932D5F69181C0ULL),
          "2489e9ad-2ee2-8e00-8ec9-32d5f69181c0");
    const oruuid::Uuid a = oruuid::uuid7(), b = oruuid::uuid7();
    if (!(a < b) || a.version() != 7 || oruuid::uuid4().version() != 4) {
        std::printf("FAIL generators\n");
        ++failures;
    }
    std::printf("%s\n", failures ? "FAILED" : "consumer OK");
    return failures ? 1 : 0;
}
