"""Interface strings are translated in every language, and the .po files have no gaps."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup
from django.conf import settings

pytestmark = pytest.mark.django_db

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"


@pytest.mark.parametrize(
    ("language", "home", "skip"),
    [
        ("vi", "Trang chủ", "Chuyển đến nội dung chính"),
        ("en", "Home", "Skip to main content"),
        ("ru", "Главная", "Перейти к основному содержанию"),
    ],
)
def test_interface_strings_follow_the_language(client, portal, language, home, skip):
    soup = BeautifulSoup(client.get(f"/{language}/tin-tuc-su-kien/").content, "html.parser")
    assert soup.select_one(".site-nav__list a").get_text(strip=True) == home
    assert soup.select_one(".skip-link").get_text(strip=True) == skip


@pytest.mark.parametrize("language", ["vi", "en", "ru"])
def test_every_interface_string_is_translated(language):
    po = polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert not untranslated, f"{language}: untranslated {untranslated[:5]}"
    assert not fuzzy, f"{language}: fuzzy {fuzzy[:5]}"
    assert (LOCALE_DIR / language / "LC_MESSAGES" / "django.mo").stat().st_mtime > 0


def test_plural_forms(client, portal):
    from tests.factories import make_articles, translate

    extra = make_articles(portal.section, 4)  # 5 articles in "tin-tuc" in Vietnamese
    translate(portal.article, "ru", title="Кханьхоа встречает туристов")
    translate(extra[0], "ru", title="Вторая статья")
    soup = BeautifulSoup(client.get("/ru/chuyen-muc/tin-tuc/").content, "html.parser")
    assert soup.select_one(".result-count").get_text(strip=True) == "2 материала"
    soup = BeautifulSoup(client.get("/vi/chuyen-muc/tin-tuc/").content, "html.parser")
    assert soup.select_one(".result-count").get_text(strip=True) == "5 tin bài"
    soup = BeautifulSoup(client.get("/en/chuyen-muc/tin-tuc/").content, "html.parser")
    assert soup.select_one(".result-count").get_text(strip=True) == "1 article"


def test_locale_folder_holds_only_po_and_mo_files():
    files = [p for p in LOCALE_DIR.rglob("*") if p.is_file()]
    assert files and all(p.suffix in {".po", ".mo"} for p in files)
