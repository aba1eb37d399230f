"""The built site as a reader sees it: served over HTTP on 127.0.0.1 and opened in
headless Chromium (Debian's chromium and chromium-driver, driven by selenium).

- The home page, a guide, the API reference and a migration guide render, with their
  navigation (the sidebar's table of contents) and their heading.
- The site's search finds ``uuid7_min`` and leads to the reference.
- No page logs an error to the browser console, and no internal link (page or
  anchor) is broken: every page of the site is checked.
- Screenshots of the home page and of the databases guide are saved to
  ORUUID_DOCS_SCREENSHOTS (default build/docs-screenshots) for a person to look at.

The browser and its driver: ORUUID_CHROMIUM / ORUUID_CHROMEDRIVER, else the first of
chromium, chromium-browser, google-chrome and chromedriver on PATH. selenium is given
both paths, so it downloads nothing (SE_OFFLINE as well).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urldefrag, urlsplit

import pytest
from pages import ROOT
from sitebuild import built_site

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

PAGES = {
    "home": ("index.html", "oruuid"),
    "guide": ("guides/databases.html", "Time-ordered IDs for databases"),
    "reference": ("reference/python.html", "Python API reference"),
    "migration": ("migration/uuid-utils.html", "From uuid-utils"),
}
SHOTS = Path(os.environ.get("ORUUID_DOCS_SCREENSHOTS", ROOT / "build" / "docs-screenshots"))


def _which(env: str, *names: str) -> str | None:
    given = os.environ.get(env)
    if given:
        return given
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_site(tmp_path_factory)


@pytest.fixture(scope="module")
def server(html: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(html))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    chromium = _which("ORUUID_CHROMIUM", "chromium", "chromium-browser", "google-chrome")
    driver_exe = _which("ORUUID_CHROMEDRIVER", "chromedriver")
    if not chromium or not driver_exe:
        pytest.fail(
            "no Chromium or chromedriver (Debian: apt-get install chromium chromium-driver; "
            "or set ORUUID_CHROMIUM and ORUUID_CHROMEDRIVER)"
        )
    os.environ["SE_OFFLINE"] = "true"  # selenium must not look for drivers online
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1280,1000",
        "--no-first-run",
        "--disable-extensions",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(driver_exe))
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def _console_errors(driver: Any) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e.get("level") == "SEVERE"]


@pytest.mark.parametrize("kind", list(PAGES))
def test_page_renders_with_navigation(kind: str, browser: Any, server: str) -> None:
    path, heading = PAGES[kind]
    browser.get(server + path)
    h1 = WebDriverWait(browser, 20).until(
        ec.visibility_of_element_located((By.CSS_SELECTOR, "article h1"))
    )
    assert heading in h1.text, f"{path}: heading {h1.text!r}"
    nav = browser.find_elements(By.CSS_SELECTOR, ".sidebar-tree a.reference")
    labels = {a.get_attribute("textContent").strip() for a in nav}
    for expected in (
        "Getting started",
        "Time-ordered IDs for databases",
        "Python API reference",
        "Migration guides",
    ):
        assert expected in labels, f"{path}: the navigation lacks {expected!r}: {sorted(labels)}"
    assert browser.find_element(By.CSS_SELECTOR, ".sidebar-tree").is_displayed()
    errors = _console_errors(browser)
    assert not errors, f"{path}: console errors {errors}"
    if kind in ("home", "guide"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        browser.save_screenshot(str(SHOTS / f"{kind}.png"))


def test_search_finds_uuid7_min(browser: Any, server: str) -> None:
    browser.get(server + "search.html?q=uuid7_min")
    results = WebDriverWait(browser, 30).until(
        ec.presence_of_all_elements_located((By.CSS_SELECTOR, "#search-results ul.search li a"))
    )
    hrefs = [a.get_attribute("href") or "" for a in results]
    assert any("reference/python.html" in h for h in hrefs), hrefs
    errors = _console_errors(browser)
    assert not errors, errors


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(str(a["id"]))
        if tag == "a" and a.get("name"):
            self.ids.add(str(a["name"]))
        for key in ("href", "src"):
            value = a.get(key)
            if value and (tag != "link" or a.get("rel") == "stylesheet" or key == "href"):
                self.links.append(value)


@functools.cache
def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_no_broken_internal_links(html: Path) -> None:
    broken = []
    pages = sorted(html.rglob("*.html"))
    assert len(pages) >= 20, "the site has fewer pages than it should"
    for page in pages:
        for link in _parse(page).links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "javascript:")):
                continue
            target_path, fragment = urldefrag(link)
            target_path = urlsplit(target_path).path  # without ?v=... cache busters
            target = (page.parent / unquote(target_path)).resolve() if target_path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(html)} -> {link}")
            elif (
                fragment
                and target.suffix == ".html"
                and unquote(fragment) not in _parse(target).ids
            ):
                broken.append(f"{page.relative_to(html)} -> {link} (no such anchor)")
    assert not broken, "broken internal links:\n" + "\n".join(broken)


def test_no_page_logs_a_console_error(html: Path, browser: Any, server: str) -> None:
    errors = []
    for page in sorted(html.rglob("*.html")):
        rel = page.relative_to(html).as_posix()
        if rel.startswith("_"):
            continue
        browser.get(server + rel)
        time.sleep(0.05)
        errors += [f"{rel}: {m}" for m in _console_errors(browser)]
    assert not errors, "\n".join(errors)


def test_site_loads_nothing_from_elsewhere(html: Path) -> None:
    """Offline by construction: no page refers to a script, style or font off the site."""
    remote = []
    for page in sorted(html.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        markers = ('src="http', "src='http", 'rel="stylesheet" href="http', "@import url(http")
        remote.extend(f"{page.relative_to(html)}: {m}" for m in markers if m in text)
    remote.extend(
        f"{css.relative_to(html)}: url(http"
        for css in html.rglob("*.css")
        if "url(http" in css.read_text(encoding="utf-8", errors="replace")
    )
    assert not remote, remote
