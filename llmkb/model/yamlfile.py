"""Strict YAML loading that keeps line numbers, for error messages that point at the right line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from llmkb.errors import ContentError, ContentErrors

# libyaml's C parser when PyYAML has it (about ten times faster on the bibliography).
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _UniqueKeyLoader(_BaseLoader):
    """SafeLoader that rejects duplicate keys instead of silently keeping the last one."""

    def construct_mapping(self, node, deep=False):
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r} (first on line {seen[key] + 1})", key_node.start_mark
                )
            seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep=deep)


def load_yaml(text: str, path: Path | str, line_offset: int = 0) -> tuple[Any, dict[str, int]]:
    """Parse YAML strictly. Returns the data and, for a top-level mapping, each key's line number.

    Items of a top-level list get lines too, keyed ``key[index]`` (``changes[0]`` is the first change).

    ``line_offset`` is added to reported lines (front matter starts after the opening ``---``).
    """
    try:
        data = yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - SafeLoader subclass
        root = yaml.compose(text, Loader=_BaseLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise ContentErrors(
            [
                ContentError(
                    path,
                    f"YAML syntax error: {problem}",
                    "check indentation, quote values that contain ':' or start with '[', '{', '*', '&' or '#'",
                    line,
                )
            ]
        ) from None
    except ValueError as exc:  # e.g. an impossible date such as 2026-13-01
        raise ContentErrors(
            [ContentError(path, f"YAML value error: {exc}", "write dates as a real ISO date, YYYY-MM-DD")]
        ) from None
    key_lines: dict[str, int] = {}
    if isinstance(root, yaml.MappingNode):
        for key_node, value_node in root.value:
            key_lines[str(key_node.value)] = key_node.start_mark.line + 1 + line_offset
            if isinstance(value_node, yaml.SequenceNode):
                for index, item in enumerate(value_node.value):
                    key_lines[f"{key_node.value}[{index}]"] = item.start_mark.line + 1 + line_offset
    return data, key_lines


def load_yaml_file(path: Path) -> tuple[Any, dict[str, int]]:
    return load_yaml(path.read_text(encoding="utf-8"), path)
