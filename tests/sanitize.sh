#!/usr/bin/env bash
# tests/sanitize.sh: the C++ tests under ASan+UBSan, TSan and valgrind; the Python suite on an ASan+UBSan build.
#
# 1. ASan + UBSan: every C++ test (ctest), leaks included.
# 2. ThreadSanitizer: the concurrent C++ tests (threads, and fork while threads run).
# 3. valgrind memcheck: every C++ test; those that fork without the leak check (a
#    forked child _exits holding buffers of the test's own).
# 4. The Python suite on one interpreter, with the extension built with ASan and
#    UBSan and the ASan runtime preloaded (CPython itself is not instrumented, and its
#    own allocations are not leak-checked).
#
# Build trees go to build/sanitize (outside git): CMakePresets.json's asan and tsan;
# valgrind runs the dev preset's tests (build/cpp, as nox -s cpp builds it: brought up
# to date here, so nox -s all runs this after cpp and builds nothing twice).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
out=$root/build/sanitize
mkdir -p "$out"
# postgresql: the adapter tests start a server (without it they skip, as 19 did on a
# fresh machine where this ran before any other session had installed it).
need_packages valgrind cmake g++ libgtest-dev libbenchmark-dev nlohmann-json3-dev postgresql

export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
# A test binary still running after 900 s is taken to hang: it fails, and the step says
# which one, instead of stalling CI until its limit.
limit=900
bounded=(timeout -k 10 "$limit")
timer() { echo "== sanitizers: $1 took $((SECONDS - $2)) s"; }

# --- 1. ASan + UBSan, every C++ test ---------------------------------------------------
t=$SECONDS
cmake -S . -B "$out/asan" --preset asan >/dev/null
cmake --build "$out/asan" -j "$jobs"
ASAN_OPTIONS=detect_leaks=1:detect_stack_use_after_return=1:strict_init_order=1 \
    ctest --test-dir "$out/asan" --output-on-failure -j "$jobs" --timeout "$limit"
timer "ASan+UBSan C++" $t

# --- 2. ThreadSanitizer, the concurrent C++ tests --------------------------------------
t=$SECONDS
cmake -S . -B "$out/tsan" --preset tsan >/dev/null
concurrent=(test_context test_random test_fork test_reliability_fork)
cmake --build "$out/tsan" -j "$jobs" --target "${concurrent[@]}"
# TSan's shadow layout needs a smaller mmap randomisation than recent kernels use.
norandom=()
if setarch "$(uname -m)" -R true 2>/dev/null; then norandom=(setarch "$(uname -m)" -R); fi
for bin in "${concurrent[@]}"; do
    echo "-- TSan: $bin"
    TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
        "${bounded[@]}" "${norandom[@]}" "$out/tsan/tests/cpp/$bin" --gtest_brief=1
done
timer "TSan" $t

# --- 3. valgrind memcheck, every C++ test binary ---------------------------------------
t=$SECONDS
plain=$root/build/cpp
cmake --preset dev >/dev/null
cmake --build "$plain" -j "$jobs"
# --fair-sched=yes: valgrind runs one thread at a time, and its default lock can starve
# a thread back from a system call while others generate, as the fork-under-threads
# test's parent reading its child's pipe was (it ran for ever, memory growing).
# Every test, in two passes. A forked child _exits holding the test's own buffers,
# which valgrind's leak check would call lost, so the tests that fork run with
# memcheck's error checks but without the leak check.
# EnvironmentSelectsKernel re-executes /proc/self/exe, which under valgrind is
# valgrind itself; what it runs, SourceMatchesEnvironment with ORUUID_RANDOM=kernel,
# runs under valgrind directly instead.
forks='*Fork*:*Exhausting*'
for bin in "$plain"/tests/cpp/test_*; do
    [[ -x $bin && ! -d $bin ]] || continue
    echo "-- valgrind: $(basename "$bin")"
    "${bounded[@]}" valgrind -q --fair-sched=yes --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
        --show-leak-kinds=definite,indirect \
        "$bin" --gtest_brief=1 --gtest_filter="-$forks:Random.EnvironmentSelectsKernel"
    "${bounded[@]}" valgrind -q --fair-sched=yes --error-exitcode=99 --leak-check=no \
        "$bin" --gtest_brief=1 --gtest_filter="$forks"
done
ORUUID_RANDOM=kernel "${bounded[@]}" valgrind -q --fair-sched=yes --error-exitcode=99 --leak-check=full \
    "$plain/tests/cpp/test_random" --gtest_brief=1 --gtest_filter=Random.SourceMatchesEnvironment
timer "valgrind" $t

# --- 4. The Python suite on an ASan+UBSan extension ------------------------------------
t=$SECONDS
py=$(pyenv_python 3.11)
venv=$out/py-venv
[[ -x $venv/bin/python ]] || "$py" -m venv "$venv"
"$venv/bin/python" -m pip install -q --disable-pip-version-check --root-user-action=ignore \
    --config-settings=build-dir="$out/py-build" \
    --config-settings=cmake.build-type=RelWithDebInfo \
    --config-settings=cmake.define.ORUUID_SANITIZE=address,undefined \
    --config-settings=cmake.define.ORUUID_BUILD_TESTING_MODULE=ON ".[test]"
# detect_leaks=0: CPython's own allocations would drown the report (test_leaks still
# counts Python objects; it skips its RSS measure under ASan). allocator_may_return_null:
# an impossible size is a MemoryError, as without ASan.
# libstdc++ too: ASan's __cxa_throw interceptor binds at start-up, and CPython itself
# doesn't load libstdc++, so without it the first C++ exception would abort.
LD_PRELOAD="$(gcc -print-file-name=libasan.so) $(gcc -print-file-name=libstdc++.so)"
export LD_PRELOAD
export ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1
core=$(cd / && "$venv/bin/python" -c 'import oruuid._core as c; print(c.__file__)')
[[ $(ldd "$core") == *libasan* ]] || { echo "$core is not built with ASan" >&2; exit 1; }
# Every test, with Hypothesis's dev profile: this run is for what the sanitizers see on
# each path; the search for divergences from the stdlib is the tests-3.X sessions' (ci).
HYPOTHESIS_PROFILE=${HYPOTHESIS_PROFILE:-dev} tests/python/run "$venv/bin/python"
unset LD_PRELOAD ASAN_OPTIONS
timer "ASan+UBSan Python ($("$venv/bin/python" --version))" $t
