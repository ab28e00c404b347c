"""One error type for bad content or data, so every message names the file, the line and the fix."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from llmkb.paths import display_path


@dataclass
class ContentError:
    """A problem an author can fix: where it is, what is wrong, and what to do."""

    path: Path | str
    message: str
    fix: str
    line: int | None = None

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
        body = "\n".join(str(error) for error in self.errors)
        return f"{count} {noun} found:\n{body}"


@contextmanager
def plugin_errors():
    """In a hook: ContentErrors become MkDocs' PluginError, so the build stops with the report and no traceback."""
    from mkdocs.exceptions import PluginError

    try:
        yield
    except ContentErrors as exc:
        raise PluginError(exc.report()) from None
