"""Compiled Jinja templates kept for the whole process (hooks/templates.py).

MkDocs makes a new Jinja environment for every build, and mkdocs-static-i18n builds each edition as a
build of its own, so the theme's templates were compiled three times per ``mkdocs build`` and again on
every save under ``mkdocs serve``. Jinja's bytecode cache keys a template by its name and file and
checks a checksum of its source, so an edited template is compiled anew.
"""

from __future__ import annotations

import jinja2


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates in memory, for as long as the process runs."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        compiled = self._compiled.get(bucket.key)
        if compiled is not None:
            bucket.bytecode_from_string(compiled)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._compiled.clear()


COMPILED_TEMPLATES = MemoryBytecodeCache()
