"""Every link of the demo portal (all sites, all languages) works, and every page is valid HTML."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import VNU
from .demo_server import HOSTS, LANGUAGES

pytestmark = pytest.mark.xdist_group("demo_server")


def test_the_crawl_reaches_every_site_and_language(crawl):
    reached = {(page.host, page.path.split("/")[1]) for page in crawl.html_pages()}
    assert {(host, language) for host in HOSTS for language in LANGUAGES} <= reached
    assert len(crawl.html_pages()) > 200, "the demo should offer far more pages than this"


def test_no_page_answers_500(crawl):
    assert crawl.errors == []


def test_every_link_answers_200_or_a_deliberate_redirect(crawl):
    assert crawl.broken == [], "\n".join(crawl.broken[:50])
    redirects = [page for page in crawl.pages.values() if page.status != 200]
    # "/" sends visitors to their language; the rest are redirects kept for moved pages.
    assert ("localhost", "/") in {(page.host, page.path) for page in redirects}


def test_every_page_is_valid_html(crawl, tmp_path):
    if shutil.which("java") is None or not VNU.exists():
        pytest.fail("The Nu HTML checker needs Java and `npm ci` (node_modules/vnu-jar)")
    names: dict[str, str] = {}
    for number, page in enumerate(crawl.html_pages()):
        path = tmp_path / f"page-{number:05d}.html"
        path.write_text(page.html, encoding="utf-8")
        names[path.name] = f"http://{page.host}{page.path}"
    checked = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--exit-zero-always", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(checked.stderr or checked.stdout or '{"messages": []}')["messages"]
    problems = [
        f"{names.get(Path(message.get('url', '')).name, message.get('url'))}:{message.get('lastLine')}: "
        f"{message.get('message')} «{message.get('extract', '')[:120]}»"
        for message in messages
    ]
    assert problems == [], f"{len(problems)} HTML errors:\n" + "\n".join(problems[:40])
