"""Self-test questions at the end of every content page (data/questions/, llmkb/render/questions.py).

Adds to each theory, practice and application page a 自测 section: its 3 to 6 questions, each
answer hidden until opened and linking to the section that explains it. The section is added to
the Markdown before the citations hook writes the page's references, so it comes just above them.
"""

from __future__ import annotations

from llmkb.build import context
from llmkb.build.pipeline import stage
from llmkb.model.editions import label, normalized_uri, page_language
from llmkb.render.questions import localized_questions, self_test_section


@stage("page_markdown", "questions")
def on_page_markdown(markdown, page, config, files):
    build = context.current()
    source_uri = normalized_uri(page.file.src_uri)
    if not build.questions.for_page(source_uri):
        return markdown
    language = page_language(page.file.src_uri)
    items = localized_questions(build.questions, build.pages, source_uri, language)
    return markdown + self_test_section(items, lambda key, **values: label(key, language, **values))
