"""Fixtures: the real site built once and served, small fixture sites built with the real config, Chromium.

Helpers that are not fixtures live in helpers.py."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import require

from llmkb.browser import launch, serve
from llmkb.build.run import QUIET_ENV, build_site
from llmkb.paths import MKDOCS_FILE

os.environ.update(QUIET_ENV)


# The files that take longest (printing the PDF, exporting three EPUBs, packing the offline archive)
# run first: the two workers take whole files in collection order, and a long file started last
# would keep one worker busy while the other sits idle.
LONGEST_FIRST = ("test_pdf.py", "test_epub.py", "test_offline_archive.py")


def pytest_collection_modifyitems(items):
    items.sort(key=lambda item: item.path.name not in LONGEST_FIRST)


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
    """The real site, built once per test session; strictness comes from mkdocs.yml itself.

    KB_TEST_SITE=<folder> uses a site built before instead (to iterate on tests, or to run new tests
    against an older build and see them fail); CI never sets it.
    """
    if os.environ.get("KB_TEST_SITE"):
        import subprocess

        return subprocess.CompletedProcess([], 0, "", ""), Path(os.environ["KB_TEST_SITE"])
    site = tmp_path_factory.mktemp("site")
    return build_site(site, capture=True), site


@pytest.fixture(scope="session")
def served_site(built_site):
    """The built site served on 127.0.0.1; yields the base URL."""
    result, site = built_site
    assert result.returncode == 0, result.stderr
    with serve(site) as base:
        yield base


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright (Playwright cannot download its own browsers here)."""
    from playwright.sync_api import sync_playwright

    require("chromium", "cjk-font")
    with sync_playwright() as playwright:
        browser = launch(playwright)
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
