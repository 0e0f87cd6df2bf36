"""Follow every link of the demo portal from each site's home in each language."""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from .demo_server import HOSTS, LANGUAGES, DemoServer

REDIRECTS = {301, 302, 303, 307, 308}
# Paths that are files or the admin: their status is checked, their content is not crawled.
LEAVES = ("/admin/", "/documents/", "/static/", "/media/")
MAX_QUERIES_PER_PATH = 3
MAX_FETCHES = 2500


class _Links(HTMLParser):
    """Every address a visitor's browser would follow or load from a page."""

    ATTRIBUTES = {"a": "href", "link": "href", "img": "src", "script": "src", "iframe": "src", "source": "src"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.kind = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "body":
            self.kind = values.get("data-page-kind") or ""
        name = self.ATTRIBUTES.get(tag)
        if name and values.get(name):
            self.links.append(values[name] or "")
        if tag == "img" and values.get("srcset"):
            self.links.extend(part.strip().split(" ")[0] for part in (values["srcset"] or "").split(","))


@dataclass
class Page:
    host: str
    path: str
    status: int
    kind: str = ""
    html: str = ""


@dataclass
class Crawl:
    pages: dict[tuple[str, str], Page] = field(default_factory=dict)
    broken: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    external: set[str] = field(default_factory=set)
    skipped_variants: int = 0

    def html_pages(self) -> list[Page]:
        return [page for page in self.pages.values() if page.html]


def crawl(server: DemoServer) -> Crawl:
    result = Crawl()
    queue: deque[tuple[str, str, str]] = deque(
        (host, f"/{language}/", "(start)") for host in HOSTS for language in LANGUAGES
    )
    queue.append(("localhost", "/", "(start)"))
    queries: dict[tuple[str, str], set[str]] = defaultdict(set)
    seen: set[tuple[str, str]] = set()
    while queue and len(seen) < MAX_FETCHES:
        host, target, referrer = queue.popleft()
        if (host, target) in seen:
            continue
        seen.add((host, target))
        status, headers, body = server.fetch(target, host)
        where = f"{host}{target} (linked from {referrer})"
        if status >= 500:
            result.errors.append(f"{status} {where}")
            continue
        if status in REDIRECTS:
            location = headers.get("Location", "")
            _follow(result, queue, queries, host, target, location, where)
            result.pages[(host, target)] = Page(host, target, status)
            continue
        if status != 200:
            result.broken.append(f"{status} {where}")
            continue
        page = Page(host, target, status)
        result.pages[(host, target)] = page
        if target.startswith(LEAVES) or "text/html" not in headers.get("Content-Type", ""):
            continue
        parser = _Links()
        page.html = body.decode("utf-8")
        parser.feed(page.html)
        page.kind = parser.kind
        for link in parser.links:
            _follow(result, queue, queries, host, target, link, f"{host}{target}")
    return result


def _follow(result: Crawl, queue, queries, host: str, base: str, link: str, referrer: str) -> None:
    link = link.strip()
    if not link or link.startswith(("#", "mailto:", "tel:", "data:")):
        return
    if link.lower().startswith("javascript:"):
        result.broken.append(f"javascript: link {link[:60]!r} on {referrer}")
        return
    absolute = urljoin(f"http://{host}{base}", link)
    parts = urlsplit(absolute)
    target_host = (parts.hostname or "").lower()
    if target_host not in HOSTS:
        result.external.add(absolute)
        return
    path = parts.path or "/"
    if parts.query:
        variants = queries[(target_host, path)]
        if parts.query not in variants and len(variants) >= MAX_QUERIES_PER_PATH:
            result.skipped_variants += 1
            return
        variants.add(parts.query)
        path = f"{path}?{parts.query}"
    queue.append((target_host, path, referrer))
