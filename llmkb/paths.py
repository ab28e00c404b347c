"""Where things live in the repository, so hooks, scripts and tests agree."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS_DIR = ROOT / "docs"
DATA_DIR = ROOT / "data"
BIBLIOGRAPHY_FILE = DATA_DIR / "bibliography.yaml"
TAGS_FILE = DATA_DIR / "tags.yaml"
TEMPLATES_DIR = ROOT / "templates"
MKDOCS_FILE = ROOT / "mkdocs.yml"


def display_path(path: Path | str) -> str:
    """A path relative to the repository root when possible: short and clickable in a terminal."""
    path = Path(path)
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)
