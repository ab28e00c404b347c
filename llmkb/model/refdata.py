"""Reference data: glossary, benchmarks, models, pre-training data mixes and milestones.

Each file in data/ has a schema here. A bad entry is reported with the file, the line, the entry
id, the field and the fix. Cross-references (bibliography keys, model ids, page links) are checked
against the rest of the data and the docs folder.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from llmkb.errors import ContentError, ContentErrors
from llmkb.model.bibliography import Bibliography, load_bibliography
from llmkb.model.bilingual import Bilingual
from llmkb.model.yamlfile import file_stamps, load_yaml, read_text
from llmkb.paths import DATA_DIR, DOCS_DIR
from llmkb.text import HAN

ID_RE = r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$"
YEAR_MONTH_RE = re.compile(r"^(19|20)\d{2}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$")


class _Entry(Bilingual):
    id: str = Field(pattern=ID_RE)


class GlossaryTerm(_Entry):
    """One term: Chinese and English names, an optional abbreviation, a one-line definition, where it is explained."""

    zh: str = Field(min_length=1)
    en: str = Field(min_length=2)
    abbr: str | None = Field(default=None, pattern=r"^[A-Za-z][A-Za-z0-9@./+-]*$")
    definition: str = Field(min_length=8, max_length=120)
    definition_en: str | None = Field(default=None, min_length=20, max_length=220)
    page: str = Field(pattern=rf"^[a-z0-9/-]+\.md(#[A-Za-z0-9{HAN}_-]+)?$")
    group: str
    aliases: list[str] = []
    tooltip: bool = True  # False for abbreviations that collide with ordinary words

    @field_validator("definition")
    @classmethod
    def _one_sentence(cls, value: str) -> str:
        if not value.endswith("。"):
            raise ValueError("end the definition with a full-width period '。'")
        return value


class Benchmark(_Entry):
    name: str
    full_name: str
    language: list[Literal["zh", "en", "multi", "code"]] = Field(min_length=1)
    domain: str
    size: str
    format: str
    metric: str
    year: int = Field(ge=1990, le=2100)
    paper: str  # bibliography key
    leaderboard: str | None = Field(default=None, pattern=r"^https://\S+$")
    description: str = Field(min_length=8, max_length=160)
    full_name_en: str | None = None
    domain_en: str | None = None
    size_en: str | None = None
    format_en: str | None = None
    metric_en: str | None = None
    description_en: str | None = Field(default=None, min_length=8, max_length=260)


class Model(_Entry):
    name: str
    org: str
    released: str  # YYYY-MM or YYYY-MM-DD
    params_b: float | None = Field(default=None, gt=0)  # total parameters, billions; None when undisclosed
    active_params_b: float | None = Field(default=None, gt=0)  # MoE: parameters active per token
    architecture: Literal["encoder-only", "encoder-decoder", "causal-decoder", "prefix-decoder"]
    moe: bool = False
    context: int | None = Field(default=None, gt=0)
    open_weights: bool
    license: str | None = Field(default=None, pattern=r"^[A-Za-z0-9 .()-]+$")  # licence of the weights, as its own name says
    paper: str  # bibliography key
    family: str | None = Field(default=None, pattern=ID_RE)
    layers: int | None = Field(default=None, gt=0)
    d_model: int | None = Field(default=None, gt=0)
    heads: int | None = Field(default=None, gt=0)
    kv_heads: int | None = Field(default=None, gt=0)
    ffn_dim: int | None = Field(default=None, gt=0)
    vocab: int | None = Field(default=None, gt=0)
    training_tokens_t: float | None = Field(default=None, gt=0)  # trillions
    peak_lr: float | None = Field(default=None, gt=0)  # peak learning rate of pre-training
    batch_tokens_m: float | None = Field(default=None, gt=0)  # global batch, millions of tokens
    experts: str | None = None  # MoE routing in words, e.g. "1 个共享 + 256 个路由，激活 8 个路由专家"
    note: str | None = None
    name_en: str | None = None
    org_en: str | None = None
    experts_en: str | None = None
    note_en: str | None = None

    @field_validator("released")
    @classmethod
    def _date(cls, value: str) -> str:
        return checked_month(value)

    @model_validator(mode="after")
    def _consistent(self) -> Model:
        if self.active_params_b is not None and not self.moe:
            raise ValueError("active_params_b is only for MoE models: set moe: true or remove it")
        if self.active_params_b and self.params_b and self.active_params_b > self.params_b:
            raise ValueError("active_params_b cannot exceed params_b")
        if self.license and not self.open_weights:
            raise ValueError("license is for open-weight models: set open_weights: true or remove it")
        if self.kv_heads and self.heads and (self.kv_heads > self.heads or self.heads % self.kv_heads):
            raise ValueError("kv_heads must divide heads")
        return self


class DataMixComponent(Bilingual):
    name: str
    share: float = Field(gt=0, le=100)  # percent of training tokens sampled from this source
    size: str | None = None
    name_en: str | None = None
    size_en: str | None = None
    epochs: float | None = Field(default=None, gt=0)


class DataMix(_Entry):
    model: str  # model id
    source: str  # bibliography key
    note: str | None = None
    note_en: str | None = None
    components: list[DataMixComponent] = Field(min_length=2)

    @model_validator(mode="after")
    def _sums_to_about_100(self) -> DataMix:
        total = sum(component.share for component in self.components)
        if not 98 <= total <= 102:
            raise ValueError(f"shares add up to {total:g}%, expected about 100% (rounding allows 98–102)")
        return self


class Milestone(_Entry):
    date: str
    title: str
    description: str = Field(min_length=8, max_length=160)
    title_en: str | None = None
    description_en: str | None = Field(default=None, min_length=8, max_length=240)
    source: str  # bibliography key
    models: list[str] = []  # model ids

    @field_validator("date")
    @classmethod
    def _date(cls, value: str) -> str:
        return checked_month(value)


DATASETS: dict[str, type[_Entry]] = {
    "glossary": GlossaryTerm,
    "benchmarks": Benchmark,
    "models": Model,
    "datamix": DataMix,
    "milestones": Milestone,
}


class ReferenceData(BaseModel):
    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    glossary: dict[str, GlossaryTerm]
    benchmarks: dict[str, Benchmark]
    models: dict[str, Model]
    datamix: dict[str, DataMix]
    milestones: dict[str, Milestone]


def _load_entries(
    path: Path, schema: type[_Entry], invalid_ids: set[str] | None = None
) -> tuple[dict[str, _Entry], dict[str, int], list[ContentError]]:
    """Parse one data file: a YAML list of entries. Returns entries by id, their lines, and errors.

    The ids of entries that failed validation are added to ``invalid_ids``: other files that refer to
    them get no second, misleading "unknown id" error.
    """
    import yaml

    text = read_text(path)
    data, _ = load_yaml(text, path)
    if not isinstance(data, list):
        return {}, {}, [ContentError(path, "the file must be a YAML list of entries ('- id: ...')", "see CONTRIBUTING.md", 1)]
    root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml: ten times faster
    lines = [node.start_mark.line + 1 for node in root.value]
    entries: dict[str, _Entry] = {}
    entry_lines: dict[str, int] = {}
    errors: list[ContentError] = []
    for raw, line in zip(data, lines):
        entry_id = raw.get("id", "?") if isinstance(raw, dict) else "?"
        if not isinstance(raw, dict):
            errors.append(ContentError(path, "entry is not a mapping", "write the entry as 'field: value' lines", line))
            continue
        try:
            entry = schema.model_validate(raw)
        except ValidationError as exc:
            if invalid_ids is not None and isinstance(entry_id, str):
                invalid_ids.add(entry_id)
            for err in exc.errors():
                field = ".".join(str(part) for part in err["loc"])
                if not field:  # a check across fields, e.g. an English version missing
                    errors.append(ContentError(path, f"entry '{entry_id}': {err['msg'].removeprefix('Value error, ')}", "see the schema in llmkb/model/refdata.py", line))
                    continue
                got = f" (got {err['input']!r})" if err["type"] not in ("missing",) and not isinstance(err.get("input"), dict) else ""
                errors.append(
                    ContentError(path, f"entry '{entry_id}', field '{field}': {err['msg']}{got}", f"correct '{field}' in entry '{entry_id}'", line)
                )
            continue
        if entry.id in entries:
            errors.append(ContentError(path, f"duplicate id '{entry.id}' (first on line {entry_lines[entry.id]})", "give every entry a unique id", line))
            continue
        entries[entry.id] = entry
        entry_lines[entry.id] = line
    return entries, entry_lines, errors


def _cross_reference_errors(
    data: dict[str, dict[str, _Entry]], lines: dict[str, dict[str, int]], bibliography: Bibliography, data_dir: Path, docs_dir: Path,
    invalid_ids: set[str] = frozenset(),
) -> list[ContentError]:
    errors: list[ContentError] = []

    def where(dataset: str) -> Path:
        return data_dir / f"{dataset}.yaml"

    def check_key(dataset: str, entry_id: str, field: str, key: str) -> None:
        if key not in bibliography.entries:
            errors.append(
                ContentError(where(dataset), f"entry '{entry_id}', field '{field}': unknown bibliography key '{key}'",
                             "add it to data/bibliography.yaml or correct the key", lines[dataset][entry_id])
            )

    def check_model(dataset: str, entry_id: str, field: str, model_id: str) -> None:
        if model_id not in data["models"] and model_id not in invalid_ids:  # an invalid entry is reported where it is
            errors.append(
                ContentError(where(dataset), f"entry '{entry_id}', field '{field}': unknown model id '{model_id}'",
                             "use an id from data/models.yaml", lines[dataset][entry_id])
            )

    for term in data["glossary"].values():
        target = term.page.split("#", 1)[0]
        if not (docs_dir / target).is_file():
            errors.append(
                ContentError(where("glossary"), f"entry '{term.id}', field 'page': {target} does not exist",
                             "point 'page' at the docs/ page that explains the term", lines["glossary"][term.id])
            )
    seen_names: dict[tuple[str, str], str] = {}
    for term in data["glossary"].values():
        for field in ("zh", "en"):
            name = (field, re.sub(r"\s+", " ", getattr(term, field)).strip().casefold())
            if name in seen_names:
                errors.append(
                    ContentError(where("glossary"), f"entry '{term.id}': term '{getattr(term, field)}' is already in the glossary as '{seen_names[name]}'",
                                 f"keep one entry: merge this one into '{seen_names[name]}' (put other names in its 'aliases')", lines["glossary"][term.id])
                )
            seen_names.setdefault(name, term.id)
    seen_abbr: dict[str, str] = {}
    for term in data["glossary"].values():
        if term.abbr:
            if term.abbr in seen_abbr:
                errors.append(
                    ContentError(where("glossary"), f"entry '{term.id}': abbreviation '{term.abbr}' is also used by '{seen_abbr[term.abbr]}'",
                                 "an abbreviation can have one definition only", lines["glossary"][term.id])
                )
            seen_abbr[term.abbr] = term.id
    for bench in data["benchmarks"].values():
        check_key("benchmarks", bench.id, "paper", bench.paper)
    for model in data["models"].values():
        check_key("models", model.id, "paper", model.paper)
    for mix in data["datamix"].values():
        check_key("datamix", mix.id, "source", mix.source)
        check_model("datamix", mix.id, "model", mix.model)
    for milestone in data["milestones"].values():
        check_key("milestones", milestone.id, "source", milestone.source)
        for model_id in milestone.models:
            check_model("milestones", milestone.id, "models", model_id)
    return errors


def parse_reference_data(data_dir: Path = DATA_DIR, docs_dir: Path = DOCS_DIR, bibliography: Bibliography | None = None) -> ReferenceData:
    bibliography = bibliography or load_bibliography()
    data: dict[str, dict[str, _Entry]] = {}
    lines: dict[str, dict[str, int]] = {}
    errors: list[ContentError] = []
    invalid_models: set[str] = set()
    unparsed: set[str] = set()
    for name, schema in DATASETS.items():
        try:
            entries, entry_lines, file_errors = _load_entries(data_dir / f"{name}.yaml", schema, invalid_models if name == "models" else None)
        except ContentErrors as exc:  # a file that does not parse; the others are still checked
            entries, entry_lines, file_errors = {}, {}, exc.errors
            unparsed.add(name)
        data[name], lines[name] = entries, entry_lines
        errors.extend(file_errors)
    if not unparsed:  # with a file unread, every reference into it would look broken
        errors.extend(_cross_reference_errors(data, lines, bibliography, data_dir, docs_dir, invalid_models))
    if errors:
        raise ContentErrors(errors)
    return ReferenceData(**data)


def load_reference_data(data_dir: Path = DATA_DIR) -> ReferenceData:
    """The reference data, re-read only when a data file changed."""
    return _cached(data_dir, file_stamps(data_dir / f"{name}.yaml" for name in [*DATASETS, "bibliography"]))


@cache
def _cached(data_dir: Path, stamp: tuple) -> ReferenceData:
    return parse_reference_data(data_dir)


def checked_month(value: str) -> str:
    """``value`` when it is a real YYYY-MM or YYYY-MM-DD date (no 2023-13, no 2023-02-30)."""
    if not YEAR_MONTH_RE.match(value):
        raise ValueError(f"{value!r} is not YYYY-MM or YYYY-MM-DD (quote it in YAML)")
    try:
        release_date(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a real date") from None
    return value


def release_date(value: str) -> dt.date:
    """YYYY-MM or YYYY-MM-DD as a date (first of the month when no day is given)."""
    parts = [int(part) for part in value.split("-")]
    return dt.date(parts[0], parts[1], parts[2] if len(parts) > 2 else 1)
