"""Shared fixtures: the real site built once, and small fixture sites built with the real config."""

from __future__ import annotations

import functools
import http.server
import logging
import os
import shutil
import threading
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

# Material prints a multi-line MkDocs 2 banner on every build unless this is set.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from llmkb.paths import MKDOCS_FILE, ROOT  # noqa: E402

# Keys that exist in data/bibliography.yaml, for fixture pages that must cite something.
KNOWN_KEYS = ["ouyang2022training", "hu2021lora"]


def load_file_module(relative_path: str):
    """Import a file of this repository (an example or a script) as a module, for tests."""
    import importlib.util

    path = ROOT / relative_path
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is created
    spec.loader.exec_module(module)
    return module


def make_page(title: str, body: str, *, sources: list[str] | None = None, extra: str = "") -> str:
    """A page with valid front matter around the given body."""
    keys = KNOWN_KEYS if sources is None else sources
    return (
        "---\n"
        f"title: {title}\n"
        f"description: 用于测试的页面，验证构建对这种输入的处理是否正确。\n"
        "tags: [基础概念]\n"
        "updated: 2026-11-01\n"
        f"sources: [{', '.join(keys)}]\n"
        f"{extra}"
        "---\n\n" + textwrap.dedent(body).lstrip("\n")
    )


@dataclass
class BuildResult:
    ok: bool
    log: str
    site_dir: Path

    def html(self, path: str) -> str:
        return (self.site_dir / path).read_text(encoding="utf-8")


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname}: {record.getMessage()}")


@pytest.fixture
def build_fixture_site(tmp_path):
    """Build a small site from {path: text} with the real mkdocs.yml (hooks, extensions, validation).

    Only the default edition is built unless ``editions=True``.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    def _build(pages: dict[str, str | bytes], nav: list | None = None, editions: bool = False) -> BuildResult:
        docs = tmp_path / "docs"
        site = tmp_path / "site"
        for rel, content in pages.items():
            target = docs / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8")
        if nav is None:
            nav = [rel for rel in pages if rel.endswith(".md")]
        handler = _Collect()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(handler)
        try:
            config = load_config(config_file=str(MKDOCS_FILE), docs_dir=str(docs), site_dir=str(site), nav=nav)
            if not editions:
                # Most fixtures test one page's Markdown: building the default edition is enough.
                for language in config.plugins["i18n"].config.languages:
                    language.build = language.default
            build(config)
            ok = True
        except Abort as exc:
            handler.lines.append(f"ABORT: {exc}")
            ok = False
        finally:
            logger.removeHandler(handler)
        return BuildResult(ok=ok, log="\n".join(handler.lines), site_dir=site)

    return _build


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The real site, built once per test session; strictness comes from mkdocs.yml itself."""
    site = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    return result, site


CHROMIUM = "/usr/bin/chromium"


def _has_cjk_font() -> bool:
    if not shutil.which("fc-list"):
        return False
    families = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True).stdout
    return "Noto Sans CJK SC" in families


# What tests need from the machine beyond Python packages: what it is, how to tell it is there, and
# the Debian packages that provide it (all installed by .ci/install-debian-packages).
SYSTEM_REQUIREMENTS = {
    "chromium": ("Debian's Chromium (/usr/bin/chromium)", lambda: Path(CHROMIUM).is_file(), "chromium"),
    "cjk-font": ("the Noto CJK fonts (pages, charts and the PDF are checked as they render in them)", _has_cjk_font,
                 "fonts-noto-cjk fontconfig"),
    "pdftotext": ("pdftotext (reads the PDF's text layer)", lambda: shutil.which("pdftotext") is not None, "poppler-utils"),
    "java": ("Java (runs epubcheck)", lambda: shutil.which("java") is not None, "default-jre-headless"),
}


@functools.cache
def _missing(requirement: str) -> str | None:
    what, present, packages = SYSTEM_REQUIREMENTS[requirement]
    if present():
        return None
    return f"{what} is missing: install it with `sudo apt-get install {packages}` (.ci/install-debian-packages does this in CI)"


def require(*requirements: str) -> None:
    """Fail (not skip) with what to install when the machine lacks something a test needs; checked once per run."""
    problems = [problem for requirement in requirements if (problem := _missing(requirement))]
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature from the standard library
        pass


@pytest.fixture(scope="session")
def served_site(built_site):
    """The built site served on 127.0.0.1; yields the base URL."""
    result, site = built_site
    assert result.returncode == 0, result.stderr
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright (Playwright cannot download its own browsers here)."""
    from playwright.sync_api import sync_playwright

    require("chromium", "cjk-font")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-background-networking"]
        )
        yield browser
        browser.close()


@pytest.fixture
def browser_page(served_site, chromium):
    """A phone-sized touch page (390 px wide)."""
    context = chromium.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    yield served_site, context.new_page()
    context.close()


@pytest.fixture
def desktop_page(served_site, chromium):
    """A desktop page (1280 px wide)."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    yield served_site, context.new_page()
    context.close()
