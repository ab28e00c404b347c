"""Strict YAML loading that keeps line numbers, for error messages that point at the right line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from llmkb.errors import ContentError, ContentErrors, excerpt

def file_stamps(paths) -> tuple:
    """(path, size, modification time) of each file, None for one that is missing: a cached reader
    reads again when this changes (a file edited, added or removed), as ``make`` decides."""
    stamps = []
    for path in sorted(paths):
        try:
            stat = Path(path).stat()
        except OSError:
            stamps.append((str(path), None, None))
            continue
        stamps.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(stamps)


# libyaml's C parser when PyYAML has it (about ten times faster on the bibliography).
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DuplicateKeyError(yaml.constructor.ConstructorError):
    """A key written twice in one mapping (YAML would silently keep the last)."""


class _UniqueKeyLoader(_BaseLoader):
    """SafeLoader that rejects duplicate keys instead of silently keeping the last one."""

    def construct_mapping(self, node, deep=False):
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise DuplicateKeyError(
                    None, None, f"duplicate key {excerpt(repr(key))} (first on line {seen[key] + 1})", key_node.start_mark
                )
            seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep=deep)


def _anchor_errors(text: str, path: Path | str, line_offset: int) -> list[ContentError]:
    """YAML anchors (&name) and aliases (*name) are refused: a few aliases nested in a 2 KB file expand
    to gigabytes (an "alias bomb"), and no data file here needs them. Checked on the event stream,
    before anything is built."""
    errors = []
    for event in yaml.parse(text, Loader=_BaseLoader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            kind = "alias '*" if isinstance(event, yaml.AliasEvent) else "anchor '&"
            errors.append(
                ContentError(
                    path,
                    f"YAML {kind}{excerpt(event.anchor, 40)}' is not allowed",
                    "write the value out in full; anchors and aliases are refused (they can expand without limit)",
                    event.start_mark.line + 1 + line_offset,
                )
            )
            if len(errors) >= 20:
                break
    return errors


def _syntax_error(exc: yaml.MarkedYAMLError, path: Path | str, line_offset: int) -> ContentError:
    """The line an author must look at: where an unclosed quote or bracket starts, not where libyaml
    gave up (an unclosed quote is only noticed at the next quote, maybe many lines below)."""
    context = exc.context or ""
    starts_there = context.startswith(("while scanning a quoted", "while parsing a flow", "while scanning a block scalar"))
    mark = exc.context_mark if starts_there and exc.context_mark else (exc.problem_mark or exc.context_mark)
    line = mark.line + 1 + line_offset if mark else None
    problem = excerpt(exc.problem or context or "invalid YAML")
    if isinstance(exc, DuplicateKeyError):
        return ContentError(path, f"YAML error: {problem}", "write each key once: remove one of the two, or rename it if both are needed", line)
    if starts_there:
        what = context.removeprefix("while ").replace("scanning a quoted scalar", "a quoted value").replace("parsing a flow", "a bracketed")
        return ContentError(
            path, f"YAML syntax error: {what} starting on this line is not closed ({problem})",
            "close the quote or bracket on the same line, or quote values that contain quotes or brackets", line,
        )
    return ContentError(
        path, f"YAML syntax error: {problem}",
        "check indentation, quote values that contain ':' or start with '[', '{', '*', '&' or '#'", line,
    )


def load_yaml(text: str, path: Path | str, line_offset: int = 0) -> tuple[Any, dict[str, int]]:
    """Parse YAML strictly. Returns the data and, for a top-level mapping, each key's line number.

    Items of a top-level list get lines too, keyed ``key[index]`` (``changes[0]`` is the first change).

    ``line_offset`` is added to reported lines (front matter starts after the opening ``---``).
    Anchors and aliases are errors (see _anchor_errors).
    """
    try:
        anchors = _anchor_errors(text, path, line_offset)
        if anchors:
            raise ContentErrors(anchors)
        data = yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - SafeLoader subclass
        root = yaml.compose(text, Loader=_BaseLoader)
    except yaml.MarkedYAMLError as exc:
        raise ContentErrors([_syntax_error(exc, path, line_offset)]) from None
    except ValueError as exc:  # e.g. an impossible date such as 2026-13-01
        raise ContentErrors(
            [ContentError(path, f"YAML value error: {excerpt(exc)}", "write dates as a real ISO date, YYYY-MM-DD")]
        ) from None
    key_lines: dict[str, int] = {}
    if isinstance(root, yaml.MappingNode):
        for key_node, value_node in root.value:
            key_lines[str(key_node.value)] = key_node.start_mark.line + 1 + line_offset
            if isinstance(value_node, yaml.SequenceNode):
                for index, item in enumerate(value_node.value):
                    key_lines[f"{key_node.value}[{index}]"] = item.start_mark.line + 1 + line_offset
    return data, key_lines


def read_text(path: Path) -> str:
    """A source file as UTF-8; bytes that are not UTF-8 are an error naming the file, the line and the column."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ContentErrors(
            [
                ContentError(
                    path,
                    f"the file is not valid UTF-8 (byte {raw[exc.start:exc.start + 1]!r} at column {column})",
                    "save the file as UTF-8 (re-type the character, or convert it: iconv -f GBK -t UTF-8)",
                    line,
                )
            ]
        ) from None


def load_yaml_file(path: Path) -> tuple[Any, dict[str, int]]:
    return load_yaml(read_text(path), path)
