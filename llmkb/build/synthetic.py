"""A synthetic site of any size made from the real pages, to see how the build grows with the site.

``write_site(folder, pages)`` writes ``folder/docs`` (the real docs, untouched, plus ``pages``
synthetic pages) and ``folder/nav.yml`` (the real navigation plus a part 合成 with groups of
``GROUP`` pages). Each synthetic page is a copy of a real topic page (its formulas, tables, data
markers, citations and glossary terms), with a numbered title and its prose varied: sentences are
swapped for sentences of other pages, chosen by a seeded random generator, and the page's
``sources`` become the keys its new text cites. The copies live two folders below their originals
(``theory/synth/g007/p-01234.md``), so their relative links and images get ``../../`` in front.
The same arguments give the same files.

Build the result with the real mkdocs.yml and ``docs_dir``/``nav`` pointed at the folder
(``llmkb.build.synthetic.load_config``), from the repository root (snippets are read from there).
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import yaml

from llmkb.model.frontmatter import load_pages
from llmkb.paths import DOCS_DIR, MKDOCS_FILE

GROUP = 100  # synthetic pages per navigation group
PART = "合成"
PART_INDEX = "applications/synthetic.md"
SEED = 21
FRONT_MATTER_RE = re.compile(r"\A---\n(.*?)\n---\n", re.S)
CITATION_RE = re.compile(r"\[@([^\]\s]+)\]")
# A relative link or image target: a file of the site (code such as ``f(**args)`` is left alone).
LINK_TARGET_RE = re.compile(r"(\]\(|src=\"|href=\")(?!https?:|#|/|mailto:)([\w./-]+\.(?:md|svg|png|jpg)(?:#[\w-]+)?)(?=[)\"\s])")
SENTENCE_RE = re.compile(r"[^。！？]+[。！？]")
# A sentence is moved only when it cannot break the Markdown around it.
UNSAFE_SENTENCE_RE = re.compile(r"\]\(|<|>|`|\||\{#|\\\\|--8<--")


def _balanced(sentence: str) -> bool:
    return (sentence.count("$") % 2 == 0 and sentence.count("**") % 2 == 0 and sentence.count("[") == sentence.count("]")
            and sentence.count("(") == sentence.count(")") and sentence.count("（") == sentence.count("）")
            and not UNSAFE_SENTENCE_RE.search(sentence))


def _prose_lines(body: str):
    """Yields (index, line) for lines of plain prose: outside code fences and display math, not
    headings, tables, lists, markers, admonitions or indented blocks."""
    fence = math = False
    for index, line in enumerate(body.split("\n")):
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            fence = not fence
            continue
        one_line = len(stripped) > 4 and stripped.startswith("$$") and stripped.endswith("$$")
        if not one_line and (stripped.startswith("$$") or (math and stripped.endswith("$$"))):
            math = not math
            continue
        if fence or math or not stripped or line.startswith((" ", "\t")):
            continue
        if stripped.startswith(("#", "|", "<", "!!!", "???", "-", "*", "+", ">", "$$")) or re.match(r"\d+\. ", stripped):
            continue
        yield index, line


def sentence_pool(bodies: list[str]) -> list[str]:
    pool = []
    for body in bodies:
        for _, line in _prose_lines(body):
            pool.extend(s for s in SENTENCE_RE.findall(line) if _balanced(s) and len(s) > 12)
    return pool


def vary(body: str, pool: list[str], rng: random.Random, share: float = 0.5) -> str:
    lines = body.split("\n")
    for index, line in _prose_lines(body):
        def swap(match: re.Match) -> str:
            sentence = match.group(0)
            return rng.choice(pool) if _balanced(sentence) and rng.random() < share else sentence
        lines[index] = SENTENCE_RE.sub(swap, line)
    return "\n".join(lines)


def relink(body: str, up: str) -> str:
    """Relative link and image targets from a page ``up`` folders deeper: ``](x.md)`` -> ``](../../x.md)``."""
    return LINK_TARGET_RE.sub(lambda m: m.group(1) + up + m.group(2), body)


def source_pages(docs_dir: Path = DOCS_DIR) -> dict[str, tuple[dict, str]]:
    """The real Simplified topic pages (not section indexes or reference lists): uri -> (front matter, body)."""
    pages = {}
    for uri, page in sorted(load_pages(docs_dir).items()):
        if page.language != "zh" or not page.is_topic:
            continue
        text = (docs_dir / uri).read_text(encoding="utf-8")
        match = FRONT_MATTER_RE.match(text)
        pages[uri] = (yaml.safe_load(match.group(1)), text[match.end():])
    return pages


def write_site(folder: Path, pages: int, seed: int = SEED) -> list:
    """Writes folder/docs and folder/nav.yml; returns the navigation."""
    docs = folder / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    shutil.copytree(DOCS_DIR, docs)
    sources = source_pages()
    originals = list(sources)
    pool = sentence_pool([body for _, body in sources.values()])
    rng = random.Random(seed)
    groups: list[list[str]] = []
    for number in range(pages):
        uri = originals[number % len(originals)]
        meta, body = sources[uri]
        part, name = uri.split("/", 1)
        group = number // GROUP
        target = f"{part}/synth/g{group:03d}/p-{number:05d}.md"
        text = relink(vary(body, pool, rng), "../../")
        cited = dict.fromkeys([*meta["sources"], *CITATION_RE.findall(text)])
        new_meta = {**meta, "title": f"{meta['title']}（合成 {number:05d}）", "sources": list(cited)}
        path = docs / target
        path.parent.mkdir(parents=True, exist_ok=True)
        front = yaml.safe_dump(new_meta, allow_unicode=True, sort_keys=False, width=10_000, default_flow_style=None)
        path.write_text(f"---\n{front}---\n{text}", encoding="utf-8")
        if group == len(groups):
            groups.append([])
        groups[group].append(target)
    nav = yaml.safe_load("nav:\n" + MKDOCS_FILE.read_text(encoding="utf-8").split("\nnav:\n", 1)[1])["nav"]
    # The part opens with a page of its own, like the real parts (the 404 page links to it).
    index = (DOCS_DIR / "applications" / "index.md").read_text(encoding="utf-8")
    tags = ", ".join(sources[originals[0]][0]["tags"])
    (docs / PART_INDEX).write_text(index.replace("title: 应用篇", f"title: {PART}\ntags: [{tags}]", 1), encoding="utf-8")
    nav.append({PART: [PART_INDEX, *({f"组 {index + 1:03d}": group} for index, group in enumerate(groups))]})
    (folder / "nav.yml").write_text(yaml.safe_dump(nav, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return nav


def load_config(folder: Path, site_dir: Path, editions: bool = True):
    """The real mkdocs.yml with docs and nav from a synthetic site's folder; all editions or only the default."""
    from mkdocs.config import load_config as mkdocs_load_config

    nav = yaml.safe_load((folder / "nav.yml").read_text(encoding="utf-8"))
    config = mkdocs_load_config(config_file=str(MKDOCS_FILE), docs_dir=str(folder / "docs"), site_dir=str(site_dir), nav=nav)
    if not editions:
        for language in config.plugins["i18n"].config.languages:
            language.build = language.default
    return config
