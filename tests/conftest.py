"""Shared fixtures: a main portal with a section and articles, in three languages."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from portal.models import ArticlePage, HomePage, SectionPage
from subportals.models import Unit
from tests.factories import ArticlePageFactory, SectionPageFactory, home_of, make_unit, translate


@pytest.fixture(autouse=True)
def _clear_cache():
    """Wagtail caches site root paths; each test starts from an empty cache and the default language.

    LocaleMiddleware leaves the last request's language active on the thread, which a later
    management command in the same worker would otherwise inherit.
    """
    translation.activate(settings.LANGUAGE_CODE)
    cache.clear()
    yield
    cache.clear()


@dataclass
class Portal:
    unit: Unit
    home: HomePage
    section: SectionPage
    article: ArticlePage


@pytest.fixture
def portal(db) -> Portal:
    """A main portal: home in vi/en/ru, one section, one article translated into English only."""
    unit = make_unit()
    home = home_of(unit)
    section = SectionPageFactory(parent=home, title="Tin tức - Sự kiện", slug="tin-tuc-su-kien")
    translate(section, "en", title="News and events")
    translate(section, "ru", title="Новости и события")
    article = ArticlePageFactory(parent=section, title="Khánh Hòa đón khách quốc tế", slug="khanh-hoa-don-khach")
    translate(article, "en", title="Khánh Hòa welcomes foreign visitors", summary="Visitors are back.")
    return Portal(unit=unit, home=home, section=section, article=article)


@pytest.fixture
def with_images():
    """Give every article without one a real (small) featured image, so renditions are exercised."""
    import io

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images import get_image_model

    def attach(portal: Portal) -> None:
        Image = get_image_model()
        buffer = io.BytesIO()
        PILImage.new("RGB", (64, 36), (10, 120, 180)).save(buffer, format="PNG")
        for article in ArticlePage.objects.filter(featured_image__isnull=True):
            image = Image(title=f"Ảnh {article.pk}", collection=portal.unit.collection)
            image.file = ImageFile(io.BytesIO(buffer.getvalue()), name=f"anh-{article.pk}.png")
            image.save()
            ArticlePage.objects.filter(pk=article.pk).update(featured_image=image)

    return attach


def pytest_sessionfinish(session, exitstatus):
    """Stop the browser tests' demo server, once, in the main process (not in an xdist worker)."""
    if hasattr(session.config, "workerinput"):
        return
    factory = getattr(session.config, "_tmp_path_factory", None)
    if factory is None:
        return
    from tests.browser.demo_server import stop_shared

    stop_shared(factory.getbasetemp())
