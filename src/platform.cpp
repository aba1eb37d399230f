// src/platform.cpp: kernel randomness, fork hooks, clock, CPU features, secret pages and MACs.
#include "internal/platform.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>

#if defined(_WIN32)
#define WIN32_LEAN_AND_MEAN
// winsock2.h before windows.h; bcrypt.h and iphlpapi.h use their types, so come after.
#include <winsock2.h>
// (a block of its own, so that include sorting keeps this order)
#include <windows.h>
// (likewise)
#include <bcrypt.h>
#include <iphlpapi.h>
#if defined(_MSC_VER)
#pragma comment(lib, "bcrypt")
#pragma comment(lib, "iphlpapi")
#endif
#else
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#endif

#if ORUUID_X86_BUILTINS
#include <cpuid.h>
#endif

#if defined(__linux__)
#include <ifaddrs.h>
#include <net/if.h>
#include <netpacket/packet.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#if __has_include(<sys/random.h>)
#include <sys/random.h>  // getrandom(), glibc 2.25+ and musl
#define ORUUID_HAVE_GETRANDOM 1
#endif
#elif defined(__APPLE__)
#include <sys/random.h>  // getentropy(), macOS 10.12+
#endif

namespace oruuid::detail {

// ---- Kernel randomness ----------------------------------------------------------

namespace {

// Unused on macOS, where arc4random_buf() cannot fail.
[[noreturn, maybe_unused]] void random_failure() noexcept {
    // Returning predictable bytes would be worse than stopping: UUIDs would repeat.
    std::abort();
}

#if !defined(_WIN32) && !defined(__APPLE__)
// Other POSIX systems, and Linux kernels older than 3.17 (no getrandom).
void read_dev_urandom(unsigned char* p, std::size_t n) noexcept {
    int fd;
    do {
        fd = ::open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) random_failure();
    while (n > 0) {
        const ssize_t r = ::read(fd, p, n);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) random_failure();
        p += r;
        n -= static_cast<std::size_t>(r);
    }
    ::close(fd);
}
#endif

#if defined(__linux__)
long linux_getrandom(void* p, std::size_t n) noexcept {
#if defined(ORUUID_HAVE_GETRANDOM)
    return ::getrandom(p, n, 0);
#elif defined(SYS_getrandom)
    return ::syscall(SYS_getrandom, p, n, 0);  // older libc, kernel 3.17+
#else
    (void)p;
    (void)n;
    errno = ENOSYS;
    return -1;
#endif
}
#endif

}  // namespace

void fill_kernel_random(void* out, std::size_t n) noexcept {
    auto* p = static_cast<unsigned char*>(out);
#if defined(__linux__)
    // getrandom(2) blocks only until the pool is first initialised; it may return
    // fewer bytes than asked (over 256 bytes, when a signal arrives) or EINTR.
    while (n > 0) {
        const long r = linux_getrandom(p, n);
        if (r < 0) {
            if (errno == EINTR) continue;
            if (errno == ENOSYS || errno == EPERM) {  // old kernel, or a seccomp filter
                read_dev_urandom(p, n);
                return;
            }
            random_failure();
        }
        p += r;
        n -= static_cast<std::size_t>(r);
    }
#elif defined(__APPLE__)
    // getentropy() takes at most 256 bytes; arc4random_buf() is the fallback.
    while (n > 0) {
        const std::size_t chunk = n < 256 ? n : 256;
        if (::getentropy(p, chunk) != 0) {
            ::arc4random_buf(p, n);
            return;
        }
        p += chunk;
        n -= chunk;
    }
#elif defined(_WIN32)
    while (n > 0) {
        const ULONG chunk = n < 0x40000000 ? static_cast<ULONG>(n) : 0x40000000;
        if (!BCRYPT_SUCCESS(BCryptGenRandom(nullptr, p, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG)))
            random_failure();
        p += chunk;
        n -= chunk;
    }
#else
    read_dev_urandom(p, n);
#endif
}

// ---- Fork detection -------------------------------------------------------------

std::atomic<std::uint64_t> g_fork_generation{0};

namespace {
#if !defined(_WIN32)
void count_fork_in_child() {
    g_fork_generation.fetch_add(1, std::memory_order_relaxed);
}
#endif

// Not a function-local static: a forked child must never wait on an initialisation
// guard that a thread of its parent held at fork time.
enum : int { kUnregistered, kRegistering, kRegistered };
std::atomic<int> g_fork_handler_state{kUnregistered};

// Registered at load time too, so that a fork before any use is still counted.
[[maybe_unused]] const bool g_registered_at_load = (ensure_fork_handler(), true);
}  // namespace

