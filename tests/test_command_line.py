"""The command line (`uv run llmkb ...`): every command has --help; the scaffold makes a page the checks accept once written."""

from __future__ import annotations

import subprocess
import sys

import pytest

from llmkb.cli import COMMANDS
from llmkb.model.frontmatter import parse_page
from llmkb.model.lint import placeholder_errors
from llmkb.paths import ROOT


def llmkb(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "llmkb", *args], capture_output=True, text=True, cwd=ROOT)


def test_llmkb_lists_every_command():
    result = llmkb("--help")
    assert result.returncode == 0 and all(command in result.stdout for command in COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command):
    result = llmkb(command, "--help")
    assert result.returncode == 0 and result.stdout.startswith(f"usage: llmkb {command}")


def run_new_page(tmp_path, *args):
    return subprocess.run(
        [sys.executable, "-m", "llmkb", "new-page", "--docs-dir", str(tmp_path), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


def test_new_page_creates_valid_front_matter_and_nav_hint(tmp_path):
    result = run_new_page(tmp_path, "theory/scaling-laws.md", "--title", "规模定律", "--tags", "训练", "--sources", "ouyang2022training", "hu2021lora")
    assert result.returncode == 0, result.stderr
    assert "- theory/scaling-laws.md" in result.stdout
    page = parse_page(tmp_path / "theory/scaling-laws.md", tmp_path)
    assert page.meta.tags == ["训练"]
    # The skeleton is marked so that the content lint fails until it is written.
    assert placeholder_errors(page)


def test_new_page_refuses_to_overwrite(tmp_path):
    args = ("a.md", "--title", "甲", "--tags", "训练")
    assert run_new_page(tmp_path, *args).returncode == 0
    again = run_new_page(tmp_path, *args)
    assert again.returncode == 1 and "already exists" in again.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("Theory/Bad Name.md", "--title", "甲", "--tags", "训练"), "kebab-case"),
        (("a.md", "--title", "甲", "--tags", "不存在"), "unknown tag"),
        (("a.md", "--title", "甲", "--tags", "训练", "--sources", "nokey2020"), "unknown bibliography key"),
    ],
)
def test_new_page_rejects_bad_input(tmp_path, args, message):
    result = run_new_page(tmp_path, *args)
    assert result.returncode == 2 and message in result.stderr


def test_check_content_reports_problems(tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text("---\ntitle: x\n---\n正文TODO\n", encoding="utf-8")
    result = llmkb("check", str(bad))
    assert result.returncode == 1 and "bad.md:1: front matter field 'description' is missing" in result.stderr
