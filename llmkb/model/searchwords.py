"""The words site search applies to a reader's query (data/search.yaml): stop words, synonyms, colloquial words.

Read and validated at every build (hooks/build_context.py). ``unused_words`` checks against the site's
pages that every synonym group and every colloquial target can find something, so that a typo does
not pass silently; ``llmkb check`` runs it (a test site built from a few pages would fail it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from llmkb.errors import ContentError, ContentErrors
from llmkb.model.yamlfile import load_yaml, read_text
from llmkb.paths import DATA_DIR

SEARCH_FILE = DATA_DIR / "search.yaml"
INDEXES = ("zh", "en")  # zh serves the 简体 and the 繁體 edition
SECTIONS = ("stop_words", "synonyms", "colloquial")


@dataclass(frozen=True)
class IndexWords:
    """The words for one search index, each with the line it is written on."""

    stop_words: tuple[str, ...] = ()
    synonyms: tuple[tuple[str, ...], ...] = ()
    colloquial: dict[str, tuple[str, ...]] = field(default_factory=dict)  # term on the pages -> what readers say
    lines: dict[str, int] = field(default_factory=dict)  # "synonyms/0", "colloquial/幻觉" -> line


@dataclass(frozen=True)
class SearchWords:
    indexes: dict[str, IndexWords]
    path: Path = SEARCH_FILE


def normalized(word: str) -> str:
    """How queries and words are compared: lower case, one space between words."""
    return re.sub(r"\s+", " ", word.strip().lower())


def _lines(text: str) -> dict[str, int]:
    """Line of every list item and mapping key, by path ("zh/synonyms/3", "zh/colloquial/幻觉")."""
    lines: dict[str, int] = {}

    def walk(node: yaml.Node, path: str) -> None:
        lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                walk(value, f"{path}/{key.value}".lstrip("/"))
                lines[f"{path}/{key.value}".lstrip("/")] = key.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                walk(item, f"{path}/{index}".lstrip("/"))

    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if root is not None:
        walk(root, "")
    return lines


def parse_search_words(path: Path = SEARCH_FILE) -> SearchWords:
    """Read data/search.yaml; raises ContentErrors naming the line and the fix for every problem."""
    text = read_text(path)
    data, _ = load_yaml(text, path)
    lines = _lines(text)
    errors: list[ContentError] = []

    def error(where: str, message: str, fix: str) -> None:
        errors.append(ContentError(path, message, fix, lines.get(where, 1)))

    if not isinstance(data, dict) or set(data) != set(INDEXES):
        raise ContentErrors([ContentError(path, f"the file must have exactly the sections {', '.join(INDEXES)}", "see the comment at the top of the file", 1)])
    indexes: dict[str, IndexWords] = {}
    for index in INDEXES:
        section = data[index]
        if not isinstance(section, dict) or not set(section) <= set(SECTIONS):
            error(index, f"'{index}' must be a mapping with {', '.join(SECTIONS)}", "see the comment at the top of the file")
            continue

        def words(value, where: str) -> list[str]:
            if not isinstance(value, list) or not all(isinstance(word, (str, int, float)) and str(word).strip() for word in value):
                error(where, f"{where}: expected a list of words", "write [word, word, ...] with no empty entries")
                return []
            return [normalized(str(word)) for word in value]

        seen: dict[str, str] = {}  # word -> where it first appears, across the whole index

        def claim(word: str, where: str) -> None:
            if word in seen:
                error(where, f"{where}: '{word}' is also in {seen[word]}", "keep each word in one place: a stop word, one synonym group or one colloquial list")
            else:
                seen[word] = where

        stop_words = words(section.get("stop_words", []), f"{index}/stop_words")
        for word in stop_words:
            claim(word, f"{index}/stop_words")
        groups: list[tuple[str, ...]] = []
        for number, group in enumerate(section.get("synonyms") or []):
            where = f"{index}/synonyms/{number}"
            members = words(group, where)
            if members and len(members) < 2:
                error(where, f"{where}: a synonym group needs at least two words", "add the words it should find, or delete the line")
            for word in members:
                claim(word, where)
            groups.append(tuple(members))
        colloquial: dict[str, tuple[str, ...]] = {}
        raw = section.get("colloquial") or {}
        if not isinstance(raw, dict):
            error(f"{index}/colloquial", "colloquial: expected a mapping 'term: [saying, ...]'", "see the comment at the top of the file")
            raw = {}
        for term, sayings in raw.items():
            where = f"{index}/colloquial/{term}"
            said = words(sayings, where)
            if normalized(str(term)) in stop_words:
                error(where, f"{where}: the term '{term}' is a stop word", "a colloquial word must lead to a term pages are about")
            for word in said:
                claim(word, where)
            colloquial[normalized(str(term))] = tuple(said)
        indexes[index] = IndexWords(tuple(stop_words), tuple(groups), colloquial,
                                    {key.removeprefix(f"{index}/"): line for key, line in lines.items() if key.startswith(f"{index}/")})
    if errors:
        raise ContentErrors(errors)
    return SearchWords(indexes, path)


def unused_words(words: SearchWords, texts: dict[str, str]) -> list[ContentError]:
    """Synonym groups none of whose words, and colloquial targets that, occur in the index's pages.

    ``texts`` holds, per index (zh, en), the text of all its pages; words are compared normalized.
    """
    errors: list[ContentError] = []
    for index, entry in words.indexes.items():
        corpus = normalized(texts.get(index, ""))
        for number, group in enumerate(entry.synonyms):
            if group and not any(word in corpus for word in group):
                errors.append(ContentError(words.path, f"{index}/synonyms/{number}: no page of the '{index}' index contains any of {list(group)}",
                                           "correct the words or delete the group", entry.lines.get(f"synonyms/{number}")))
        for term in entry.colloquial:
            if term not in corpus:
                errors.append(ContentError(words.path, f"{index}/colloquial/{term}: no page of the '{index}' index contains '{term}'",
                                           "lead the sayings to a word the pages use", entry.lines.get(f"colloquial/{term}")))
    return errors
