"""Pages are smaller without changing what they show: whitespace collapses except where it matters."""

from __future__ import annotations

from bs4 import BeautifulSoup

from llmkb.render.minify import collapse_whitespace


def test_indentation_between_tags_collapses_to_one_newline():
    assert collapse_whitespace("<div>\n    <p>文字\n      更多</p>\n  </div>") == "<div>\n<p>文字\n更多</p>\n</div>"


def test_whitespace_inside_pre_textarea_script_and_style_is_kept():
    for tag in ("pre", "textarea", "script", "style"):
        block = f"<{tag} class=x>a\n    b\n\n  c</{tag}>"
        assert collapse_whitespace(f"<div>\n   {block}\n   </div>") == f"<div>\n{block}\n</div>"


def test_code_blocks_in_the_built_site_keep_their_indentation(built_site):
    _, site = built_site
    soup = BeautifulSoup((site / "practice" / "lora-training" / "index.html").read_text(encoding="utf-8"), "lxml")
    code = [pre.get_text() for pre in soup.find_all("pre")]
    assert any("\n    " in text for text in code), "indented lines in code blocks lost their indentation"
