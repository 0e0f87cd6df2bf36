"""Full-page cache for anonymous visitors, invalidated exactly by the pages and data that change.

``store`` keeps rendered pages and the version tokens of their tags, ``middleware`` answers from
it, ``invalidation`` decides which tags a change makes stale, ``signal_handlers`` listens to
Wagtail's publication signals. Docs: docs/caching.md.
"""
