"""Where things live: the repository's folders, and the names of the files the publishing steps write."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS_DIR = ROOT / "docs"
DATA_DIR = ROOT / "data"
BIBLIOGRAPHY_FILE = DATA_DIR / "bibliography.yaml"
TAGS_FILE = DATA_DIR / "tags.yaml"
TEMPLATES_DIR = ROOT / "templates"
MKDOCS_FILE = ROOT / "mkdocs.yml"
SITE_DIR = ROOT / "site"  # where `mkdocs build` writes the site

# Books (llmkb/book/pdf.py, epub.py): one per edition, inside the edition's folder of the site.
BOOK_NAME = "llm-notes"
BOOK_KINDS = ("pdf", "epub")
# The offline copy of the whole site (llmkb/book/archive.py), at the site root; it holds every edition.
ARCHIVE_FILE = "download/llm-notes-site-all.zip"
ARCHIVE_FOLDER = "llm-notes-site"  # the top-level folder inside the archive


def book_file(edition: str, kind: str) -> str:
    """A book's path inside its edition's folder: book_file("zh", "pdf") == "pdf/llm-notes-zh.pdf"."""
    return f"{kind}/{BOOK_NAME}-{edition}.{kind}"


def display_path(path: Path | str) -> str:
    """A path relative to the repository root when possible: short and clickable in a terminal."""
    path = Path(path)
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)
