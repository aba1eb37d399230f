"""Runs one page's python blocks in order, in one namespace: the docs tests' worker.

Reads a JSON list of blocks (``{"name", "code"}``) on stdin, runs each with its output
captured, and writes one JSON result per block to the file named by argv[1]: its
status ("passed" or "failed"; a page goes on after a failure), what it printed and the
traceback. It runs in a fresh interpreter per page, so what a page does (install(),
django.setup(), ...) stays on that page.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import traceback
import types


def main() -> int:
    blocks = json.load(sys.stdin)
    # The page runs as a script does, as the __main__ module: libraries that resolve
    # names through sys.modules (SQLAlchemy's annotations, pickle) find them there.
    main_module = types.ModuleType("__main__")
    sys.modules["__main__"] = main_module
    namespace = main_module.__dict__
    results = []
    failed: list[str] = []
    for block in blocks:
        # After a failure the page goes on, so that each block's own status shows; the
        # failure is named with any later one (which may fail only because of it).
        out = io.StringIO()
        try:
            code = compile(block["code"], block["name"], "exec")
            with contextlib.redirect_stdout(out):
                exec(code, namespace)
        except BaseException:  # noqa: BLE001  (reported to the test, which fails)
            earlier = f"(after the failure of {', '.join(failed)})\n" if failed else ""
            failed.append(block["name"])
            results.append(
                {
                    "status": "failed",
                    "stdout": out.getvalue(),
                    "error": earlier + traceback.format_exc(),
                }
            )
        else:
            results.append({"status": "passed", "stdout": out.getvalue(), "error": ""})
    with open(sys.argv[1], "w", encoding="utf-8") as f:
        json.dump(results, f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
