"""Publishing: workflows are valid, pre-commit needs no network, freshness report, llms.txt, sitemap, Open Graph."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from helpers import make_page, site_pages
from mkdocs.config import load_config

from llmkb.paths import MKDOCS_FILE, ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=ROOT)


def check_workflow(path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(path)],
        capture_output=True, text=True,
    )


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_is_valid(workflow):
    result = check_workflow(workflow)
    assert result.returncode == 0, result.stdout + result.stderr


def test_invalid_workflow_is_rejected(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("name: x\non: push\njobs:\n  test:\n    steps:\n      - run: echo hi\n", encoding="utf-8")  # no runs-on
    assert check_workflow(bad).returncode != 0


def test_workflows_install_debian_packages_like_ci():
    for workflow in ("ci.yml", "deploy.yml"):
        assert "bash .ci/install-debian-packages" in (ROOT / ".github" / "workflows" / workflow).read_text(encoding="utf-8")
    assert "bash .ci/install-debian-packages" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_pre_commit_hooks_are_local():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert config["repos"] and all(repo["repo"] == "local" for repo in config["repos"])


def _hook_command(hook_id: str) -> list[str]:
    """The command a hook of .pre-commit-config.yaml runs, without the `uv run --frozen` prefix."""
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook = next(hook for repo in config["repos"] for hook in repo["hooks"] if hook["id"] == hook_id)
    command = hook["entry"].removeprefix("uv run --frozen ").split()
    # The project environment's scripts, however the tests were started (uv run puts them on PATH).
    script = Path(sys.executable).parent / command[0]
    return [str(script), *command[1:]] if script.exists() else command


@pytest.mark.parametrize(("hook_id", "content", "fixed"), [
    ("trailing-whitespace", "行尾有空格 \n", "行尾有空格\n"),
    ("end-of-file", "没有换行", "没有换行\n"),
])
def test_pre_commit_fixes_whitespace(tmp_path, hook_id, content, fixed):
    path = tmp_path / "a.md"
    path.write_text(content, encoding="utf-8")
    result = subprocess.run(_hook_command(hook_id) + [str(path)], capture_output=True, text=True)
    assert result.returncode == 1 and path.read_text(encoding="utf-8") == fixed


@pytest.mark.parametrize(("hook_id", "name", "content"), [("check-yaml", "b.yaml", "key: [unclosed\n"), ("check-toml", "c.toml", "a = [\n")])
def test_pre_commit_rejects_invalid_yaml_and_toml(tmp_path, hook_id, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = subprocess.run(_hook_command(hook_id) + [str(path)], capture_output=True, text=True)
    assert result.returncode == 1 and name in result.stdout + result.stderr


def test_pre_commit_accepts_the_repository_config_files():
    for hook_id, files in [("check-yaml", [".pre-commit-config.yaml", "mkdocs.yml", "data/glossary.yaml"]), ("check-toml", ["pyproject.toml"])]:
        result = subprocess.run(_hook_command(hook_id) + [str(ROOT / name) for name in files], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


ROW_RE = re.compile(r"^\| (\d{4}-\d\d-\d\d) \| -?\d+ \| (时效性|一般) \| .+（`docs/(\S+\.md)`） \|$")


def freshness(*args: str) -> subprocess.CompletedProcess:
    return run("-m", "llmkb", "freshness", *args)


def overdue_rows(stdout: str) -> list[str]:
    """The pages listed under 过期的页面, in order."""
    section = stdout.split("## 过期的页面", 1)[1].split("\n## ", 1)[0]
    return [ROW_RE.match(line).group(3) for line in section.splitlines() if line.startswith("| 2")]


def test_freshness_report_format():
    # A fixed day: the report measures from --today, so the test does not age.
    result = freshness("--today", "2026-12-07")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "# 内容核实报告（2026-12-07）"
    assert re.fullmatch(r"状态：(OK 0|OVERDUE [1-9]\d*)", lines[2]), lines[2]
    rows = [line for line in lines if line.startswith("| 2")]
    assert rows and all(ROW_RE.match(line) for line in rows), "a table row is malformed"
    sensitive = [page for page in site_pages().values() if page.meta.time_sensitive]
    assert sensitive and all(f"`docs/{page.src_uri}`" in result.stdout for page in sensitive)


def test_freshness_lists_exactly_the_overdue_pages_and_sets_the_exit_status():
    pages = site_pages().values()
    today = max(page.meta.updated for page in pages) + __import__("datetime").timedelta(days=100)
    expected = sorted(
        (page for page in pages if (today - page.meta.updated).days > (90 if page.meta.time_sensitive else 365)),
        key=lambda page: (page.meta.updated, page.src_uri),
    )
    result = freshness("--today", today.isoformat(), "--sensitive-days", "90", "--older-than", "365", "--fail-if-overdue")
    assert overdue_rows(result.stdout) == [page.src_uri for page in expected]
    assert f"状态：{'OVERDUE' if expected else 'OK'} {len(expected)}" in result.stdout
    assert result.returncode == (1 if expected else 0)
    # Far ahead every page is overdue: exit 1 only when asked to fail.
    late = freshness("--today", "2099-01-01", "--fail-if-overdue")
    assert late.returncode == 1 and f"状态：OVERDUE {len(pages)}" in late.stdout
    assert freshness("--today", "2099-01-01").returncode == 0


def test_freshness_exit_status_2_on_bad_input():
    assert freshness("--today", "next week").returncode == 2


def test_freshness_workflow_keeps_one_issue_and_ci_runs_the_report():
    workflow = (ROOT / ".github" / "workflows" / "freshness.yml").read_text(encoding="utf-8")
    assert "llmkb freshness --fail-if-overdue" in workflow
    assert "gh issue list --label freshness --state open" in workflow  # find the one open reminder
    assert workflow.count("gh issue create") == 1 and "gh issue edit" in workflow and "gh issue close" in workflow
    assert "llmkb freshness" in (ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")


def test_llms_txt_and_markdown_copies(built_site):
    _, site = built_site
    text = (site / "llms.txt").read_text(encoding="utf-8")
    pages = site_pages().values()
    chinese_titles = {page.meta.title for page in pages if page.language == "zh"}
    for page in pages:
        if page.language == "zh":
            assert f"[{page.meta.title}](" in text, f"{page.src_uri} is not listed in llms.txt"
        elif page.meta.title not in chinese_titles:  # GaLore is GaLore in both languages
            assert f"[{page.meta.title}](" not in text, f"{page.src_uri}: llms.txt lists the Simplified Chinese edition only"
    assert (site / "theory" / "bpe" / "index.md").read_text(encoding="utf-8").startswith("# 什么是 BPE")


def test_markdown_copies_hold_what_the_pages_show(built_site):
    """The copies llms.txt links to are the expanded pages: no data marker or [@key] left, tables and lists present."""
    from llmkb.book.pages import book_pages
    from llmkb.model.refdata import load_reference_data

    _, site = built_site
    copies = {page.src_uri: (site / page.url / "index.md").read_text(encoding="utf-8") for page in book_pages(load_config(config_file=str(MKDOCS_FILE)).nav)}
    with_markers = [uri for uri, text in copies.items() if "<!-- kb:" in text]
    assert not with_markers, f"copies still hold data markers: {with_markers}"
    with_keys = [uri for uri, text in copies.items() if re.search(r"\[@[A-Za-z0-9_-]+\]", text)]
    assert not with_keys, f"copies still hold unexpanded citations: {with_keys}"
    glossary = copies["reference/glossary.md"]
    missing = [term.id for term in load_reference_data().glossary.values() if f'<dt id="{term.id}">' not in glossary]
    assert not missing, f"the glossary copy lacks terms: {missing[:10]}"
    assert 'class="kb-references"' in copies["theory/rl-vs-sl.md"]


def test_open_graph_metadata(built_site):
    _, site = built_site
    html = (site / "theory" / "bpe" / "index.html").read_text(encoding="utf-8")
    assert '<meta property="og:title" content="什么是 BPE">' in html
    assert '<meta property="og:description" content="' in html


def test_sitemap_lastmod_is_the_review_date(build_fixture_site, monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://example.org/kb/")
    result = build_fixture_site({"index.md": make_page("首页", "正文。\n")})
    assert result.ok, result.log
    sitemap = (result.site_dir / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.org/kb/</loc>" in sitemap and "<lastmod>2026-11-01</lastmod>" in sitemap
