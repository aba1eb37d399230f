"""oruuid's start-up hook: ``oruuid.install()`` at interpreter start-up when ``ORUUID_INSTALL=1``.

Python 3.15+ calls ``main()`` through ``oruuid_install.start`` (PEP 829), whose
presence also disables the import line of ``oruuid_install.pth``; earlier versions
run that line, which does the same check. A top-level module rather than
``oruuid._startup``: ``site`` resolves an entry point with
``pkgutil.resolve_name``, which imports the package first, and oruuid (with uuid
and the native extension) must load only when the variable asks for it.
"""

import os  # already imported by site: free


def main():
    """Install oruuid if ``ORUUID_INSTALL`` is exactly ``"1"``; otherwise import nothing."""
    if os.environ.get("ORUUID_INSTALL") == "1":
        import oruuid

        oruuid.install()
