"""What several commands share: the built site they work on, and the editions they work for."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from llmkb.build.run import build_site
from llmkb.model.editions import EDITIONS
from llmkb.paths import SITE_DIR, display_path


def add_site_arguments(parser: argparse.ArgumentParser, builds: bool = True) -> None:
    """--site-dir, and --no-build for commands that build the site first."""
    parser.add_argument("--site-dir", type=Path, default=SITE_DIR, help=f"built site folder (default: {display_path(SITE_DIR)}/)")
    if builds:
        parser.add_argument("--no-build", action="store_true", help="use the site already built in --site-dir")


def add_edition_argument(parser: argparse.ArgumentParser, kind: str) -> None:
    parser.add_argument("--edition", choices=[*EDITIONS, "all"], default="all",
                        help=f"language edition (default: all three, one {kind} each)")


def editions(args: argparse.Namespace) -> list[str]:
    return list(EDITIONS) if args.edition == "all" else [args.edition]


def prepared_site(args: argparse.Namespace) -> bool:
    """Build the site into --site-dir unless --no-build; False (after saying why) when there is no site to use."""
    if not getattr(args, "no_build", True):
        print(f"building the site into {display_path(args.site_dir)} ...")
        result = build_site(args.site_dir, capture=True)
        if result.returncode != 0:
            print(result.stdout + result.stderr, file=sys.stderr)
            print("error: the build failed (see above)", file=sys.stderr)
            return False
    if not (args.site_dir / "index.html").exists():
        print(f"error: {display_path(args.site_dir)} has no built site; run without --no-build", file=sys.stderr)
        return False
    return True
