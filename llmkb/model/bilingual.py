"""Data entries with Chinese and English text: ``field`` and ``field_en``, one entry, one source of truth."""

from __future__ import annotations

from typing import ClassVar

from pydantic import BaseModel, ConfigDict, model_validator

from llmkb.model.editions import ENGLISH
from llmkb.text import HAN_RE


class Bilingual(BaseModel):
    """Text fields shown on pages come in Chinese (``field``) and English (``field_en``).

    ``field_en`` is required whenever ``field`` contains Chinese, so every English page rendered from
    the data is complete; fields named in ``ONLY_CHINESE`` are Chinese by nature (the Chinese name).
    """

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
    ONLY_CHINESE: ClassVar[frozenset[str]] = frozenset({"zh", "aliases", "group"})

    def t(self, field: str, language: str):
        """The field in the page's language: ``field_en`` for English pages when it exists."""
        if language == ENGLISH:
            value = getattr(self, f"{field}_en", None)
            if value is not None:
                return value
        return getattr(self, field)

    @model_validator(mode="after")
    def _english_for_every_chinese_field(self):
        missing = [
            name for name, value in self
            if _has_chinese(value) and not name.endswith("_en")
            and name not in self.ONLY_CHINESE and getattr(self, f"{name}_en", None) is None
        ]
        if missing:
            raise ValueError(f"Chinese text without an English version: add {', '.join(f'{name}_en' for name in missing)} (the English edition shows it)")
        english = [name for name, value in self if name.endswith("_en") and _has_chinese(value)]
        if english:
            raise ValueError(f"{', '.join(english)} must be English (it contains Chinese characters)")
        return self


def _has_chinese(value) -> bool:
    if isinstance(value, str):
        return bool(HAN_RE.search(value))
    return isinstance(value, list) and any(isinstance(item, str) and HAN_RE.search(item) for item in value)
