// binding/testing_hooks.cpp: compiled into oruuid._core only with ORUUID_BUILD_TESTING_MODULE,
// to export the core's test hooks to oruuid._testing.
#include "testing_hooks.hpp"

#include "internal/context_access.hpp"
#include "internal/platform.hpp"
#include "oruuid/context.hpp"

namespace {

void set_v7_counter(std::uint64_t counter) noexcept {
    oruuid::detail::ContextAccess::set_counter_for_testing(oruuid::global_context_v7(), counter);
}

std::uint64_t fork_generation() noexcept {
    return oruuid::detail::fork_generation();
}

}  // namespace

extern "C" __attribute__((visibility("default"), used)) const oruuid_testing_hooks_table*
oruuid_testing_hooks() {
    static const oruuid_testing_hooks_table hooks = {
        sizeof(oruuid_testing_hooks_table),
        &oruuid::detail::set_time_source_for_testing,
        &set_v7_counter,
        &fork_generation,
    };
    return &hooks;
}
