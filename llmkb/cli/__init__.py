"""The knowledge base's command-line tools, one entry point: ``uv run llmkb <command> [--help]``.

Each command is a module of this package with a docstring (its help), ``add_arguments(parser)`` and
``run(args) -> int``. Modules import what they need inside ``run``, so ``llmkb --help`` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys

# command -> module in llmkb.cli
COMMANDS = {
    "check": "check",
    "new-page": "new_page",
    "freshness": "freshness",
    "translations": "translations",
    "pdf": "pdf",
    "epub": "epub",
    "archive": "archive",
    "screenshot": "screenshot",
    "contact-sheet": "contact_sheet",
    "site-benchmark": "site_benchmark",
    "preview-benchmark": "preview_benchmark",
    "search-benchmark": "search_benchmark",
    "synthetic-site": "synthetic_site",
    "scale-benchmark": "scale_benchmark",
    "compare-builds": "compare_builds",
}


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="llmkb", description=__doc__.split("\n\n")[0])
    commands = root.add_subparsers(dest="command", metavar="command", required=True)
    for name, module_name in COMMANDS.items():
        module = importlib.import_module(f"llmkb.cli.{module_name}")
        summary, _, details = (module.__doc__ or "").strip().partition("\n")
        sub = commands.add_parser(name, help=summary, description=f"{summary}\n{details}",
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
        module.add_arguments(sub)
        sub.set_defaults(run=module.run)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)


def run(command: str, *arguments: str) -> int:
    """Run one command as if from the command line (for tests)."""
    return main([command, *arguments])


if __name__ == "__main__":
    sys.exit(main())
