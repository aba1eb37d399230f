// benchmarks/bench_generators.cpp: the generators alone, the floor under the Python uuid1..8 rows.
#include <benchmark/benchmark.h>

#include <cstring>
#include <ctime>
#include <vector>

#include "oruuid/oruuid.hpp"

namespace {

void BM_Uuid1(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(oruuid::uuid1());
}
BENCHMARK(BM_Uuid1);

void BM_Uuid3(benchmark::State& state) {
    static const char kName[] = "example.com";
    for (auto _ : state) {
        benchmark::DoNotOptimize(oruuid::uuid3(oruuid::NAMESPACE_DNS, kName, sizeof kName - 1));
    }
}
BENCHMARK(BM_Uuid3);

void BM_Uuid4(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(oruuid::uuid4());
}
BENCHMARK(BM_Uuid4);

void BM_Uuid5(benchmark::State& state) {
    static const char kName[] = "example.com";
    for (auto _ : state) {
        benchmark::DoNotOptimize(oruuid::uuid5(oruuid::NAMESPACE_DNS, kName, sizeof kName - 1));
    }
}
BENCHMARK(BM_Uuid5);

void BM_Uuid6(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(oruuid::uuid6());
}
BENCHMARK(BM_Uuid6);

void BM_Uuid7(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(oruuid::uuid7());
}
BENCHMARK(BM_Uuid7);

#if defined(__unix__) || defined(__APPLE__)
// One clock_gettime(CLOCK_REALTIME): the floor under uuid1, uuid6 and uuid7, whose
// target is this plus 10 ns.
void BM_ClockGettimeRealtime(benchmark::State& state) {
    for (auto _ : state) {
        timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        benchmark::DoNotOptimize(ts);
    }
}
BENCHMARK(BM_ClockGettimeRealtime);
#endif

void BM_Uuid8(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(oruuid::uuid8());
}
BENCHMARK(BM_Uuid8);

// Batches: per-item cost once the per-call overhead is spread out.
void BM_Uuid4Many(benchmark::State& state) {
    std::vector<oruuid::Uuid> out(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) {
        oruuid::uuid4_many(out.data(), out.size());
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_Uuid4Many)->Arg(1024)->Arg(1 << 20);

// 16 bytes in, one UUID out: the from_bytes rows' native part.
void BM_FromBytes(benchmark::State& state) {
    std::uint8_t raw[16];
    std::memcpy(raw, oruuid::NAMESPACE_DNS.data(), 16);
    for (auto _ : state) {
        benchmark::DoNotOptimize(raw);
        benchmark::DoNotOptimize(oruuid::Uuid::from_bytes(raw));
    }
}
BENCHMARK(BM_FromBytes);

}  // namespace
