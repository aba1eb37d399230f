// tests/cpp/test_parser.cpp: strict parsing of the four forms, error detail, scalar vs SIMD.
#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "internal/text_kernels.hpp"
#include "oruuid/fmt.hpp"
#include "oruuid/parser.hpp"

#if defined(ORUUID_VECTORS) && __has_include(<nlohmann/json.hpp>)
#include <fstream>
#include <nlohmann/json.hpp>
#define ORUUID_HAVE_VECTORS 1
#endif

namespace {

using oruuid::Case;
using oruuid::ParseError;
using oruuid::ParseErrorKind;
using oruuid::Style;
using oruuid::Uuid;
namespace d = oruuid::detail;

const Uuid kRfcExample = Uuid::from_u64(0xf81d4fae7dec11d0ULL, 0xa76500a0c91e6bf6ULL);
const std::string kHyphenated = "f81d4fae-7dec-11d0-a765-00a0c91e6bf6";

const Style kStyles[] = {Style::hyphenated, Style::simple, Style::urn, Style::braced};

Uuid random_uuid(std::mt19937_64& rng) {
    return Uuid::from_u64(rng(), rng());
}

bool is_hex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool have_simd() {
    return d::simd_parse_kernel(true) != nullptr;
}

// What `kernel` makes of `text`: the UUID, or nullopt when it refuses it.
std::optional<Uuid> run(d::ParseKernel kernel, const char* text) {
    Uuid::bytes_type b;
    if (!kernel(text, b.data())) return std::nullopt;
    return Uuid(b);
}

// Where the 32- or 36-character body starts in each style.
std::size_t body_offset(Style s) {
    return s == Style::urn ? 9 : s == Style::braced ? 1 : 0;
}

// Every byte that is not a hex digit: all non-hex ASCII, and a few high bytes.
std::vector<char> non_hex_bytes() {
    std::vector<char> out;
    for (int c = 0; c < 128; ++c)
        if (!is_hex(c)) out.push_back(static_cast<char>(c));
    for (int c : {0x80, 0x9F, 0xB0, 0xC3, 0xE6, 0xFF}) out.push_back(static_cast<char>(c));
    return out;
}

// Checks that parse and every kernel reject `text`, and that the explanation is as expected.
void expect_rejected(const std::string& text, ParseErrorKind kind, std::size_t position) {
    SCOPED_TRACE("input: " + text);
    EXPECT_FALSE(oruuid::parse(text).has_value());
    EXPECT_FALSE(Uuid::parse(text).has_value());
    const auto err = oruuid::explain_parse_error(text);
    ASSERT_TRUE(err.has_value());
    EXPECT_EQ(err->kind, kind);
    EXPECT_EQ(err->position, position);
    EXPECT_EQ(err->length, text.size());
    if (position < text.size()) {
        EXPECT_EQ(err->character, text[position]);
    }
    // A length error names the length, which is where the text ends; others name the position.
    const std::string where = (kind == ParseErrorKind::invalid_length ? "length " : "position ") +
                              std::to_string(position);
    EXPECT_NE(err->message().find(where), std::string::npos) << err->message();
}

// The detail kernels, scalar and SIMD, on a body of exactly 36 (or 32) characters.
void expect_kernels_reject(const std::string& body) {
    const bool hyphenated = body.size() == 36;
    EXPECT_FALSE(run(hyphenated ? d::parse_hyphenated_scalar : d::parse_simple_scalar, body.data()))
        << body;
    if (const d::ParseKernel simd = d::simd_parse_kernel(hyphenated)) {
        EXPECT_FALSE(run(simd, body.data())) << body;
    }
}

// Runs before main, possibly before parser.cpp's own statics: the dispatch must already work.
const std::optional<Uuid> kParsedBeforeMain = oruuid::parse("urn:uuid:" + kHyphenated);

TEST(Parse, WorksDuringStaticInitialisation) {
    EXPECT_EQ(kParsedBeforeMain, kRfcExample);
}

TEST(Parse, RfcExampleEveryStyleAndCase) {
    for (Style s : kStyles) {
        for (Case c : {Case::lower, Case::upper}) {
            const std::string text = oruuid::to_string(kRfcExample, s, c);
            EXPECT_EQ(oruuid::parse(text), kRfcExample) << text;
            EXPECT_EQ(Uuid::parse(text), kRfcExample) << text;
            EXPECT_FALSE(oruuid::explain_parse_error(text).has_value()) << text;
        }
    }
    EXPECT_EQ(oruuid::parse("F81d4FaE-7DeC-11d0-A765-00a0C91e6Bf6"), kRfcExample);
    EXPECT_EQ(oruuid::parse("URN:UUID:f81d4fae-7dec-11d0-a765-00a0c91e6bf6"), kRfcExample);
    EXPECT_EQ(oruuid::parse("uRn:UuId:F81D4FAE-7DEC-11D0-A765-00A0C91E6BF6"), kRfcExample);
}

TEST(Parse, NilAndMax) {
    EXPECT_EQ(oruuid::parse("00000000-0000-0000-0000-000000000000"), Uuid::nil());
    EXPECT_EQ(oruuid::parse("00000000000000000000000000000000"), Uuid::nil());
    EXPECT_EQ(oruuid::parse("{00000000-0000-0000-0000-000000000000}"), Uuid::nil());
    EXPECT_EQ(oruuid::parse("urn:uuid:00000000-0000-0000-0000-000000000000"), Uuid::nil());
    EXPECT_EQ(oruuid::parse("ffffffff-ffff-ffff-ffff-ffffffffffff"), Uuid::max());
    EXPECT_EQ(oruuid::parse("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF"), Uuid::max());
    EXPECT_EQ(oruuid::parse("{FFFFFFFF-ffff-FFFF-ffff-FFFFFFFFFFFF}"), Uuid::max());
}

TEST(Parse, EveryDigitValue) {
    Uuid::bytes_type b{};
    for (int i = 0; i < 16; ++i) b[i] = static_cast<std::uint8_t>(i * 0x11);
    EXPECT_EQ(oruuid::parse("00112233-4455-6677-8899-aabbccddeeff"), Uuid(b));
    EXPECT_EQ(oruuid::parse("00112233-4455-6677-8899-AABBCCDDEEFF"), Uuid(b));
    EXPECT_EQ(oruuid::parse("00112233445566778899AaBbCcDdEeFf"), Uuid(b));
}

#ifdef ORUUID_HAVE_VECTORS
TEST(Parse, Rfc9562Vectors) {
    std::ifstream in(ORUUID_VECTORS);
    ASSERT_TRUE(in) << ORUUID_VECTORS;
    const nlohmann::json doc = nlohmann::json::parse(in);
    int seen = 0;
    for (const auto& item : doc.items()) {
        if (!item.value().is_object() || !item.value().contains("uuid")) continue;
        const std::string text = item.value()["uuid"].get<std::string>();
        const auto u = oruuid::parse(text);
        ASSERT_TRUE(u.has_value()) << text;
        EXPECT_EQ(oruuid::to_string(*u), text);
        ++seen;
    }
    EXPECT_GT(seen, 0);
}
#endif

TEST(Parse, RoundTripEveryStyleAndCase) {
    std::mt19937_64 rng(3);
    for (int n = 0; n < 20000; ++n) {
        const Uuid u = random_uuid(rng);
        for (Style s : kStyles) {
            for (Case c : {Case::lower, Case::upper}) {
                char buf[45];
                oruuid::format_to(u, buf, s, c);
                const std::string_view text(buf, oruuid::formatted_size(s));
                ASSERT_EQ(oruuid::parse(text), u) << text;
            }
        }
    }
}

TEST(Parse, SimdMatchesScalar) {
    if (!have_simd()) GTEST_SKIP() << "CPU lacks the SIMD instructions";
    const d::ParseKernel simd_hyphenated = d::simd_parse_kernel(true);
    const d::ParseKernel simd_simple = d::simd_parse_kernel(false);
    std::mt19937_64 rng(4);
    for (int n = 0; n < 100000; ++n) {
        const Uuid u = random_uuid(rng);
        const Case c = n % 2 ? Case::upper : Case::lower;
        std::string h = oruuid::to_string(u, Style::hyphenated, c);
        std::string s = oruuid::to_string(u, Style::simple, c);
        ASSERT_EQ(run(d::parse_hyphenated_scalar, h.data()), u);
        ASSERT_EQ(run(simd_hyphenated, h.data()), u);
        ASSERT_EQ(run(d::parse_simple_scalar, s.data()), u);
        ASSERT_EQ(run(simd_simple, s.data()), u);
        // One random byte changed: both kernels must agree on accepting it, and on the UUID.
        const std::size_t at = rng() % 36;
        h[at] = static_cast<char>(rng());
        ASSERT_EQ(run(simd_hyphenated, h.data()), run(d::parse_hyphenated_scalar, h.data())) << h;
        s[at % 32] = static_cast<char>(rng());
        ASSERT_EQ(run(simd_simple, s.data()), run(d::parse_simple_scalar, s.data())) << s;
    }
}

TEST(Parse, FailedKernelLeavesOutputAlone) {
    std::string bad_digit = kHyphenated, bad_hyphen = kHyphenated;
    bad_digit[3] = 'g';
    bad_hyphen[18] = '0';
    for (const std::string& bad : {bad_digit, bad_hyphen}) {
        for (const d::ParseKernel k : {d::parse_hyphenated_scalar, d::simd_parse_kernel(true)}) {
            if (k == nullptr) continue;
            Uuid::bytes_type b = Uuid::max().bytes();
            EXPECT_FALSE(k(bad.data(), b.data()));
            EXPECT_EQ(Uuid(b), Uuid::max());
        }
    }
}

TEST(Parse, EveryPositionEveryNonHexByte) {
    const std::vector<char> bytes = non_hex_bytes();
    for (Style s : kStyles) {
        const std::string good = oruuid::to_string(kRfcExample, s);
        const std::size_t base = body_offset(s);
        const std::size_t body = s == Style::simple ? 32 : 36;
        for (std::size_t i = 0; i < body; ++i) {
            const bool hyphen_slot =
                s != Style::simple && (i == 8 || i == 13 || i == 18 || i == 23);
            for (char c : bytes) {
                if (hyphen_slot && c == '-') continue;  // that is the valid input
                std::string text = good;
                text[base + i] = c;
                const ParseErrorKind kind = hyphen_slot || c == '-'
                                                ? ParseErrorKind::invalid_hyphen
                                                : ParseErrorKind::invalid_character;
                expect_rejected(text, kind, base + i);
                if (::testing::Test::HasFailure()) return;  // keep the report short
                expect_kernels_reject(text.substr(base, body));
            }
            if (hyphen_slot) {  // a digit where the hyphen belongs
                for (char c : std::string("09afAF")) {
                    std::string text = good;
                    text[base + i] = c;
                    expect_rejected(text, ParseErrorKind::invalid_hyphen, base + i);
                    expect_kernels_reject(text.substr(base, body));
                }
            }
        }
    }
}

TEST(Parse, WrongLengths) {
    for (std::size_t len = 0; len <= 50; ++len) {
        if (len == 32 || len == 36 || len == 38 || len == 45) continue;
        // A prefix of, or an addition to, a valid hyphenated UUID, and a run of digits.
        std::string cut = (kHyphenated + "-a765-00a0").substr(0, len);
        cut.resize(len, '0');
        expect_rejected(cut, ParseErrorKind::invalid_length, len);
        expect_rejected(std::string(len, 'a'), ParseErrorKind::invalid_length, len);
        const auto err = oruuid::explain_parse_error(cut);
        ASSERT_TRUE(err);
        EXPECT_NE(err->message().find("32, 36, 38 or 45"), std::string::npos) << err->message();
    }
    // Accepted lengths with the wrong content: the first offending place is named.
    EXPECT_TRUE(oruuid::parse(std::string(32, 'a')).has_value());
    expect_rejected(std::string(36, 'a'), ParseErrorKind::invalid_hyphen, 8);
    expect_rejected(std::string(38, 'a'), ParseErrorKind::invalid_brace, 0);
    expect_rejected(std::string(45, 'a'), ParseErrorKind::invalid_prefix, 0);
    // Whitespace around an otherwise valid UUID changes the length.
    expect_rejected(" " + kHyphenated, ParseErrorKind::invalid_length, 37);
    expect_rejected(kHyphenated + "\n", ParseErrorKind::invalid_length, 37);
}

TEST(Parse, NeverReadsPastTheEnd) {
    // Each input sits at the very end of its own heap block, so ASan flags any overread.
    const std::string sources[] = {kHyphenated, "{" + kHyphenated + "}", "urn:uuid:" + kHyphenated,
                                   oruuid::to_string(kRfcExample, Style::simple)};
    for (const std::string& src : sources) {
        for (std::size_t len = 0; len <= src.size(); ++len) {
            std::unique_ptr<char[]> block(new char[len == 0 ? 1 : len]);
            std::memcpy(block.get(), src.data(), len);
            const std::string_view view(block.get(), len);
            EXPECT_EQ(oruuid::parse(view).has_value(), len == src.size());
            EXPECT_EQ(oruuid::explain_parse_error(view).has_value(), len != src.size());
        }
    }
    std::unique_ptr<char[]> body(new char[36]);
    std::memcpy(body.get(), kHyphenated.data(), 36);
    EXPECT_EQ(run(d::parse_hyphenated_scalar, body.get()), kRfcExample);
    if (have_simd()) {
        EXPECT_EQ(run(d::simd_parse_kernel(true), body.get()), kRfcExample);
    }
    std::unique_ptr<char[]> simple(new char[32]);
    std::memcpy(simple.get(), oruuid::to_string(kRfcExample, Style::simple).data(), 32);
    EXPECT_EQ(run(d::parse_simple_scalar, simple.get()), kRfcExample);
    if (have_simd()) {
        EXPECT_EQ(run(d::simd_parse_kernel(false), simple.get()), kRfcExample);
    }
}

TEST(Parse, HyphensMoved) {
    const std::size_t hyphens[] = {8, 13, 18, 23};
    for (std::size_t h : hyphens) {
        for (std::size_t p = 0; p < 36; ++p) {
            if (p == 8 || p == 13 || p == 18 || p == 23) continue;
            std::string text = kHyphenated;
            std::swap(text[h], text[p]);
            // Whichever comes first: a hyphen where a digit belongs, or a digit where one is
            // missing.
            expect_rejected(text, ParseErrorKind::invalid_hyphen, std::min(h, p));
        }
    }
    expect_rejected("f81d4fae7dec-11d0-a765-00a0c91e6bf6-", ParseErrorKind::invalid_hyphen, 8);
    // Hyphenated as 8-4-4-16 plus padding keeps length 36 but puts digits in slot 23.
    expect_rejected("f81d4fae-7dec-11d0-a76500a0c91e6bf6f", ParseErrorKind::invalid_hyphen, 23);
    // The 32-digit form takes no hyphens at all.
    expect_rejected("f81d4fae-7dec11d0a76500a0c91e6bf6", ParseErrorKind::invalid_length, 33);
    expect_rejected("f81d4fae-dec11d0a76500a0c91e6bf6", ParseErrorKind::invalid_hyphen, 8);
}

TEST(Parse, Braces) {
    expect_rejected("(" + kHyphenated + ")", ParseErrorKind::invalid_brace, 0);
    expect_rejected("{" + kHyphenated + ")", ParseErrorKind::invalid_brace, 37);
    expect_rejected("{" + kHyphenated + "{", ParseErrorKind::invalid_brace, 37);
    expect_rejected("}" + kHyphenated + "{", ParseErrorKind::invalid_brace, 0);
    expect_rejected("[" + kHyphenated + "]", ParseErrorKind::invalid_brace, 0);
    expect_rejected(kHyphenated + "{}", ParseErrorKind::invalid_brace, 0);
    expect_rejected("{}" + kHyphenated, ParseErrorKind::invalid_character, 1);
    // Missing one brace: 37 characters; braces around the simple form: 34.
    expect_rejected("{" + kHyphenated, ParseErrorKind::invalid_length, 37);
    expect_rejected(kHyphenated + "}", ParseErrorKind::invalid_length, 37);
    expect_rejected("{" + oruuid::to_string(kRfcExample, Style::simple) + "}",
                    ParseErrorKind::invalid_length, 34);
    const auto err = oruuid::explain_parse_error("{" + kHyphenated + ")");
    ASSERT_TRUE(err);
    EXPECT_NE(err->message().find("'}'"), std::string::npos) << err->message();
}

TEST(Parse, UrnPrefix) {
    const std::string prefix = "urn:uuid:";
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        for (int c = 0; c < 256; ++c) {
            std::string text = prefix + kHyphenated;
            text[i] = static_cast<char>(c);
            const bool same = c == prefix[i] || (c >= 'A' && c <= 'Z' && c + 32 == prefix[i]);
            if (same) {
                EXPECT_EQ(oruuid::parse(text), kRfcExample) << text;
                EXPECT_FALSE(oruuid::explain_parse_error(text)) << text;
            } else {
                expect_rejected(text, ParseErrorKind::invalid_prefix, i);
            }
        }
    }
    expect_rejected("uuid:urn:" + kHyphenated, ParseErrorKind::invalid_prefix, 1);
    expect_rejected("urn-uuid:" + kHyphenated, ParseErrorKind::invalid_prefix, 3);
    expect_rejected("urn:uid::" + kHyphenated, ParseErrorKind::invalid_prefix, 5);
    // The prefix only goes with the hyphenated form.
    expect_rejected("urn:uuid:" + oruuid::to_string(kRfcExample, Style::simple),
                    ParseErrorKind::invalid_length, 41);
    expect_rejected("urn:uuid:{" + kHyphenated.substr(0, 34) + "}",
                    ParseErrorKind::invalid_character, 9);
}

