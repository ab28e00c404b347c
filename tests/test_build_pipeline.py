"""The build pipeline is explicit and the site is read once: the order in which hooks act is the table
in llmkb/build/pipeline.py and MAINTAINING.md, and one build reads the docs folder once."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

from helpers import make_page
from mkdocs.config import load_config

from llmkb.build.pipeline import PRIORITIES
from llmkb.paths import MKDOCS_FILE, ROOT

TABLE_ROW_RE = re.compile(r"^\| `(?P<event>[a-z_]+)` \| (?P<priority>-?\d+) \| `hooks/(?P<hook>[a-z_]+)\.py` \|", re.M)


def hook_handlers() -> dict[str, list[tuple[str, int]]]:
    """Per event, the hooks' handlers in the order MkDocs will call them, with their priorities."""
    config = load_config(config_file=str(MKDOCS_FILE))
    order: dict[str, list[tuple[str, int]]] = {}
    for event, handlers in config.plugins.events.items():
        for handler in handlers:
            module = inspect.getmodule(handler).__name__
            if module.startswith("hooks/"):
                order.setdefault(event, []).append((Path(module).stem, getattr(handler, "mkdocs_priority", 0)))
    return order


def test_every_hook_handler_has_its_place_in_the_pipeline():
    handlers = {(event, hook): priority for event, hooks in hook_handlers().items() for hook, priority in hooks}
    assert handlers == PRIORITIES, "a hook handler without an entry in llmkb/build/pipeline.py, or an entry without a handler"


def test_within_an_event_no_two_hooks_share_a_priority():
    # Then the list order in mkdocs.yml never decides anything.
    for event, hooks in hook_handlers().items():
        priorities = [priority for _, priority in hooks]
        assert len(priorities) == len(set(priorities)), f"{event}: {hooks}"


def test_maintaining_shows_the_pipeline_as_it_runs():
    text = (ROOT / "MAINTAINING.md").read_text(encoding="utf-8")
    table = [(m["event"], int(m["priority"]), m["hook"]) for m in TABLE_ROW_RE.finditer(text)]
    running = [(event, priority, hook) for event, hooks in hook_handlers().items() for hook, priority in hooks]
    assert sorted(table) == sorted(running), "update the pipeline table in MAINTAINING.md (section 构建流程)"
    for event in {event for event, _, _ in table}:
        rows = [hook for e, _, hook in table if e == event]
        assert rows == [hook for hook, _ in hook_handlers()[event]], f"MAINTAINING.md lists the {event} hooks out of order"


def test_one_build_of_three_editions_reads_every_page_once(build_fixture_site, monkeypatch):
    from llmkb.model import frontmatter

    reads: list[str] = []
    loads: list[Path] = []
    parse_page, read_pages = frontmatter.parse_page, frontmatter.read_pages
    monkeypatch.setattr(frontmatter, "parse_page", lambda path, *args: reads.append(path.name) or parse_page(path, *args))
    monkeypatch.setattr(frontmatter, "read_pages", lambda *args: loads.append(args) or read_pages(*args))
    pages = {"index.md": make_page("首页", "正文。\n"), "a.md": make_page("甲", "正文[@hu2021lora]。\n"), "b.md": make_page("乙", "正文。\n")}
    result = build_fixture_site(pages, editions=True)
    assert result.ok, result.log
    assert len(loads) == 1, f"the docs folder was scanned {len(loads)} times in one build"
    assert sorted(reads) == sorted(pages), f"pages parsed: {sorted(reads)}"
    assert (result.site_dir / "en" / "a" / "index.html").is_file() and (result.site_dir / "zh-Hant" / "a" / "index.html").is_file()


def test_the_traditional_edition_reuses_the_simplified_conversion(build_fixture_site, monkeypatch):
    import markdown

    from llmkb.build import context

    converted: list[tuple[str, str]] = []
    convert = markdown.Markdown.convert
    def recording(self, text):
        build = context._current  # None while the checks convert headings, before the context exists
        converted.append((build.edition if build else None, text))
        return convert(self, text)

    monkeypatch.setattr(markdown.Markdown, "convert", recording)
    pages = {"index.md": make_page("首页", "正文。\n"),
             "a.md": make_page("甲", "## 数据与训练\n\n正文里的汉字都要转换[@hu2021lora]。见[下一页](b.md#后记)。\n"),
             "b.md": make_page("乙", "## 后记\n\n正文。\n")}
    result = build_fixture_site(pages, editions=True)
    assert result.ok, result.log
    # The home page's Markdown differs (its heading is the site name, converted to 繁體 first): converted as usual.
    by_edition = {edition: [text for e, text in converted if e == edition and ("## 数据与训练" in text or "## 后记" in text)]
                  for edition in ("zh", "zh-Hant")}
    assert len(by_edition["zh"]) == 2, by_edition["zh"]
    assert by_edition["zh-Hant"] == [], "繁體 pages whose Markdown is the Simplified edition's were converted again"
    html = (result.site_dir / "zh-Hant" / "a" / "index.html").read_text(encoding="utf-8")
    article = html[html.index("<article"):html.index("</article>")]
    assert "資料與訓練" in article and "正文裡的漢字都要轉換" in article, article
    assert 'href="../b/#后记"' in html, "links stay as the Simplified edition wrote them (anchors are not converted)"
