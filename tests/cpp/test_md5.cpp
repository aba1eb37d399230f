// tests/cpp/test_md5.cpp: MD5 against RFC 1321 Appendix A.5 and incremental use.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "hash_checks.hpp"
#include "internal/md5.hpp"

namespace {

using oruuid::detail::Md5;

std::string md5_hex(const std::string& msg) {
    return oruuid_test::hex_digest<Md5>(msg);
}

// RFC 1321 Appendix A.5, the test suite.
TEST(Md5, Rfc1321TestSuite) {
    EXPECT_EQ(md5_hex(""), "d41d8cd98f00b204e9800998ecf8427e");
    EXPECT_EQ(md5_hex("a"), "0cc175b9c0f1b6a831c399e269772661");
    EXPECT_EQ(md5_hex("abc"), "900150983cd24fb0d6963f7d28e17f72");
    EXPECT_EQ(md5_hex("message digest"), "f96b697d7cb7938d525a2f31aaf161d0");
    EXPECT_EQ(md5_hex("abcdefghijklmnopqrstuvwxyz"), "c3fcd3d76192e4007dfb496cca67e13b");
    EXPECT_EQ(md5_hex("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"),
              "d174ab98d277d9f5a5611c2c9f419d9f");
    EXPECT_EQ(md5_hex("1234567890123456789012345678901234567890123456789012345678901234567890"
                      "1234567890"),
              "57edf4a22be3c955ac49da2e2107b67a");
}

// Lengths around the padding boundaries (55/56 and 119/120 bytes); digests from CPython's hashlib.
TEST(Md5, PaddingBoundaries) {
    oruuid_test::expect_pattern_digests<Md5>({
        {55, "52c0e574e1198de5fe3f8f11440dcb1b"},
        {56, "46c9907fc908ee68b1e7b8e71286a518"},
        {57, "1c805dd236c35cab25fcb1bc73802c51"},
        {63, "a62f6d59e837867693f042f5b8f5a236"},
        {64, "7160b8fb5e9e4023d549c3971fbaeead"},
        {65, "70bd662e7aefbda85a0f7244167b7897"},
        {119, "e84905d4214f4d1ca56c2cdcc152b143"},
        {120, "e3eb5a6c8669ea01a8c185b8abc8a5dc"},
    });
}

// Splitting the message at any offset must not change the digest.
TEST(Md5, SplitUpdatesEqualOneShot) {
    oruuid_test::expect_split_updates_equal_one_shot<Md5>();
}

// finish() leaves the object ready for a new message.
TEST(Md5, FinishResets) {
    oruuid_test::expect_finish_resets<Md5>("900150983cd24fb0d6963f7d28e17f72",
                                           "d41d8cd98f00b204e9800998ecf8427e");
}

}  // namespace
