"""Compare two builds of the site file by file, byte for byte: show that a change leaves the output alone.

Give two built site folders, or --ref to build a git revision and the working tree and compare
them (each build runs in its own environment: the revision in a temporary git worktree with
`uv run --frozen mkdocs build`). Lists every file that exists in only one build or differs; exit
status 1 when anything differs.

Example:
    uv run llmkb compare-builds --ref main        # this working tree against the main branch
    uv run llmkb compare-builds /tmp/before /tmp/after
"""

from __future__ import annotations

import argparse
import filecmp
import os
import subprocess
import tempfile
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("builds", nargs="*", type=Path, help="two built site folders: before and after")
    parser.add_argument("--ref", help="build this git revision and the working tree, then compare them")


def differing_files(first: Path, second: Path) -> list[str]:
    """Files (paths relative to the folders) present in only one folder or with different bytes."""
    names = {path.relative_to(first).as_posix() for path in first.rglob("*") if path.is_file()}
    names |= {path.relative_to(second).as_posix() for path in second.rglob("*") if path.is_file()}
    return sorted(name for name in names
                  if not (first / name).is_file() or not (second / name).is_file()
                  or not filecmp.cmp(first / name, second / name, shallow=False))


def _build_revision(ref: str, work: Path) -> Path:
    from llmkb.build.run import QUIET_ENV
    from llmkb.paths import ROOT

    checkout, site = work / "checkout", work / "before"
    subprocess.run(["git", "worktree", "add", "--detach", str(checkout), ref], cwd=ROOT, check=True, capture_output=True)
    try:
        subprocess.run(["uv", "run", "--frozen", "mkdocs", "build", "--site-dir", str(site)], cwd=checkout, check=True,
                       env={**os.environ, **QUIET_ENV})
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(checkout)], cwd=ROOT, check=False)
    return site


def run(args: argparse.Namespace) -> int:
    from llmkb.build.run import build_site

    with tempfile.TemporaryDirectory(prefix="compare-builds-") as tmp:
        work = Path(tmp)
        if args.ref:
            print(f"building {args.ref} ...")
            before = _build_revision(args.ref, work)
            after = work / "after"
            print("building the working tree ...")
            if build_site(after).returncode != 0:
                return 2
        elif len(args.builds) == 2:
            before, after = args.builds
        else:
            print("error: give two built site folders, or --ref REVISION")
            return 2
        differ = differing_files(before, after)
        files = sum(1 for path in after.rglob("*") if path.is_file())
        print(f"{files} files in the second build; {len(differ)} differ from the first")
        for name in differ:
            print(f"  {name}")
        return 1 if differ else 0
