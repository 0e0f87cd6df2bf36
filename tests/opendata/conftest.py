"""A data catalogue in the main portal, translated into English and Russian."""

from __future__ import annotations

import pytest

from tests.factories import translate
from tests.opendata.factories import make_index


@pytest.fixture
def index(portal):
    page = make_index(portal.section)
    translate(page, "en", title="Open data")
    translate(page, "ru", title="Открытые данные")
    return page
