# cmake/toolchains/aarch64-linux-gnu.cmake: Linux arm64 with Debian's g++-aarch64-linux-gnu,
# run under qemu-aarch64 (qemu-user) by ctest.
#
#   cmake -S . -B build/aarch64 --toolchain cmake/toolchains/aarch64-linux-gnu.cmake
#   cmake --preset aarch64     (the same with the C++ tests: CMakePresets.json)
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(_triple aarch64-linux-gnu)
include(${CMAKE_CURRENT_LIST_DIR}/linux-qemu.cmake)
