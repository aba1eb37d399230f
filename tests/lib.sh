# shellcheck shell=bash
# tests/lib.sh: what the check scripts under tests/ share (sourced, not run): messages, Debian
# packages, CMake presets, Debian roots and chroots.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
out=${ORUUID_PLATFORMS_BUILD:-$root/build/platforms}
# Debian roots live outside the tree (a build of the sdist walks the tree), kept between
# runs like the sid root.
# shellcheck disable=SC2034 # used by the scripts that source this file
roots=${ORUUID_ROOTS:-/var/cache/oruuid}
jobs=$(nproc)
mkdir -p "$out"
t0=$SECONDS

say() { printf '== %s [%ds]: %s\n' "$(basename "$0" .sh)" "$((SECONDS - t0))" "$*"; }
die() { printf '%s: %s\n' "$(basename "$0")" "$*" >&2; exit 1; }

# Installs the Debian packages given that are missing (as root), or says which are.
need_packages() {
    local missing=() p
    for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
    ((${#missing[@]})) || return 0
    [[ $(id -u) -eq 0 ]] || die "missing Debian packages: ${missing[*]} (run as root, or install them)"
    say "apt-get install ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # One apt at a time: nox -s all runs several scripts side by side.
    (
        flock 9
        # and wait for an apt of another's (unattended-upgrades) rather than fail
        apt-get -o DPkg::Lock::Timeout=600 update -qq
        apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    ) 9>/var/lock/oruuid-apt.lock
}

# The newest pyenv CPython VERSION (e.g. 3.12), else pythonVERSION from PATH.
pyenv_python() {
    local py
    py=$(find "${PYENV_ROOT:-$HOME/.pyenv}/versions" -maxdepth 3 -path "*/versions/$1.*/bin/python3" 2>/dev/null | sort -V | tail -1)
    [[ -n $py ]] || py=$(command -v "python$1") || die "no CPython $1 (pyenv or PATH)"
    echo "$py"
}

# Configures, builds and runs ctest in $out/PRESET for a cross preset of CMakePresets.json
# (the tests preset with a toolchain of cmake/toolchains).
#   cross_ctest PRESET [CMAKE ARGS...]
cross_ctest() {
    local name=$1
    shift
    local build=$out/$name
    say "configure (preset $name)"
    cmake -S . -B "$build" --preset "$name" "$@" >"$build.configure.log" 2>&1 ||
        { cat "$build.configure.log"; die "configure failed"; }
    grep 'oruuid:' "$build.configure.log" || true
    say "build"
    cmake --build "$build" -j "$jobs" >"$build.build.log" 2>&1 ||
        { tail -100 "$build.build.log"; die "build failed"; }
    say "ctest"
    if ! ctest --test-dir "$build" -j "$jobs" --output-on-failure --timeout 600 >"$build.ctest.log" 2>&1; then
        grep -vE '^ *(Start|[0-9]+/[0-9]+ Test .* Passed)' "$build.ctest.log" | tail -n 200
        die "ctest failed"
    fi
    grep -E 'tests passed|\(Skipped\)|Total Test time' "$build.ctest.log"
    say "passed"
}

# Mounts binfmt_misc and enables Debian's qemu-user-static handlers, so foreign binaries
# (an exec from a test, or a whole Debian root) run under QEMU. False if it cannot.
enable_binfmt() {
    if [[ ! -e /proc/sys/fs/binfmt_misc/status ]]; then
        mount binfmt_misc -t binfmt_misc /proc/sys/fs/binfmt_misc 2>/dev/null || return 1
    fi
    update-binfmts --enable >/dev/null 2>&1 || true
    [[ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]]
}

# The Debian mirror this machine uses (deb822 sources, else sources.list).
debian_mirror() {
    local m=""
    if [[ -r /etc/apt/sources.list.d/debian.sources ]]; then
        m=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources)
    fi
    if [[ -z $m && -r /etc/apt/sources.list ]]; then
        m=$(awk '$1 == "deb" && $0 !~ /security/ {print $2; exit}' /etc/apt/sources.list)
    fi
    echo "${m:-http://deb.debian.org/debian}"
}

# A minimal Debian bookworm root at DIR for ARCH with the packages given, made once
# (a finished root is reused: its marker file says which packages it has). If one is
# being made in the background (debian_root_in_background), waits for it.
#   debian_root DIR ARCH PKG,PKG,...
debian_root() {
    root_lock "$1"
    debian_root_locked "$@"
    exec {root_lock_fd}>&-
}

# Takes the lock on the root at DIR (DIR.lock), waiting while another process makes it;
# the lock is on the open descriptor $root_lock_fd, which a background child inherits.
root_lock() {
    mkdir -p "$(dirname "$1")"
    exec {root_lock_fd}>"$1.lock"
    flock "$root_lock_fd"
}

# Removes the root at DIR. Nothing may be mounted under it: in_root bind-mounts the
# source tree there, and a session killed outright (SIGKILL: its traps never run) leaves
# that mount behind, so a plain rm -rf would delete the source tree through it.
remove_root() {
    local dir=$1
    if findmnt -rn -o TARGET | awk -v r="$dir/" 'index($0 "/", r) == 1 { f = 1 } END { exit !f }'; then
        die "something is still mounted under $dir (see findmnt); unmount it first"
    fi
    rm -rf --one-file-system "$dir"
}

# debian_root, with the lock already held.
debian_root_locked() {
    local dir=$1 arch=$2 include=$3
    if [[ -e $dir/.oruuid-root && $(cat "$dir/.oruuid-root") == "$arch $include" ]]; then
        say "reusing the $arch root $dir"
        return 0
    fi
    [[ ! -e $dir ]] || remove_root "$dir"
    say "debootstrap $arch bookworm ($include) from $(debian_mirror)"
    debootstrap --arch="$arch" --variant=minbase --include="$include" bookworm "$dir" \
        "$(debian_mirror)" >"$dir.debootstrap.log" 2>&1 ||
        { tail -50 "$dir.debootstrap.log"; die "debootstrap failed"; }
    echo "$arch $include" >"$dir/.oruuid-root"
}

# Starts making the root (as debian_root) in the background and returns at once,
# holding its lock until done, so a later debian_root waits for it, or makes the root
# itself if the background attempt failed. The output goes to DIR.prepare.log.
debian_root_in_background() {
    root_lock "$1"
    (debian_root_locked "$@" >"$1.prepare.log" 2>&1) &
    exec {root_lock_fd}>&-
    say "making the $2 root $1 in the background (log: $1.prepare.log)"
}

# Copies the source tree (tracked and new files, as git sees them; no build output)
# into DIR.
copy_tree() {
    local dest=$1
    rm -rf "$dest"
    mkdir -p "$dest"
    git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$dest" 2>/dev/null || true
    # Files git still lists but that are gone from the working tree are skipped above.
}

# Runs a command in the root at DIR with /proc, /sys (read-only: tests compare what they
# find with it, and must not change the host's) and /dev mounted, the host's DNS
# configuration and CA bundle, and each HOSTDIR of a --bind mounted at PATH in the root.
# Everything is unmounted afterwards, also when the command fails or the script is
# interrupted. The command's environment is empty but for HOME, PATH, LANG, TERM,
# DEBIAN_FRONTEND and the CA bundle's variables; COMMAND may start with VAR=VALUE words
# to add to it.
#   in_root [--bind HOSTDIR PATH]... DIR COMMAND...
in_root() {
    local binds=()
    while [[ ${1:-} == --bind ]]; do
        binds+=("$2" "$3")
        shift 3
    done
    local dir=$1
    shift
    cp -L /etc/resolv.conf "$dir/etc/resolv.conf" 2>/dev/null || true
    # The build machine's CA bundle, for pip behind a TLS-inspecting proxy.
    local ca=${PIP_CERT:-${SSL_CERT_FILE:-/etc/ssl/certs/ca-certificates.crt}} ca_env=()
    if [[ -r $ca ]]; then
        mkdir -p "$dir/etc/ssl"
        cp -L "$ca" "$dir/etc/ssl/host-ca-bundle.crt"
        ca_env=(PIP_CERT=/etc/ssl/host-ca-bundle.crt SSL_CERT_FILE=/etc/ssl/host-ca-bundle.crt)
    fi
    # A subshell with traps of its own, so that the mounts go with it however it ends, and
    # the caller's traps stay as they are. Its mount commands are checked one by one: set -e
    # does not hold in it when the caller tests in_root's status (in_root ... || rc=$?).
    (
        mounted=()
        trap 'unmount_all "${mounted[@]}"' EXIT
        trap 'exit 130' INT
        trap 'exit 143' TERM
        mount -t proc proc "$dir/proc" || exit
        mounted+=("$dir/proc")
        mount -t sysfs -o ro,nosuid,nodev,noexec sysfs "$dir/sys" || exit
        mounted+=("$dir/sys")
        # /dev with what is mounted under it (/dev/pts, /dev/shm for multiprocessing).
        mount --rbind /dev "$dir/dev" || exit
        mounted+=("$dir/dev")
        mount --make-rslave "$dir/dev" || exit
        local i
        for ((i = 0; i < ${#binds[@]}; i += 2)); do
            mkdir -p "$dir${binds[i + 1]}" || exit
            mount --bind "${binds[i]}" "$dir${binds[i + 1]}" || exit
            mounted+=("$dir${binds[i + 1]}")
        done
        chroot "$dir" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM="${TERM:-dumb}" \
            PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
            DEBIAN_FRONTEND=noninteractive ${ca_env[@]+"${ca_env[@]}"} "$@"
    )
}

# Unmounts each mount point given (with what is mounted under it), the last first; lazily
# when one is still busy.
unmount_all() {
    local mounts=("$@") i
    for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
        umount -R "${mounts[i]}" 2>/dev/null || umount -R -l "${mounts[i]}" ||
            echo "could not unmount ${mounts[i]}" >&2
    done
}
