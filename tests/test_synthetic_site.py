"""The synthetic site of the scale benchmark: valid pages with the real features, links that resolve,
varied text, the same files from the same seed."""

from __future__ import annotations

import re

import yaml

from llmkb.build.synthetic import CITATION_RE, GROUP, PART, source_pages, write_site
from llmkb.model.frontmatter import load_pages

PAGES = 2 * GROUP + 7
LINK_RE = re.compile(r"\]\((?!https?:|#|/|mailto:)([\w./-]+\.(?:md|svg|png))")


def synthetic(folder):
    return sorted((folder / "docs").rglob("synth/g*/p-*.md"), key=lambda path: path.name)  # by number


def test_synthetic_pages_are_valid_and_keep_the_features(tmp_path):
    nav = write_site(tmp_path, PAGES)
    files = synthetic(tmp_path)
    assert len(files) == PAGES
    pages = load_pages(tmp_path / "docs")  # raises on any front-matter problem
    texts = [path.read_text(encoding="utf-8") for path in files]
    for path, text in zip(files, texts):
        uri = path.relative_to(tmp_path / "docs").as_posix()
        cited = set(CITATION_RE.findall(text))
        assert cited <= set(pages[uri].meta.sources), f"{uri} cites keys missing from its sources"
        for target in LINK_RE.findall(text):
            assert (path.parent / target).resolve().exists(), f"{uri}: link to {target} does not resolve"
    joined = "\n".join(texts)
    assert "$$" in joined and "\n|" in joined and "[@" in joined and "<!-- kb:" in joined
    groups = nav[-1][PART][1:]
    assert [len(next(iter(g.values()))) for g in groups] == [GROUP, GROUP, 7]
    navigated = {uri for g in groups for uri in next(iter(g.values()))}
    assert navigated == {p.relative_to(tmp_path / "docs").as_posix() for p in files}
    nav_file = yaml.safe_load((tmp_path / "nav.yml").read_text(encoding="utf-8"))
    assert nav_file == nav


def test_copies_of_one_page_differ_and_the_seed_decides(tmp_path):
    write_site(tmp_path / "a", PAGES)
    write_site(tmp_path / "b", PAGES)
    first, second = synthetic(tmp_path / "a"), synthetic(tmp_path / "b")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    originals = len(source_pages())
    # Page n and page n + originals are copies of the same real page; their prose must differ.
    bodies = [p.read_text(encoding="utf-8").split("\n---\n", 1)[1] for p in first]
    assert bodies[0] != bodies[originals]
