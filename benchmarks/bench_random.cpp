// benchmarks/bench_random.cpp: the CSPRNG: fill_random, the ChaCha20 kernels, and getrandom.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <vector>

#include "internal/chacha20.hpp"
#include "internal/random_testing.hpp"
#include "oruuid/random.hpp"

#if defined(__linux__)
#include <sys/random.h>
#endif

namespace {

// fill_random from `source`; Arg is the request size. Leaves the source at chacha20.
void fill_random_from(benchmark::State& state, oruuid::RandomSource source) {
    oruuid::detail::set_random_source_for_testing(source);
    std::vector<std::uint8_t> buf(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) {
        oruuid::fill_random(buf.data(), buf.size());
        benchmark::DoNotOptimize(buf.data());
        benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(state.iterations() * state.range(0));
    oruuid::detail::set_random_source_for_testing(oruuid::RandomSource::chacha20);
}

// Through the per-thread ChaCha20 generator.
void BM_FillRandom(benchmark::State& state) {
    fill_random_from(state, oruuid::RandomSource::chacha20);
}
BENCHMARK(BM_FillRandom)->Arg(16)->Arg(4096)->Arg(1 << 20);

void BM_RandomU64(benchmark::State& state) {
    oruuid::detail::set_random_source_for_testing(oruuid::RandomSource::chacha20);
    for (auto _ : state) benchmark::DoNotOptimize(oruuid::random_u64());
    state.SetBytesProcessed(state.iterations() * 8);
}
BENCHMARK(BM_RandomU64);

// The same calls with ORUUID_RANDOM=kernel.
void BM_FillRandomKernel(benchmark::State& state) {
    fill_random_from(state, oruuid::RandomSource::kernel);
}
BENCHMARK(BM_FillRandomKernel)->Arg(16)->Arg(4096);

#if defined(__linux__)
// getrandom(2) directly, for comparison.
void BM_Getrandom(benchmark::State& state) {
    std::vector<std::uint8_t> buf(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) {
        if (getrandom(buf.data(), buf.size(), 0) != static_cast<ssize_t>(buf.size()))
            state.SkipWithError("short getrandom");
        benchmark::DoNotOptimize(buf.data());
    }
    state.SetBytesProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_Getrandom)->Arg(16)->Arg(4096);
#endif

using Kernel = oruuid::detail::ChaChaBlocks*;

// The block functions on a 16-block (1 KiB) buffer, the generator's refill size.
void bench_kernel(benchmark::State& state, Kernel fn) {
    const std::uint32_t key[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    const std::uint32_t nonce[3] = {9, 10, 11};
    const auto blocks = static_cast<std::size_t>(state.range(0));
    std::vector<std::uint8_t> out(blocks * oruuid::detail::kChaChaBlockSize);
    std::uint64_t counter = 0;
    for (auto _ : state) {
        fn(key, counter, nonce, out.data(), blocks);
        counter += blocks;
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(out.size()));
}

void BM_ChaCha20Scalar(benchmark::State& state) {
    bench_kernel(state, &oruuid::detail::chacha20_blocks_scalar);
}
BENCHMARK(BM_ChaCha20Scalar)->Arg(8)->Arg(16);

// A vector kernel, skipped where this build or CPU cannot run it.
void bench_vector_kernel(benchmark::State& state, bool available, Kernel fn) {
    if (!available) {
        state.SkipWithError("CPU lacks the instructions");
        return;
    }
    bench_kernel(state, fn);
}

void BM_ChaCha20Avx2(benchmark::State& state) {
    bench_vector_kernel(state, oruuid::detail::chacha20_avx2_available(),
                        &oruuid::detail::chacha20_blocks_avx2);
}
BENCHMARK(BM_ChaCha20Avx2)->Arg(8)->Arg(16);

void BM_ChaCha20Avx512(benchmark::State& state) {
    bench_vector_kernel(state, oruuid::detail::chacha20_avx512_available(),
                        &oruuid::detail::chacha20_blocks_avx512);
}
BENCHMARK(BM_ChaCha20Avx512)->Arg(16)->Arg(64);

}  // namespace
