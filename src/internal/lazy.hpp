// src/internal/lazy.hpp: values and kernels settled on first use, with no lock and no guard.
//
// Neither helper uses a function-local static: a forked child would wait for ever on
// the guard of one whose initialisation a thread of its parent was inside at fork time
// (ctest no_lazy_statics checks the library has none). Both are constant-initialised,
// so they also work during other translation units' static initialisation.
#pragma once

#include <atomic>
#include <cstdint>

namespace oruuid::detail {

/// Computes a value once without a lock: racing threads may each call `compute`, and
/// the first to store its result wins, so every caller sees the same value.
/// `compute` must never return `kUnset`.
template <std::uint64_t kUnset, typename F>
std::uint64_t compute_once(std::atomic<std::uint64_t>& cache, F compute) noexcept {
    std::uint64_t value = cache.load(std::memory_order_acquire);
    if (value != kUnset) return value;
    value = compute();
    std::uint64_t expected = kUnset;
    if (!cache.compare_exchange_strong(expected, value, std::memory_order_acq_rel)) {
        return expected;
    }
    return value;
}

template <auto Pick, typename Kernel = decltype(Pick())>
class Dispatch;

/// A kernel chosen on first use: `Dispatch<pick>::call(args...)` calls the kernel that
/// `pick()` (a noexcept function returning a kernel pointer) returns, asking it once.
/// The pointer starts at a stub that asks `pick`, stores the answer and calls it; racing
/// first calls store the same value, and later calls cost one relaxed load.
template <auto Pick, typename R, typename... Args>
class Dispatch<Pick, R (*)(Args...) noexcept> {
public:
    static R call(Args... args) noexcept {
        return kernel_.load(std::memory_order_relaxed)(args...);
    }

private:
    static R first_call(Args... args) noexcept {
        R (*const k)(Args...) noexcept = Pick();
        kernel_.store(k, std::memory_order_relaxed);
        return k(args...);
    }
    static inline std::atomic<R (*)(Args...) noexcept> kernel_{&first_call};
};

}  // namespace oruuid::detail
