// fuzz/parse_fuzzer.cpp: libFuzzer target for parse and explain_parse_error (parse_check.hpp).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "parse_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // libFuzzer passes an exact-size heap copy, so ASan sees any read past the end.
    const std::string broken =
        oruuid_fuzz::check_parse(std::string_view(reinterpret_cast<const char*>(data), size));
    if (!broken.empty()) {
        std::fprintf(stderr, "parse_fuzzer: %s\n", broken.c_str());
        std::abort();
    }
    return 0;
}
