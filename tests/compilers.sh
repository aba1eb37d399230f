#!/usr/bin/env bash
# tests/compilers.sh: the core on compilers and platform branches the other checks do not
# build (nox -s compilers).
#
# 1. The C++ tests built by clang (tests preset), and run.
# 2. Compile-only: the platform layer's macOS (getentropy, arc4random_buf) and generic
#    POSIX (/dev/urandom) branches, against glibc's declarations of the same functions.
# 3. Compile-only: its Windows branch (BCryptGenRandom, VirtualAlloc) with MinGW-w64,
#    whose pthreads say nothing about MSVC for the other files (the hosted workflow
#    builds with MSVC).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
need_packages clang cmake libgtest-dev nlohmann-json3-dev g++-mingw-w64-x86-64-win32

say "C++ tests with $(clang++ --version | head -1)"
build=$out/clang
CXX=clang++ cmake -S . -B "$build" --preset tests >"$build.configure.log" 2>&1 ||
    { cat "$build.configure.log"; die "configure failed"; }
cmake --build "$build" -j "$jobs" >"$build.build.log" 2>&1 ||
    { tail -100 "$build.build.log"; die "build failed"; }
ctest --test-dir "$build" --output-on-failure -j "$jobs" | tail -3

say "platform branches: -U__linux__ and -U__linux__ -D__APPLE__ (compile only)"
for defs in "-U__linux__" "-U__linux__ -D__APPLE__"; do
    read -ra flags <<<"$defs"
    for src in src/*.cpp; do
        clang++ -std=c++17 -Wall -Wextra -Werror -fsyntax-only "${flags[@]}" -Iinclude -Isrc "$src" ||
            die "$src does not compile with $defs"
    done
done
say "platform.cpp's Windows branch with MinGW-w64 (compile only)"
x86_64-w64-mingw32-g++-win32 -std=c++17 -Wall -Wextra -Werror -fsyntax-only -Iinclude -Isrc \
    src/platform.cpp
say "passed"
