// benchmarks/bench_text.cpp: parsing and formatting UUIDs: scalar, SIMD and public API.
#include <benchmark/benchmark.h>

#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "internal/text_kernels.hpp"
#include "oruuid/fmt.hpp"
#include "oruuid/parser.hpp"

namespace {

using oruuid::Style;
using oruuid::Uuid;

// Enough distinct inputs that the branch predictor cannot learn one, few enough to stay in L1.
constexpr std::size_t kInputs = 64;

const std::vector<Uuid>& uuids() {
    static const std::vector<Uuid> v = [] {
        std::mt19937_64 rng(42);
        std::vector<Uuid> out;
        for (std::size_t i = 0; i < kInputs; ++i) out.push_back(Uuid::from_u64(rng(), rng()));
        return out;
    }();
    return v;
}

// The inputs as text, one per 64-byte line of one buffer: separately allocated strings put
// the inputs wherever malloc likes, and timings then moved by 2x with the heap layout.
class Texts {
public:
    explicit Texts(Style style) : size_(oruuid::formatted_size(style)), buf_(kInputs * 64) {
        for (std::size_t i = 0; i < kInputs; ++i) {
            // Alternate cases so both letter ranges are exercised.
            oruuid::format_to(uuids()[i], &buf_[i * 64], style,
                              i % 2 ? oruuid::Case::upper : oruuid::Case::lower);
        }
    }
    const char* data(std::size_t i) const { return &buf_[(i % kInputs) * 64]; }
    std::string_view operator[](std::size_t i) const { return {data(i), size_}; }

private:
    std::size_t size_;
    std::vector<char> buf_;
};

const Texts& texts(Style style) {
    static const Texts hyphenated(Style::hyphenated);
    static const Texts simple(Style::simple);
    return style == Style::simple ? simple : hyphenated;
}

// One parse kernel; a null one (no SIMD on this CPU) skips the benchmark.
void parse_kernel(benchmark::State& state, Style style, oruuid::detail::ParseKernel kernel) {
    if (kernel == nullptr) {
        state.SkipWithError("CPU lacks the SIMD instructions");
        return;
    }
    const auto& in = texts(style);
    std::size_t i = 0;
    for (auto _ : state) {
        Uuid::bytes_type u;
        bool ok = kernel(in.data(i++), u.data());
        benchmark::DoNotOptimize(ok);
        benchmark::DoNotOptimize(u);
    }
}

void parse_api(benchmark::State& state, Style style) {
    const auto& in = texts(style);
    std::size_t i = 0;
    for (auto _ : state) {
        auto u = oruuid::parse(in[i++]);
        benchmark::DoNotOptimize(u);
    }
}

// One format kernel; a null one (no SIMD on this CPU) skips the benchmark.
void format_kernel(benchmark::State& state, oruuid::detail::FormatKernel kernel) {
    if (kernel == nullptr) {
        state.SkipWithError("CPU lacks the SIMD instructions");
        return;
    }
    const auto& in = uuids();
    char out[36];
    std::size_t i = 0;
    for (auto _ : state) {
        kernel(in[i++ % kInputs].data(), out, false);
        benchmark::DoNotOptimize(out);
        benchmark::ClobberMemory();
    }
}

void format_api(benchmark::State& state, Style style) {
    const auto& in = uuids();
    char out[45];
    std::size_t i = 0;
    for (auto _ : state) {
        oruuid::format_to(in[i++ % kInputs], out, style);
        benchmark::DoNotOptimize(out);
        benchmark::ClobberMemory();
    }
}

void format_to_string(benchmark::State& state) {
    const auto& in = uuids();
    std::size_t i = 0;
    for (auto _ : state) {
        std::string s = oruuid::to_string(in[i++ % kInputs]);
        benchmark::DoNotOptimize(s);
    }
}

namespace d = oruuid::detail;

// Registered by hand, in this order, so the rows keep their names and places.
const bool kRegistered = [] {
    using benchmark::RegisterBenchmark;
    RegisterBenchmark("parse/hyphenated/scalar", parse_kernel, Style::hyphenated,
                      d::parse_hyphenated_scalar);
    RegisterBenchmark("parse/hyphenated/simd", parse_kernel, Style::hyphenated,
                      d::simd_parse_kernel(true));
    RegisterBenchmark("parse/hyphenated/api", parse_api, Style::hyphenated);
    RegisterBenchmark("parse/simple/scalar", parse_kernel, Style::simple, d::parse_simple_scalar);
    RegisterBenchmark("parse/simple/simd", parse_kernel, Style::simple,
                      d::simd_parse_kernel(false));
    RegisterBenchmark("parse/simple/api", parse_api, Style::simple);
    RegisterBenchmark("format/hyphenated/scalar", format_kernel, d::format_hyphenated_scalar);
    RegisterBenchmark("format/hyphenated/simd", format_kernel, d::simd_format_kernel(true));
    RegisterBenchmark("format/hyphenated/api", format_api, Style::hyphenated);
    RegisterBenchmark("format/simple/scalar", format_kernel, d::format_simple_scalar);
    RegisterBenchmark("format/simple/simd", format_kernel, d::simd_format_kernel(false));
    RegisterBenchmark("format/simple/api", format_api, Style::simple);
    RegisterBenchmark("format/to_string", format_to_string);
    return true;
}();

}  // namespace