void ensure_fork_handler() noexcept {
    if (g_fork_handler_state.load(std::memory_order_acquire) == kRegistered) return;
    int expected = kUnregistered;
    // Another thread registering it now: it will be done before that thread returns.
    if (!g_fork_handler_state.compare_exchange_strong(expected, kRegistering,
                                                      std::memory_order_acq_rel))
        return;
#if !defined(_WIN32)
    const bool ok = ::pthread_atfork(nullptr, nullptr, &count_fork_in_child) == 0;
#else
    const bool ok = true;  // no fork on Windows
#endif
    // Registered only once pthread_atfork succeeded; after a failure, a later call retries.
    g_fork_handler_state.store(ok ? kRegistered : kUnregistered, std::memory_order_release);
}

std::uint64_t fork_generation() noexcept {
    ensure_fork_handler();
    return fork_generation_relaxed();
}

bool hold_locks_across_fork(void (*lock_all)(), void (*unlock_all)()) noexcept {
#if !defined(_WIN32)
    return ::pthread_atfork(lock_all, unlock_all, unlock_all) == 0;
#else
    (void)lock_all;
    (void)unlock_all;
    return true;
#endif
}

// ---- CPU features and scheduling ------------------------------------------------

bool cpu_supports(CpuFeature feature) noexcept {
#if ORUUID_X86_BUILTINS
    // Needed if we run before libgcc's constructor; a flag check afterwards. libgcc and
    // compiler-rt also check that the OS saves the YMM, ZMM and mask registers.
    __builtin_cpu_init();
    switch (feature) {
        case CpuFeature::ssse3:
            return __builtin_cpu_supports("ssse3") != 0;
        case CpuFeature::sse41:
            return __builtin_cpu_supports("sse4.1") != 0;
        case CpuFeature::avx2:
            return __builtin_cpu_supports("avx2") != 0;
        case CpuFeature::avx512f:
            return __builtin_cpu_supports("avx512f") != 0;
        case CpuFeature::sha: {
            // Not every compiler's __builtin_cpu_supports knows it: CPUID.(7,0):EBX[29].
            unsigned a = 0, b = 0, c = 0, d = 0;
            return __get_cpuid_count(7, 0, &a, &b, &c, &d) != 0 && (b >> 29 & 1) != 0;
        }
    }
#endif
    (void)feature;
    return false;
}

void yield_cpu() noexcept {
#if defined(_WIN32)
    SwitchToThread();
#else
    sched_yield();
#endif
}

void realtime_now(std::int64_t* seconds, std::uint32_t* nanos) noexcept {
#if defined(_WIN32)
    // 100 ns intervals since 1601-01-01.
    FILETIME ft;
    GetSystemTimePreciseAsFileTime(&ft);
    const std::uint64_t t =
        (std::uint64_t{ft.dwHighDateTime} << 32 | ft.dwLowDateTime) - 116444736000000000ULL;
    *seconds = static_cast<std::int64_t>(t / 10000000);
    *nanos = static_cast<std::uint32_t>(t % 10000000 * 100);
#else
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    *seconds = static_cast<std::int64_t>(ts.tv_sec);
    *nanos = static_cast<std::uint32_t>(ts.tv_nsec);
#endif
}

// ---- Pages ----------------------------------------------------------------------

namespace {
std::size_t round_to_pages(std::size_t size) noexcept {
#if defined(_WIN32)
    SYSTEM_INFO info;
    GetSystemInfo(&info);
    const std::size_t page = info.dwPageSize;
#else
    const long sc = ::sysconf(_SC_PAGESIZE);
    const std::size_t page = sc > 0 ? static_cast<std::size_t>(sc) : 4096;
#endif
    return (size + page - 1) / page * page;
}
}  // namespace

