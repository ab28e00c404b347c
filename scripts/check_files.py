#!/usr/bin/env python3
"""Check text files before a commit: YAML and TOML parse, no trailing whitespace, final newline.

With --fix, trailing whitespace and a missing final newline are repaired in place. mkdocs.yml is
parsed with MkDocs' own loader (it uses !!python tags and !ENV). Exit status 1 when a problem
remains, with one line per problem naming the file and line.

Example:
    uv run scripts/check_files.py --fix $(git ls-files)
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path

import yaml

TEXT_SUFFIXES = {".md", ".py", ".yml", ".yaml", ".toml", ".css", ".js", ".html", ".txt", ".cfg", ".json", ".svg", ""}


def check(path: Path, fix: bool) -> list[str]:
    problems: list[str] = []
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return []  # binary file
    lines = text.split("\n")
    stripped = [line.rstrip() for line in lines]
    if stripped != lines:
        if fix:
            text = "\n".join(stripped)
        else:
            problems += [f"{path}:{number}: trailing whitespace" for number, (a, b) in enumerate(zip(lines, stripped), 1) if a != b]
    if text and not text.endswith("\n"):
        if fix:
            text += "\n"
        else:
            problems.append(f"{path}: no newline at end of file")
    if fix:
        path.write_text(text, encoding="utf-8")
    if path.suffix in (".yml", ".yaml"):
        try:
            if path.name == "mkdocs.yml":
                from mkdocs.config import load_config

                load_config(config_file=str(path))
            else:
                yaml.safe_load(text)
        except Exception as exc:  # noqa: BLE001 - any parse error is reported the same way
            problems.append(f"{path}: invalid YAML: {exc}")
    if path.suffix == ".toml":
        try:
            tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            problems.append(f"{path}: invalid TOML: {exc}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--fix", action="store_true", help="repair whitespace problems in place")
    args = parser.parse_args(argv)
    problems = [problem for path in args.files if path.is_file() and path.suffix in TEXT_SUFFIXES for problem in check(path, args.fix)]
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
