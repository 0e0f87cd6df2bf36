"""WCAG 2.1 AA in a real browser: axe-core on every page type in every language, keyboard, zoom, phone.

Fails on any serious or critical violation; saves a screenshot per page type and language in
artifacts/screenshots/ (kept by CI).
"""

from __future__ import annotations

import pytest

from .conftest import ARTIFACTS, AXE
from .demo_server import LANGUAGES

pytestmark = pytest.mark.xdist_group("demo_server")

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Pages reached by forms rather than links, so the crawl does not list them.
FORM_PAGES = {"homepage.search": "/{language}/tim-kiem/?q=kh%C3%A1nh+h%C3%B2a"}
SUBPORTAL = "syt.localhost"


def page_kinds(crawl, language: str = "vi") -> dict[str, str]:
    """One address per page type and route in this language, as the crawl found them."""
    kinds: dict[str, str] = {}
    for page in crawl.html_pages():
        listed = page.host in ("localhost", SUBPORTAL) and page.path.startswith(f"/{language}/")
        if page.kind and listed and "?" not in page.path:
            kinds.setdefault(page.kind, f"{page.host}|{page.path}")
    kinds.update({kind: "localhost|" + path.format(language=language) for kind, path in FORM_PAGES.items()})
    return kinds


def visit(browser, demo, address: str) -> None:
    host, _, path = address.partition("|")
    browser.get(demo.url(path, host))


def run_axe(browser) -> list[dict]:
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    result = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
        ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}))))"
        ".catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));",
        WCAG_TAGS,
    )
    return [violation for violation in result if violation["impact"] in ("serious", "critical")]


def test_every_page_type_in_every_language_passes_axe(browser, demo, crawl):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    expected = {
        "homepage.index_route",
        "sectionpage",
        "articlepage",
        "homepage.category",
        "homepage.search",
        "homepage.feedback",
        "homepage.qa",
        "legaldocumentpage",
        "procedurepage",
        "projectpage",
        "datasetpage",
    }
    failures = []
    for language in LANGUAGES:
        kinds = page_kinds(crawl, language)
        if missing := expected - set(kinds):
            failures.append(f"[{language}] page types missing from the demo: {sorted(missing)}")
        for kind, address in sorted(kinds.items()):
            visit(browser, demo, address)
            lang = browser.execute_script("return document.documentElement.lang")
            if lang != language:
                failures.append(f"{kind} [{language}] {browser.current_url}: <html lang={lang!r}>")
            for violation in run_axe(browser):
                failures.append(f"{kind} [{language}] {browser.current_url}: {violation}")
            browser.save_screenshot(str(ARTIFACTS / f"{kind}-{language}.png"))
    assert failures == [], "\n".join(failures)


@pytest.mark.parametrize("width", [360, 640])  # a phone; 200% zoom of a 1280 px window
def test_pages_reflow_without_horizontal_scrolling(browser, demo, crawl, width):
    kinds = page_kinds(crawl)
    browser.set_window_size(width, 900)
    try:
        overflowing = []
        for kind in sorted(kinds):
            visit(browser, demo, kinds[kind])
            scroll, inner = browser.execute_script(
                "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            if scroll > inner:
                overflowing.append(f"{kind}: content {scroll}px wide in a {inner}px window")
        assert overflowing == []
    finally:
        browser.set_window_size(1280, 900)


def test_keyboard_reaches_the_skip_link_first_and_focus_is_visible(browser, demo, crawl):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    visit(browser, demo, page_kinds(crawl)["articlepage"])
    ActionChains(browser).send_keys(Keys.TAB).perform()
    focused = browser.switch_to.active_element
    assert "skip-link" in (focused.get_attribute("class") or "")
    assert focused.is_displayed(), "the skip link must show when it has focus"
    outline = browser.execute_script(
        "const s = getComputedStyle(document.activeElement);return [s.outlineStyle, s.outlineWidth, s.boxShadow];"
    )
    assert outline[0] != "none" or outline[2] != "none", f"no visible focus: {outline}"
    focused.send_keys(Keys.ENTER)
    assert browser.execute_script("return document.activeElement.id") == "main"
    # The controls that follow, in the content, each show where focus is.
    for _ in range(12):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        style = browser.execute_script(
            "const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.boxShadow];"
        )
        assert style[0] != "none" or style[1] != "none", browser.switch_to.active_element.get_attribute("outerHTML")
