// oruuid/config.hpp: the compiler features the public headers may use, each with a fallback.
//
// ORUUID_PORTABLE (set to 1 by the CMake option of the same name, for the library and
// every target linking it) turns every extension off, so that the portable fallbacks
// are what gets built and tested on a compiler that has the extensions.
#pragma once

#if !defined(ORUUID_PORTABLE)
#define ORUUID_PORTABLE 0
#endif

// GCC and Clang extensions: __builtin_*, __attribute__, __asm__, __thread.
#if (defined(__GNUC__) || defined(__clang__)) && !ORUUID_PORTABLE
#define ORUUID_GNU_EXTENSIONS 1
#else
#define ORUUID_GNU_EXTENSIONS 0
#endif

// unsigned __int128, and with it Uuid::from_u128() and Uuid::to_u128().
#if defined(__SIZEOF_INT128__) && !ORUUID_PORTABLE
#define ORUUID_HAS_INT128 1
#else
#define ORUUID_HAS_INT128 0
#endif
