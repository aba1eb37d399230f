"""How the running interpreter was built (``--enable-optimizations``, LTO, ``Py_DEBUG``,
free-threading), whether its figures are worth comparing, and the machine's CPU."""

from __future__ import annotations

import platform
import shlex
import sys
import sysconfig
from collections.abc import Sequence
from typing import Any

__all__ = ["build_info"]


def _cpu() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _configure_option(args: Sequence[str], enable: str, disable: str) -> str | None:
    """The value configure got for an option (``--with-lto=thin`` → "thin"), the last one wins."""
    value = None
    for a in args:
        if a == enable:
            value = "yes"
        elif a.startswith(enable + "="):
            value = a.split("=", 1)[1]
        elif a == disable:
            value = "no"
    return value


def _on(value: str | None) -> bool:
    return value is not None and value != "no"


def build_info() -> dict[str, Any]:
    """How the running interpreter was built, from ``sysconfig``, and whether to warn.

    ``enable_optimizations`` and ``with_lto`` come from ``CONFIG_ARGS`` (None when
    the interpreter does not record it, as on Windows). Debian's packages (and
    Ubuntu's) are built with PGO and LTO by their packaging, which keeps those
    flags out of ``sysconfig`` on purpose (Debian bug #934771), so a Debian
    interpreter counts as optimized without them. ``optimized`` is False for a
    debug build or a configure run without ``--enable-optimizations``; then
    ``warning`` says why its figures should not be compared.
    """
    raw = sysconfig.get_config_var("CONFIG_ARGS")
    args: list[str] | None = None
    if isinstance(raw, str):
        try:
            args = shlex.split(raw)
        except ValueError:  # unbalanced quotes: good enough to look for flags
            args = raw.split()
    pgo = lto = jit = None
    if args is not None:
        pgo = _on(_configure_option(args, "--enable-optimizations", "--disable-optimizations"))
        lto = _on(_configure_option(args, "--with-lto", "--without-lto"))
        jit = _configure_option(args, "--enable-experimental-jit", "--disable-experimental-jit")
    debug = bool(sysconfig.get_config_var("Py_DEBUG")) or hasattr(sys, "gettotalrefcount")
    free_threading = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
    # Debian's patched sysconfig adds this scheme; its interpreters live in /usr.
    debian = "deb_system" in sysconfig.get_scheme_names() and sys.base_prefix == "/usr"
    if debug:
        optimized: bool | None = False
        why = "a debug build (Py_DEBUG)"
    elif pgo or debian:
        optimized, why = True, ""
    elif args is None:
        optimized, why = None, ""
    else:
        optimized, why = False, "configured without --enable-optimizations"
    warning = None
    if optimized is False:
        warning = (
            f"WARNING: this interpreter is not optimized ({why}): figures from an "
            "unoptimized interpreter are not comparable with those of an optimized build "
            "(--enable-optimizations, as python.org and the distributions ship), and must "
            "not decide which paths install() leaves out (_SLOWER)."
        )
    gil = getattr(sys, "_is_gil_enabled", None)
    return {
        "implementation": platform.python_implementation(),
        "version": platform.python_version(),
        "config_args": raw if isinstance(raw, str) else None,
        "enable_optimizations": pgo,
        "with_lto": lto,
        "py_debug": debug,
        "free_threading": free_threading,
        "gil_enabled": gil() if gil is not None else True,
        "jit": jit,
        "debian_package": debian,
        "optimized": optimized,
        "warning": warning,
    }


def _build_line(b: dict[str, Any]) -> str:
    def yn(v: bool | None) -> str:
        return "not recorded" if v is None else "yes" if v else "no"

    parts = [
        f"--enable-optimizations: {yn(b['enable_optimizations'])}",
        f"--with-lto: {yn(b['with_lto'])}",
        f"Py_DEBUG: {yn(b['py_debug'])}",
        f"free-threading: {yn(b['free_threading'])}",
    ]
    if b.get("jit"):
        parts.append(f"JIT: {b['jit']}")
    line = f"Interpreter: {b['implementation']} {b['version']}; " + "; ".join(parts)
    if b.get("debian_package") and not b.get("py_debug"):
        line += (
            " (a Debian package: built with PGO and LTO by its packaging, "
            "which keeps those flags out of sysconfig)"
        )
    verdict = {True: "optimized", False: "NOT optimized", None: "unknown"}[b.get("optimized")]
    return line + f"; build: {verdict}."
