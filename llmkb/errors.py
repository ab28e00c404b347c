"""One error type for bad content or data, so every message names the file, the line and the fix."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from llmkb.paths import display_path

# Messages quote the author's input; a quoted line may be a whole 1 MB paragraph.
EXCERPT_LIMIT = 120
# One report lists at most this many problems (a broken file can produce thousands).
MAX_REPORTED = 200


def excerpt(text: str, limit: int = EXCERPT_LIMIT) -> str:
    """``text`` cut to at most ``limit`` characters (with an ellipsis), so a message never prints a huge line."""
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class ContentError:
    """A problem an author can fix: where it is, what is wrong, and what to do."""

    path: Path | str
    message: str
    fix: str
    line: int | None = None

    def __post_init__(self) -> None:
        # A message or a fix never quotes more than a short excerpt of the input.
        self.message = excerpt(self.message, 4 * EXCERPT_LIMIT)
        self.fix = excerpt(self.fix, 4 * EXCERPT_LIMIT)

    def __str__(self) -> str:
        where = display_path(self.path)
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}\n    fix: {self.fix}"


class ContentErrors(Exception):
    """Raised with every problem found, not just the first, so one run shows them all."""

    def __init__(self, errors: list[ContentError]):
        self.errors = errors
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.errors)
        noun = "problem" if count == 1 else "problems"
        body = "\n".join(str(error) for error in self.errors[:MAX_REPORTED])
        more = f"\n... and {count - MAX_REPORTED} more" if count > MAX_REPORTED else ""
        return f"{count} {noun} found:\n{body}{more}"


@contextmanager
def plugin_errors():
    """In a hook: ContentErrors become MkDocs' PluginError, so the build stops with the report and no traceback."""
    from mkdocs.exceptions import PluginError

    try:
        yield
    except ContentErrors as exc:
        raise PluginError(exc.report()) from None
