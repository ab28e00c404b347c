"""Writes each edition's Atom feed of recent changes: feed.xml, zh-Hant/feed.xml, en/feed.xml.

The entries are the pages' own ``changes`` front matter, the same list the 最近更新 page shows
(llmkb/model/changes.py); the feed is made by llmkb/render/feed.py and holds no build time, so a
commit always gives the same bytes. overrides/main.html links it from every page's head
(<link rel="alternate" type="application/atom+xml">), overrides/partials/copyright.html from the footer.
"""

from __future__ import annotations

from pathlib import Path

from llmkb.build import context
from llmkb.build.pipeline import stage
from llmkb.model.editions import edition_prefix
from llmkb.render.feed import FEED_FILE, edition_feed


@stage("post_build", "feed")
def on_post_build(config):
    build = context.current()
    target = Path(config.site_dir) / edition_prefix(build.edition) / FEED_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(edition_feed(build.pages, build.edition, config.site_name, config.site_url or None))
