// tests/cpp/test_encode.cpp: ULID base32, base58 and base64url text (encode.hpp).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "oruuid/oruuid.hpp"

using oruuid::Alphabet;
using oruuid::DecodeErrorKind;
using oruuid::Uuid;

namespace {

constexpr Alphabet kAll[] = {Alphabet::base32, Alphabet::base58, Alphabet::base64url};

Uuid u64(std::uint64_t hi, std::uint64_t lo) {
    return Uuid::from_u64(hi, lo);
}

// A reference encoder on a plain 128-bit number: digit after digit, most significant
// first, by repeated division (no shortcut shared with the library's).
std::string reference(const Uuid& u, const std::string& digits, std::size_t width, int shift = 0) {
    // 128 bits shifted left by `shift` (base64url's padding), as 32-bit limbs.
    std::vector<std::uint64_t> limbs = {0, u.high() >> 32, u.high() & 0xFFFFFFFF, u.low() >> 32,
                                        u.low() & 0xFFFFFFFF};
    for (int s = 0; s < shift; ++s) {
        for (std::size_t i = 0; i < limbs.size(); ++i) {
            limbs[i] = (limbs[i] << 1) & 0xFFFFFFFF;
            if (i + 1 < limbs.size()) limbs[i] |= limbs[i + 1] >> 31;
        }
    }
    std::string out;
    for (std::size_t k = 0; k < width; ++k) {
        std::uint64_t rem = 0;
        for (auto& w : limbs) {
            const std::uint64_t cur = (rem << 32) | w;
            w = cur / digits.size();
            rem = cur % digits.size();
        }
        out.insert(out.begin(), digits[rem]);
    }
    return out;
}

const std::string kBase32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const std::string kBase58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const std::string kBase64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string ref(const Uuid& u, Alphabet a) {
    switch (a) {
        case Alphabet::base32:
            return reference(u, kBase32, 26);
        case Alphabet::base58:
            return reference(u, kBase58, 22);
        default:
            return reference(u, kBase64, 22, 4);
    }
}

std::vector<Uuid> samples() {
    std::vector<Uuid> out = {Uuid::nil(),
                             Uuid::max(),
                             u64(0, 1),
                             u64(1, 0),
                             u64(0x8000000000000000ULL, 0),
                             u64(0, 0x8000000000000000ULL),
                             u64(0x0123456789ABCDEFULL, 0xFEDCBA9876543210ULL)};
    for (int bit = 0; bit < 128; ++bit) {
        out.push_back(bit < 64 ? u64(0, 1ULL << bit) : u64(1ULL << (bit - 64), 0));
        out.push_back(bit < 64 ? u64(~0ULL, ~0ULL >> (63 - bit) >> 1)
                               : u64(~0ULL >> (127 - bit) >> 1, 0));
    }
    for (int i = 0; i < 2000; ++i) out.push_back(oruuid::uuid4());
    return out;
}

}  // namespace

TEST(Encode, KnownTexts) {
    // The ULID spec's example, and python-ulid's texts for the nil and max UUIDs.
    EXPECT_EQ(oruuid::to_ulid(*oruuid::parse("01563e3a-b5d3-d676-4c61-efb99302bd5b")),
              "01ARZ3NDEKTSV4RRFFQ69G5FAV");
    EXPECT_EQ(oruuid::encode(Uuid::nil(), Alphabet::base32), "00000000000000000000000000");
    EXPECT_EQ(oruuid::encode(Uuid::max(), Alphabet::base32), "7ZZZZZZZZZZZZZZZZZZZZZZZZZ");
    EXPECT_EQ(oruuid::encode(Uuid::nil(), Alphabet::base58), "1111111111111111111111");
    EXPECT_EQ(oruuid::encode(Uuid::max(), Alphabet::base58), "YcVfxkQb6JRzqk5kF2tNLv");
    EXPECT_EQ(oruuid::encode(u64(0, 1), Alphabet::base58), "1111111111111111111112");
    EXPECT_EQ(oruuid::encode(u64(0, 58), Alphabet::base58), "1111111111111111111121");
    // base64.urlsafe_b64encode(bytes(range(16))).rstrip(b"=")
    EXPECT_EQ(
        oruuid::encode(*oruuid::parse("000102030405060708090a0b0c0d0e0f"), Alphabet::base64url),
        "AAECAwQFBgcICQoLDA0ODw");
    EXPECT_EQ(oruuid::encode(Uuid::max(), Alphabet::base64url), "_____________________w");
}

TEST(Encode, MatchesAReferenceAndRoundTrips) {
    for (Alphabet a : kAll) {
        for (const Uuid& u : samples()) {
            const std::string text = oruuid::encode(u, a);
            ASSERT_EQ(text.size(), oruuid::encoded_size(a));
            EXPECT_EQ(text, ref(u, a)) << oruuid::alphabet_name(a) << " " << u;
            EXPECT_EQ(oruuid::decode(text, a), u) << text;
            EXPECT_FALSE(oruuid::explain_decode_error(text, a));
        }
    }
}

TEST(Encode, Base32AndBase58SortAsTheUuids) {
    std::vector<Uuid> u = samples();
    std::sort(u.begin(), u.end());
    for (Alphabet a : {Alphabet::base32, Alphabet::base58}) {
        for (std::size_t i = 1; i < u.size(); ++i) {
            EXPECT_LE(oruuid::encode(u[i - 1], a), oruuid::encode(u[i], a));
        }
    }
}

