"""MkDocs' own link, anchor, image and nav warnings, given a line and a fix, and shown once.

MkDocs checks links against the rendered pages (the strict build fails on them), but says only
"Doc file 'a.md' contains a link 'b.md#x', but ...": no line, no fix, and the 繁體 edition, rendered
from the same source, repeats every warning. A logging filter on the two MkDocs loggers that emit
them rewrites each into the project's form (``file:line: problem / fix:``) and drops repeats; the
warnings still count for strict mode.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from llmkb.errors import ContentError
from llmkb.paths import display_path

LOGGERS = ("mkdocs.structure.pages", "mkdocs.structure.nav")
IMAGE_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp")

_LINK_RE = re.compile(r"^Doc file '(?P<doc>.+?)' contains a link '(?P<link>.+?)', but (?P<problem>.+?)\.(?P<rest>(?: [A-Z].*)?)$", re.S)
_NAV_MISSING_RE = re.compile(r"^A reference to '(?P<target>.+?)' is included in the 'nav' configuration, which is not found")
_NAV_OMITTED_RE = re.compile(r"^The following pages exist in the docs directory, but are not included in the \"nav\" configuration:\n(?P<list>.*)", re.S)


def _line_of(path: Path, needles: list[str]) -> int | None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    for needle in needles:
        offset = text.find(needle)
        if offset >= 0:
            return text.count("\n", 0, offset) + 1
    return None


def explain(message: str, docs_dir: Path, config_file: Path) -> str | None:
    """The warning rewritten with file, line and fix; None for warnings this does not know."""
    match = _LINK_RE.match(message)
    if match:
        doc, link, problem = match["doc"], match["link"], match["problem"]
        source = docs_dir / doc
        line = _line_of(source, [f"]({link}", f"({link} ", f'"{link}"', link])
        path, _, anchor = link.partition("#")
        if "anchor" in problem:
            target = re.search(r"the doc '(.+?)'", problem)
            where = f"{target.group(1)}" if target else "this page"
            fix = (f"link to an anchor that exists in {where} (see `uv run python -m llmkb.model.headings docs/...`), "
                   f"or give the heading an explicit id: ## Heading {{#{anchor}}}")
            message = f"link '{link}': {where} has no anchor '#{anchor}'{match['rest']}"
        elif path.lower().endswith(IMAGE_SUFFIXES):
            message = f"image '{link}' does not exist"
            fix = "correct the path (relative to this page, e.g. img/x.svg) or add the file to the part's img/ folder"
        else:
            message = f"link '{link}': {problem}"
            fix = "link to an existing page's .md file, relative to this page (e.g. ../theory/bpe.md)"
        return str(ContentError(source, message, fix, line))
    match = _NAV_MISSING_RE.match(message)
    if match:
        target = match["target"]
        return str(ContentError(config_file, f"nav entry '{target}' has no file docs/{target}",
                                "create the page (uv run llmkb new-page) or remove the entry from nav", _line_of(config_file, [f" {target}"])))
    match = _NAV_OMITTED_RE.match(message)
    if match:
        pages = [item.strip(" -") for item in match["list"].splitlines() if item.strip(" -")]
        return "\n".join(
            str(ContentError(docs_dir / page, "the page is not in the nav",
                             f"add '- {page}' to nav in {display_path(config_file)}, in its part (every page is listed once)", 1))
            for page in pages
        )
    return None


class BuildWarnings(logging.Filter):
    """Rewrites MkDocs' validation warnings (see the module docstring); one per build, reset by ``start``."""

    def __init__(self) -> None:
        super().__init__()
        self.docs_dir = Path("docs")
        self.config_file = Path("mkdocs.yml")
        self.seen: set[str] = set()

    def start(self, docs_dir: Path, config_file: Path) -> None:
        self.docs_dir, self.config_file, self.seen = docs_dir, config_file, set()

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True
        message = record.getMessage()
        rewritten = explain(message, self.docs_dir, self.config_file) or message
        if rewritten in self.seen:
            return False  # the same source warned once already (the 繁體 edition renders the same file)
        self.seen.add(rewritten)
        record.msg, record.args = rewritten, ()
        return True


_filter = BuildWarnings()


def start(docs_dir: Path, config_file: Path) -> None:
    """Attach the filter (once per process) and forget the warnings of any earlier build."""
    _filter.start(docs_dir, config_file)
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if _filter not in logger.filters:
            logger.addFilter(_filter)
