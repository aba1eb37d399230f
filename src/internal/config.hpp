// src/internal/config.hpp: every ORUUID_* compiler, ISA and byte-order macro the library uses.
//
// Each GCC/Clang extension has a portable fallback, chosen where the compiler lacks the
// extension and everywhere with ORUUID_PORTABLE (oruuid/config.hpp), which CI builds
// and tests in full on Linux.
#pragma once

#include <atomic>

#include "oruuid/config.hpp"

// ---- Vector kernels ---------------------------------------------------------------
// 1 where CMake compiles src/simd/*.cpp (x86-64 with GCC or Clang, each file with its own
// -m flags: see CMakeLists.txt; never with ORUUID_PORTABLE) and this translation unit
// targets x86-64; the kernels are then picked at run time by what the CPU supports. 0
// elsewhere: the scalar kernels only.
#if defined(ORUUID_BUILD_X86_KERNELS) && defined(__x86_64__) && ORUUID_GNU_EXTENSIONS
#define ORUUID_X86_KERNELS 1
#else
#define ORUUID_X86_KERNELS 0
#endif

// ---- Byte order -------------------------------------------------------------------
// Only where it matters for speed: every byte-order-sensitive path has a form that
// works on either order, and little-endian is assumed where the compiler does not say.
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define ORUUID_BIG_ENDIAN 1
#else
#define ORUUID_BIG_ENDIAN 0
#endif

// ---- Compiler hints ---------------------------------------------------------------
#if ORUUID_GNU_EXTENSIONS
#define ORUUID_LIKELY(x) __builtin_expect(!!(x), 1)
#define ORUUID_NOINLINE __attribute__((noinline))
#define ORUUID_ALWAYS_INLINE inline __attribute__((always_inline))
// __thread, not thread_local: its accesses from another file need no call to a
// dynamic-initialisation wrapper, which a constant-initialised slot never has.
#define ORUUID_THREAD __thread
#else
#define ORUUID_LIKELY(x) (x)
#define ORUUID_NOINLINE
#define ORUUID_ALWAYS_INLINE inline
#define ORUUID_THREAD thread_local
#endif
// ELF symbol visibility; PE (Windows) exports nothing it is not told to.
#if ORUUID_GNU_EXTENSIONS && !defined(_WIN32) && !defined(__CYGWIN__)
#define ORUUID_HIDDEN __attribute__((visibility("hidden")))
#else
#define ORUUID_HIDDEN
#endif

// With -mavx2 or -march=native, GCC's vectoriser shuffles the scalar text decoder through
// the stack and makes it 3-8x slower; that decoder is the fallback, so it stays scalar.
#if ORUUID_GNU_EXTENSIONS && defined(__GNUC__) && !defined(__clang__)
#define ORUUID_NO_AUTO_VECTORIZE __attribute__((optimize("no-tree-vectorize")))
#else
#define ORUUID_NO_AUTO_VECTORIZE
#endif

// A compiler barrier: memory "may have changed", so the loads after it are real ones.
#if ORUUID_GNU_EXTENSIONS
#define ORUUID_COMPILER_BARRIER() __asm__ __volatile__("" : : : "memory")
#else
#define ORUUID_COMPILER_BARRIER() std::atomic_signal_fence(std::memory_order_seq_cst)
#endif

// A static the compiler must initialise at compile time: no guard, and nothing a forked
// child could find half done.
#if defined(__cpp_constinit)
#define ORUUID_CONSTINIT constinit
#elif ORUUID_GNU_EXTENSIONS && defined(__clang__)
#define ORUUID_CONSTINIT [[clang::require_constant_initialization]]
#elif ORUUID_GNU_EXTENSIONS && defined(__GNUC__)
#define ORUUID_CONSTINIT __constinit
#else
#define ORUUID_CONSTINIT
#endif

// ---- CPU ----------------------------------------------------------------------------
// x86's cpuid, pause and __builtin_cpu_supports, through GCC/Clang's builtins.
#if ORUUID_GNU_EXTENSIONS && (defined(__x86_64__) || defined(__i386__))
#define ORUUID_X86_BUILTINS 1
#else
#define ORUUID_X86_BUILTINS 0
#endif