void* allocate_pages(std::size_t size) noexcept {
    const std::size_t len = round_to_pages(size);
#if defined(_WIN32)
    return VirtualAlloc(nullptr, len, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
#else
    void* p = ::mmap(nullptr, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return nullptr;
#if defined(MADV_DONTDUMP)
    ::madvise(p, len, MADV_DONTDUMP);  // keys stay out of core dumps; best effort
#endif
    return p;
#endif
}

void free_pages(void* p, std::size_t size) noexcept {
    if (p == nullptr) return;
#if defined(_WIN32)
    (void)size;
    VirtualFree(p, 0, MEM_RELEASE);
#else
    ::munmap(p, round_to_pages(size));
#endif
}

bool wipe_pages_on_fork(void* p, std::size_t size) noexcept {
#if defined(MADV_WIPEONFORK)  // Linux 4.14+
    return ::madvise(p, round_to_pages(size), MADV_WIPEONFORK) == 0;
#elif defined(INHERIT_ZERO)  // OpenBSD, FreeBSD
    return ::minherit(p, round_to_pages(size), INHERIT_ZERO) == 0;
#else
    (void)p;
    (void)size;
    return false;
#endif
}

void secure_zero(void* p, std::size_t size) noexcept {
#if defined(_WIN32)
    SecureZeroMemory(p, size);
#elif ORUUID_GNU_EXTENSIONS
    std::memset(p, 0, size);
    // The empty asm "reads" the memory, so the memset is not a dead store.
    __asm__ __volatile__("" : : "r"(p) : "memory");
#else
    // Stores through a volatile pointer are observable, so none can be dropped.
    volatile unsigned char* v = static_cast<volatile unsigned char*>(p);
    for (std::size_t i = 0; i < size; ++i) v[i] = 0;
#endif
}

// ---- Network interfaces ---------------------------------------------------------

std::vector<NetworkInterface> network_interfaces() {
    std::vector<NetworkInterface> out;
#if defined(__linux__)
    ifaddrs* raw = nullptr;
    if (::getifaddrs(&raw) != 0) return out;
    std::unique_ptr<ifaddrs, void (*)(ifaddrs*)> list(raw, &::freeifaddrs);

    std::vector<std::string> ipv4_names;  // in listing order, each once
    for (const ifaddrs* ifa = list.get(); ifa != nullptr; ifa = ifa->ifa_next) {
        if (ifa->ifa_addr == nullptr || ifa->ifa_name == nullptr) continue;
        const int family = ifa->ifa_addr->sa_family;
        if (family == AF_PACKET) {
            sockaddr_ll ll;
            std::memcpy(&ll, ifa->ifa_addr, sizeof ll);
            if (ll.sll_halen != 6) continue;  // tunnels, InfiniBand: no 48-bit address
            NetworkInterface nic;
            nic.name = ifa->ifa_name;
            for (int i = 0; i < 6; ++i) nic.mac = (nic.mac << 8) | ll.sll_addr[i];
            nic.loopback = (ifa->ifa_flags & IFF_LOOPBACK) != 0;
            out.push_back(std::move(nic));
        } else if (family == AF_INET) {
            // Alias addresses carry a label such as "eth0:1"; the device is "eth0".
            std::string name = ifa->ifa_name;
            name = name.substr(0, name.find(':'));
            bool seen = false;
            for (const auto& n : ipv4_names) seen = seen || n == name;
            if (!seen) ipv4_names.push_back(std::move(name));
        }
    }
    for (auto& nic : out)
        for (std::size_t i = 0; i < ipv4_names.size(); ++i)
            if (ipv4_names[i] == nic.name) nic.ipv4_rank = i;
#elif defined(_WIN32)
    // GetAdaptersAddresses, in the system's adapter order; the buffer size it asks for
    // can grow between calls, so it is asked again a few times.
    const ULONG flags = GAA_FLAG_SKIP_ANYCAST | GAA_FLAG_SKIP_MULTICAST | GAA_FLAG_SKIP_DNS_SERVER;
    ULONG size = 16 * 1024;
    std::vector<unsigned char> buf;
    ULONG rc = ERROR_BUFFER_OVERFLOW;
    for (int attempt = 0; attempt < 4 && rc == ERROR_BUFFER_OVERFLOW; ++attempt) {
        buf.resize(size);
        rc = GetAdaptersAddresses(AF_UNSPEC, flags, nullptr,
                                  reinterpret_cast<IP_ADAPTER_ADDRESSES*>(buf.data()), &size);
    }
    if (rc != NO_ERROR) return out;
    std::size_t ipv4_count = 0;
    for (const IP_ADAPTER_ADDRESSES* a = reinterpret_cast<IP_ADAPTER_ADDRESSES*>(buf.data());
         a != nullptr; a = a->Next) {
        bool has_ipv4 = false;
        for (const IP_ADAPTER_UNICAST_ADDRESS* u = a->FirstUnicastAddress; u != nullptr;
             u = u->Next)
            has_ipv4 = has_ipv4 || (u->Address.lpSockaddr != nullptr &&
                                    u->Address.lpSockaddr->sa_family == AF_INET);
        const std::size_t rank = has_ipv4 ? ipv4_count++ : SIZE_MAX;
        if (a->PhysicalAddressLength != 6) continue;
        NetworkInterface nic;
        nic.name = a->AdapterName != nullptr ? a->AdapterName : "";
        for (int i = 0; i < 6; ++i) nic.mac = (nic.mac << 8) | a->PhysicalAddress[i];
        nic.loopback = a->IfType == IF_TYPE_SOFTWARE_LOOPBACK;
        nic.ipv4_rank = rank;
        out.push_back(std::move(nic));
    }
#endif
    return out;
}

}  // namespace oruuid::detail
