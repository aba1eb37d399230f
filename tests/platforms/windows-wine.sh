#!/usr/bin/env bash
# tests/platforms/windows-wine.sh: Windows x86-64. The C++ core, its GoogleTest suite and
# the consumer project cross-built with MinGW-w64 (posix threads) and run by ctest under
# wine64: BCryptGenRandom, GetSystemTimePreciseAsFileTime, GetAdaptersAddresses and
# std::thread for real; the tests that fork are not built there.
#
# ORUUID_WINDOWS_PRESET=windows-shared builds oruuid as a DLL instead (BUILD_SHARED_LIBS=ON),
# in $out/windows-shared: the consumer project then links and runs against the DLL's
# exports (ORUUID_API), the tests against a static copy of the core.
# shellcheck source=../lib.sh
source "$(dirname "$0")/../lib.sh"
need_packages cmake g++-mingw-w64-x86-64-posix wine64 libgtest-dev nlohmann-json3-dev
# A throwaway Wine prefix, created on first use.
export WINEPREFIX=${WINEPREFIX:-$out/wineprefix} WINEDEBUG=-all
wine=$(command -v wine64 || echo /usr/lib/wine/wine64)
[[ -x $wine ]] || die "no wine64"
if [[ ! -e $WINEPREFIX/system.reg ]]; then
    say "creating the Wine prefix $WINEPREFIX"
    "$wine" cmd /c exit >/dev/null 2>&1 || true
fi
cross_ctest "${ORUUID_WINDOWS_PRESET:-windows}" -DCMAKE_CROSSCOMPILING_EMULATOR="$wine"
"$(dirname "$wine")/wineserver" -k 2>/dev/null || wineserver -k 2>/dev/null || true
