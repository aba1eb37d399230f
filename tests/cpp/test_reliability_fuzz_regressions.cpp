// tests/cpp/test_reliability_fuzz_regressions.cpp: the parse fuzzer's seeds and findings, replayed.
//
// Every file in fuzz/corpus/parse/ and fuzz/regressions/parse/ (see fuzz/regressions/README.md)
// goes through fuzz/parse_check.hpp, the check the fuzzer itself runs; so do every one-byte
// change of each canonical form and a fixed set of random texts, so the oracle also runs
// under the sanitizers and valgrind.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "../../fuzz/parse_check.hpp"

namespace fs = std::filesystem;

namespace {

// ORUUID_VECTORS is <root>/tests/data/rfc9562-vectors.json.
fs::path fuzz_dir() {
    return fs::path(ORUUID_VECTORS).parent_path().parent_path().parent_path() / "fuzz";
}

std::vector<fs::path> files_in(const fs::path& dir) {
    std::vector<fs::path> out;
    if (!fs::exists(dir)) return out;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.is_regular_file() && entry.path().filename().string()[0] != '.') {
            out.push_back(entry.path());
        }
    }
    return out;
}

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

TEST(FuzzRegressions, SeedCorpus) {
    const auto files = files_in(fuzz_dir() / "corpus" / "parse");
    ASSERT_GE(files.size(), 10u) << "the seed corpus is missing: " << fuzz_dir();
    for (const auto& f : files) EXPECT_EQ(oruuid_fuzz::check_parse(read_file(f)), "") << f;
}

// fuzz/regressions/parse/: every input a fuzzer found, and hand-picked edge cases until
// it finds one (its README). An empty or missing folder is a failure, not a pass.
TEST(FuzzRegressions, EveryRegressionInput) {
    const fs::path dir = fuzz_dir() / "regressions" / "parse";
    const auto files = files_in(dir);
    ASSERT_FALSE(files.empty()) << "no regression inputs in " << dir;
    for (const auto& f : files) EXPECT_EQ(oruuid_fuzz::check_parse(read_file(f)), "") << f;
}

TEST(FuzzRegressions, EveryOneByteChangeOfEachForm) {
    const std::string forms[] = {
        "67e55044-10b1-426f-9247-bb680e5fe0c8",
        "67E5504410B1426F9247BB680E5FE0C8",
        "{67e55044-10b1-426f-9247-bb680e5fe0c8}",
        "URN:uuid:67e55044-10b1-426F-9247-bb680e5fe0c8",
    };
    for (const std::string& form : forms) {
        ASSERT_EQ(oruuid_fuzz::check_parse(form), "") << form;
        for (std::size_t i = 0; i < form.size(); ++i) {
            for (int b = 0; b < 256; ++b) {
                std::string t = form;
                t[i] = static_cast<char>(b);
                ASSERT_EQ(oruuid_fuzz::check_parse(t), "") << form << " byte " << i << " = " << b;
            }
            std::string dropped = form;
            dropped.erase(i, 1);
            ASSERT_EQ(oruuid_fuzz::check_parse(dropped), "") << form << " without " << i;
            std::string doubled = form;
            doubled.insert(i, 1, form[i]);
            ASSERT_EQ(oruuid_fuzz::check_parse(doubled), "") << form << " doubled " << i;
        }
    }
}

TEST(FuzzRegressions, RandomTexts) {
    std::mt19937_64 rng(6);
    static const char kAlphabet[] = "0123456789abcdefABCDEFgG-{}:urnidURNID \x00\xff";
    const std::string alphabet(kAlphabet, sizeof kAlphabet - 1);  // NUL included
    for (int n = 0; n < 100000; ++n) {
        const std::size_t len = rng() % 2 ? 30 + rng() % 17 : rng() % 64;
        std::string t(len, '\0');
        for (char& c : t) c = alphabet[rng() % alphabet.size()];
        ASSERT_EQ(oruuid_fuzz::check_parse(t), "") << t;
    }
}
