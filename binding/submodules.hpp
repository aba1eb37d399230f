// binding/submodules.hpp: the submodules of oruuid._core, each registered by core.cpp's module
// init.
#pragma once

#include <nanobind/nanobind.h>

namespace oruuid::py {

/// oruuid._core.patch (patch.cpp): uuid.UUID's native paths for oruuid.install().
void register_patch(nanobind::module_ m);

/// oruuid._core.bench (bench.cpp): the floor rows of `python -m oruuid.bench`.
void register_bench(nanobind::module_ m);

#ifdef ORUUID_TESTING_MODULE
/// oruuid._core.testing (testing.cpp): a fake clock and the v7 counter, for tests.
void register_testing(nanobind::module_ m);
#endif

}  // namespace oruuid::py