TEST(Parse, EmbeddedNul) {
    for (Style s : kStyles) {
        const std::string good = oruuid::to_string(kRfcExample, s);
        for (std::size_t i = 0; i < good.size(); ++i) {
            std::string text = good;
            text[i] = '\0';
            EXPECT_FALSE(oruuid::parse(text).has_value());
            const auto err = oruuid::explain_parse_error(text);
            ASSERT_TRUE(err);
            EXPECT_EQ(err->position, i);
            EXPECT_EQ(err->character, '\0');
            EXPECT_NE(err->message().find("0x00"), std::string::npos) << err->message();
        }
    }
    // A NUL after a valid UUID is part of the text, not a terminator.
    expect_rejected(kHyphenated + std::string(1, '\0'), ParseErrorKind::invalid_length, 37);
}

TEST(Parse, ExplainAgreesWithParse) {
    // Random texts of the accepted lengths over an alphabet that makes near misses likely.
    const std::string alphabet = "0123456789abcdefABCDEF-{}urnURN:idID xg\x80";
    std::mt19937_64 rng(5);
    const std::string forms[] = {kHyphenated, "{" + kHyphenated + "}", "urn:uuid:" + kHyphenated,
                                 oruuid::to_string(kRfcExample, Style::simple)};
    for (int n = 0; n < 200000; ++n) {
        std::string text = forms[n % 4];
        const int edits = static_cast<int>(rng() % 3);
        for (int e = 0; e < edits; ++e)
            text[rng() % text.size()] = alphabet[rng() % alphabet.size()];
        const auto u = oruuid::parse(text);
        const auto err = oruuid::explain_parse_error(text);
        ASSERT_NE(u.has_value(), err.has_value()) << text;
    }
}