TEST(Decode, Base32IgnoresCaseAndRejectsILOU) {
    const Uuid u = oruuid::uuid4();
    std::string lower = oruuid::to_ulid(u);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_EQ(oruuid::from_ulid(lower), u);
    for (char bad : std::string("ILOUilou")) {
        std::string t = oruuid::to_ulid(u);
        t[5] = bad;
        EXPECT_FALSE(oruuid::from_ulid(t)) << t;
        auto e = oruuid::explain_decode_error(t, Alphabet::base32);
        ASSERT_TRUE(e);
        EXPECT_EQ(e->kind, DecodeErrorKind::invalid_character);
        EXPECT_EQ(e->position, 5u);
        EXPECT_NE(e->message().find("no I, L, O or U"), std::string::npos) << e->message();
    }
}

TEST(Decode, Base32FirstCharacterAbove7Overflows) {
    for (char first : std::string("89ABZabz")) {
        std::string t = "00000000000000000000000000";
        t[0] = first;
        EXPECT_FALSE(oruuid::from_ulid(t));
        auto e = oruuid::explain_decode_error(t, Alphabet::base32);
        ASSERT_TRUE(e);
        EXPECT_EQ(e->kind, DecodeErrorKind::overflow);
        EXPECT_EQ(e->position, 0u);
    }
    EXPECT_EQ(oruuid::from_ulid("7ZZZZZZZZZZZZZZZZZZZZZZZZZ"), Uuid::max());
}

TEST(Decode, Base58AboveTheMaxOverflows) {
    EXPECT_EQ(oruuid::decode("YcVfxkQb6JRzqk5kF2tNLv", Alphabet::base58), Uuid::max());
    const std::pair<const char*, std::size_t> cases[] = {
        {"YcVfxkQb6JRzqk5kF2tNLw", 21}, {"YcVfxkQb6JRzqk5kF2tNMv", 20},
        {"Z111111111111111111111", 0},  {"zzzzzzzzzzzzzzzzzzzzzz", 0},
        {"YcVfxkQc1111111111111", 99},  // 21 characters: a length error, not an overflow
    };
    for (auto [text, position] : cases) {
        EXPECT_FALSE(oruuid::decode(text, Alphabet::base58)) << text;
        auto e = oruuid::explain_decode_error(text, Alphabet::base58);
        ASSERT_TRUE(e) << text;
        if (position == 99) {
            EXPECT_EQ(e->kind, DecodeErrorKind::invalid_length);
            EXPECT_EQ(e->position, 21u);
        } else {
            EXPECT_EQ(e->kind, DecodeErrorKind::overflow) << text;
            EXPECT_EQ(e->position, position) << text;
        }
    }
}

TEST(Decode, Base64urlRejectsPaddingBitsAndTheStandardAlphabet) {
    const std::string good = oruuid::encode(Uuid::max(), Alphabet::base64url);
    for (char last : std::string("AQgw")) {
        std::string t = good;
        t[21] = last;
        EXPECT_TRUE(oruuid::decode(t, Alphabet::base64url)) << t;
    }
    for (char last : std::string("BPRfhx_-")) {
        std::string t = good;
        t[21] = last;
        EXPECT_FALSE(oruuid::decode(t, Alphabet::base64url)) << t;
        auto e = oruuid::explain_decode_error(t, Alphabet::base64url);
        ASSERT_TRUE(e);
        EXPECT_EQ(e->kind, DecodeErrorKind::nonzero_padding);
        EXPECT_EQ(e->position, 21u);
    }
    for (char std64 : std::string("+/=")) {
        std::string t = good;
        t[3] = std64;
        auto e = oruuid::explain_decode_error(t, Alphabet::base64url);
        ASSERT_TRUE(e);
        EXPECT_EQ(e->kind, DecodeErrorKind::invalid_character);
        EXPECT_EQ(e->position, 3u);
    }
}

TEST(Decode, EveryBadByteAtEveryPositionIsCaughtAndExplained) {
    for (Alphabet a : kAll) {
        const std::string good = oruuid::encode(oruuid::uuid4(), a);
        for (std::size_t pos = 0; pos < good.size(); ++pos) {
            for (int c = 0; c < 256; ++c) {
                std::string t = good;
                t[pos] = static_cast<char>(c);
                const auto decoded = oruuid::decode(t, a);
                const auto why = oruuid::explain_decode_error(t, a);
                EXPECT_NE(decoded.has_value(), why.has_value()) << t;
                if (decoded) {
                    EXPECT_EQ(oruuid::encode(*decoded, a).size(), t.size());
                } else if (why->kind == DecodeErrorKind::invalid_character) {
                    EXPECT_EQ(why->position, pos);
                    EXPECT_EQ(why->character, static_cast<char>(c));
                    EXPECT_FALSE(why->message().empty());
                }
            }
        }
    }
}

TEST(Decode, WrongLengths) {
    for (Alphabet a : kAll) {
        const std::string good = oruuid::encode(oruuid::uuid4(), a);
        for (std::size_t n : {std::size_t{0}, good.size() - 1, good.size() + 1, std::size_t{36}}) {
            const std::string t = (good + good + good).substr(0, n);
            EXPECT_FALSE(oruuid::decode(t, a));
            auto e = oruuid::explain_decode_error(t, a);
            ASSERT_TRUE(e);
            EXPECT_EQ(e->kind, DecodeErrorKind::invalid_length);
            EXPECT_EQ(e->length, n);
            EXPECT_NE(e->message().find(std::to_string(n)), std::string::npos);
        }
    }
}