TEST(Parse, Messages) {
    auto message = [](std::string_view text) {
        auto err = oruuid::explain_parse_error(text);
        return err ? err->message() : std::string("(valid)");
    };
    EXPECT_EQ(message("f81dgfae-7dec-11d0-a765-00a0c91e6bf6"),
              "invalid character 'g' at position 4: expected a hex digit");
    EXPECT_EQ(message("f81d4fae+7dec-11d0-a765-00a0c91e6bf6"),
              "invalid character '+' at position 8: expected '-'");
    EXPECT_EQ(message("f81d4fa-e7dec-11d0-a765-00a0c91e6bf6"),
              "unexpected '-' at position 7: expected a hex digit");
    EXPECT_EQ(message("f81d4fae"), "invalid length 8: expected 32, 36, 38 or 45 characters");
    EXPECT_EQ(message("f81d4fae-7dec-11d0-a765-00a0c91e6b\xff"
                      "6"),
              "invalid character byte 0xff at position 34: expected a hex digit");
    EXPECT_NE(message("urn:uuid;f81d4fae-7dec-11d0-a765-00a0c91e6bf6").find("urn:uuid:"),
              std::string::npos);
    EXPECT_EQ(message(kHyphenated), "(valid)");
    EXPECT_EQ(ParseError{}.kind, ParseErrorKind::invalid_length);
}

}  // namespace
