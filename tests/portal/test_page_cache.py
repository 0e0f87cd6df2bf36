"""The full-page cache: anonymous visitors get stored pages, and exactly the changed ones go stale."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from wagtail.models import Page, PageViewRestriction

from portal.models import PortalSettings
from portal.pagecache import store
from portal.pagecache.middleware import BYPASS, cache_url
from subportals.enums import UnitKind
from tests.factories import ArticlePageFactory, SectionPageFactory, home_of, make_unit, translate

pytestmark = pytest.mark.django_db

ARTICLE = "/vi/tin-tuc-su-kien/khanh-hoa-don-khach/"


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True
    caches["pages"].clear()
    yield caches["pages"]
    caches["pages"].clear()


def cache_status(client, url: str, **extra) -> str:
    response = client.get(url, **extra)
    assert response.status_code == 200, (url, response.status_code)
    return response.get("X-Page-Cache", "")


def warm(client, *urls: str, **extra) -> None:
    """Render once and check the second visit is answered from the cache."""
    for url in urls:
        client.get(url, **extra)
        assert cache_status(client, url, **extra) == "hit", url


def publish(page: Page, capture, **fields) -> Page:
    page = Page.objects.get(pk=page.pk).specific
    for name, value in fields.items():
        setattr(page, name, value)
    with capture(execute=True):
        page.save_revision().publish()
    return page


def test_the_second_anonymous_visit_is_a_hit_with_headers_for_shared_caches(client, portal, settings):
    first = client.get(ARTICLE)
    assert first["X-Page-Cache"] == "miss"
    second = client.get(ARTICLE)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    cache_control = second["Cache-Control"]
    assert "public" in cache_control
    assert f"s-maxage={settings.PAGE_CACHE_SHARED_SECONDS}" in cache_control
    assert f"max-age={settings.PAGE_CACHE_BROWSER_SECONDS}" in cache_control
    assert second["X-Accel-Expires"] == str(settings.PAGE_CACHE_SHARED_SECONDS)
    assert "cookie" not in second.get("Vary", "").lower()
    assert second["Content-Language"] == "vi"
    # The security headers come with the stored page.
    assert "default-src" in second["Content-Security-Policy"]
    assert second["X-Content-Type-Options"] == "nosniff"


def test_a_revalidation_with_the_same_etag_gets_304_without_body(client, portal):
    etag = client.get(ARTICLE)["ETag"]
    response = client.get(ARTICLE, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert client.get(ARTICLE, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_a_logged_in_editor_never_gets_nor_fills_the_shared_cache(client, portal, django_user_model):
    user = django_user_model.objects.create_user("bientap", password="x-Khong-Doan-Duoc-2026")
    client.force_login(user)
    response = client.get(ARTICLE)
    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]
    client.logout()
    client.cookies.clear()
    assert cache_status(client, ARTICLE) == "miss"


def test_a_page_with_a_form_token_is_never_stored(client, portal):
    for _ in range(2):
        response = client.get("/vi/gop-y/")
        assert response.status_code == 200
        assert response["X-Page-Cache"] == "skip"
        assert "private" in response["Cache-Control"]


def test_admin_documents_and_health_are_never_stored(client, portal, page_cache):
    client.get("/healthz/")
    client.get("/admin/login/")
    assert not any(key.startswith(":1:e:") for key in page_cache._cache)


def test_parameters_in_another_order_share_an_entry_and_huge_query_strings_skip_the_cache(client, portal):
    client.get("/vi/tin-tuc-su-kien/?page=1&a=2")
    assert cache_status(client, "/vi/tin-tuc-su-kien/?a=2&page=1") == "hit"
    huge = "/vi/tin-tuc-su-kien/?q=" + "x" * 5000
    client.get(huge)
    assert "X-Page-Cache" not in client.get(huge)


def test_publishing_stales_the_page_its_listings_and_home_but_not_its_neighbours(
    client, portal, django_capture_on_commit_callbacks
):
    ArticlePageFactory(parent=portal.section, title="Tin bên cạnh", slug="tin-ben-canh")
    SectionPageFactory(parent=portal.home, title="Du lịch", slug="du-lich")
    neighbour_url = "/vi/tin-tuc-su-kien/tin-ben-canh/"
    listing, home, elsewhere = "/vi/tin-tuc-su-kien/", "/vi/", "/vi/du-lich/"
    english_home = "/en/"
    warm(client, ARTICLE, neighbour_url, listing, home, elsewhere, english_home)

    publish(portal.article, django_capture_on_commit_callbacks, title="Khánh Hòa đón 3 triệu lượt khách")

    for url in (ARTICLE, listing, home):
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", url
        assert "3 triệu lượt khách" in response.content.decode(), url
    for url in (neighbour_url, elsewhere, english_home):
        assert cache_status(client, url) == "hit", url


def test_unpublishing_answers_404_at_once_and_leaves_the_listing(client, portal, django_capture_on_commit_callbacks):
    warm(client, ARTICLE, "/vi/tin-tuc-su-kien/")
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=portal.article.pk).unpublish()
    assert client.get(ARTICLE).status_code == 404
    listing = client.get("/vi/tin-tuc-su-kien/")
    assert listing["X-Page-Cache"] == "miss"
    assert "Khánh Hòa đón khách quốc tế" not in listing.content.decode()


def test_moving_a_page_stales_its_old_address_and_both_listings(client, portal, django_capture_on_commit_callbacks):
    target = SectionPageFactory(parent=portal.home, title="Du lịch", slug="du-lich")
    warm(client, ARTICLE, "/vi/tin-tuc-su-kien/", "/vi/du-lich/")
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=portal.article.pk).move(Page.objects.get(pk=target.pk), pos="last-child")
    old = client.get(ARTICLE)  # Not the stored page: the redirect made for the move.
    assert old.status_code == 301
    assert old["Location"] == "/vi/du-lich/khanh-hoa-don-khach/"
    assert cache_status(client, "/vi/du-lich/khanh-hoa-don-khach/") == "miss"
    for url in ("/vi/tin-tuc-su-kien/", "/vi/du-lich/"):
        assert client.get(url)["X-Page-Cache"] == "miss", url
    assert "Khánh Hòa đón khách quốc tế" in client.get("/vi/du-lich/").content.decode()


def test_a_new_slug_stales_the_old_addresses_of_the_pages_below(client, portal, django_capture_on_commit_callbacks):
    warm(client, ARTICLE)
    publish(portal.section, django_capture_on_commit_callbacks, slug="tin-moi")
    assert client.get(ARTICLE).status_code in (301, 404)
    assert cache_status(client, "/vi/tin-moi/khanh-hoa-don-khach/") == "miss"


def test_publishing_a_translation_stales_the_other_languages_of_the_page(
    client, portal, django_capture_on_commit_callbacks
):
    other = ArticlePageFactory(parent=portal.section, title="Lễ hội biển", slug="le-hoi-bien")
    other_url = "/vi/tin-tuc-su-kien/le-hoi-bien/"
    warm(client, other_url, ARTICLE)
    with django_capture_on_commit_callbacks(execute=True):
        translate(other, "en", title="Sea festival")
    response = client.get(other_url)
    assert response["X-Page-Cache"] == "miss"
    assert cache_status(client, ARTICLE) == "hit"  # another page's languages did not change


def test_a_subportal_publication_stales_the_main_home_in_its_language_only(
    client, portal, django_capture_on_commit_callbacks
):
    unit = make_unit("sotttt", UnitKind.DEPARTMENT)
    section = SectionPageFactory(parent=home_of(unit), title="Tin tức", slug="tin-tuc")
    article = ArticlePageFactory(parent=section, title="Sở chuyển đổi số", slug="chuyen-doi-so")
    host = {"HTTP_HOST": "sotttt.localhost"}
    warm(client, "/vi/", "/en/")
    warm(client, "/vi/", **host)
    publish(article, django_capture_on_commit_callbacks, title="Sở đẩy mạnh chuyển đổi số")
    assert client.get("/vi/", **host)["X-Page-Cache"] == "miss"
    assert client.get("/vi/")["X-Page-Cache"] == "miss"
    assert cache_status(client, "/en/") == "hit"


def test_site_settings_stale_that_site_only(client, portal, django_capture_on_commit_callbacks):
    unit = make_unit("sotttt", UnitKind.DEPARTMENT)
    host = {"HTTP_HOST": "sotttt.localhost"}
    warm(client, ARTICLE, "/en/")
    warm(client, "/vi/", **host)
    settings_row = PortalSettings.for_site(portal.unit.site)
    settings_row.phone = "0258 3822 222"
    with django_capture_on_commit_callbacks(execute=True):
        settings_row.save()
    assert client.get(ARTICLE)["X-Page-Cache"] == "miss"
    assert client.get("/en/")["X-Page-Cache"] == "miss"
    assert cache_status(client, "/vi/", **host) == "hit"
    assert unit.site_id != portal.unit.site_id


def test_a_page_made_private_is_no_longer_served_from_the_cache(client, portal, django_capture_on_commit_callbacks):
    warm(client, ARTICLE)
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=Page.objects.get(pk=portal.article.pk), restriction_type="login")
    response = client.get(ARTICLE)
    assert response.status_code == 302
    assert "/login" in response["Location"] or "dang-nhap" in response["Location"] or "login" in response["Location"]


def test_the_defacement_watch_reads_the_database_not_the_cache(client, portal):
    warm(client, ARTICLE)
    response = client.get(ARTICLE, **{BYPASS: True})
    assert response.status_code == 200
    assert "X-Page-Cache" not in response


def test_a_cache_server_that_is_down_does_not_take_the_site_down(client, portal, settings):
    settings.CACHES = {
        **settings.CACHES,
        "broken": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
        },
    }
    settings.PAGE_CACHE_ALIAS = "broken"
    for _ in range(2):
        response = client.get(ARTICLE)
        assert response.status_code == 200
        assert "Khánh Hòa đón khách quốc tế" in response.content.decode()


def test_tags_are_stale_after_invalidation_only(page_cache):
    tokens = store.tokens(["p1", "s1", store.ALL], create=True)
    assert store.tokens(["p1", "s1", store.ALL]) == tokens
    store.invalidate(["p1"])
    after = store.tokens(["p1", "s1", store.ALL])
    assert after["p1"] != tokens["p1"]
    assert after["s1"] == tokens["s1"]


def _redis_available() -> bool:
    import socket

    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.mark.skipif(not _redis_available(), reason="Redis không chạy trên 127.0.0.1:6379")
def test_app_servers_sharing_redis_share_pages_and_invalidations(
    client, portal, settings, django_capture_on_commit_callbacks
):
    import uuid

    from django.core.cache import CacheHandler

    prefix = f"test-pages-{uuid.uuid4().hex}"
    redis = {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": "redis://127.0.0.1:6379/15", "KEY_PREFIX": prefix}
    settings.CACHES = {**settings.CACHES, "pages": {**redis, "TIMEOUT": None}}
    try:
        warm(client, ARTICLE)
        # Another app server: its own connection, reading what this one stored.
        other = CacheHandler(settings.CACHES)["pages"]
        assert other.get(store.entry_key(f"http://testserver{ARTICLE}?")) is not None
        publish(portal.article, django_capture_on_commit_callbacks, title="Tin đã sửa")
        entry = other.get(store.entry_key(f"http://testserver{ARTICLE}?"))
        current = {tag: other.get(store.TAG_KEY.format(tag)) for tag in entry.tokens}
        assert current != entry.tokens  # the other server now sees the stored page as stale
        assert "Tin đã sửa" in client.get(ARTICLE).content.decode()
    finally:
        caches["pages"].delete_pattern("*")


def test_purge_page_cache_stales_every_page(client, portal):
    from django.core.management import call_command

    warm(client, ARTICLE, "/en/")
    call_command("purge_page_cache", stdout=__import__("io").StringIO())
    assert client.get(ARTICLE)["X-Page-Cache"] == "miss"
    assert client.get("/en/")["X-Page-Cache"] == "miss"


def test_check_warns_about_a_per_process_page_cache_in_production(settings):
    from portal.pagecache.checks import page_cache_is_shared

    settings.DEBUG = False
    assert [warning.id for warning in page_cache_is_shared()] == ["portal.W001"]
    settings.CACHES = {**settings.CACHES, "pages": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": "x"}}
    assert page_cache_is_shared() == []
    settings.PAGE_CACHE_ENABLED = False
    settings.CACHES = {**settings.CACHES, "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert page_cache_is_shared() == []


def test_a_front_cache_gets_purge_requests_for_the_changed_pages(
    client, portal, settings, django_capture_on_commit_callbacks
):
    """A real HTTP server stands in for Varnish: it records the PURGE requests it receives."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    received: list[str] = []

    class Purge(BaseHTTPRequestHandler):
        def do_PURGE(self):  # the HTTP method's name
            received.append(f"{self.headers['Host']}{self.path}")
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Purge)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }
    try:
        publish(portal.article, django_capture_on_commit_callbacks, title="Tin đã sửa")
    finally:
        server.shutdown()
    assert "localhost/vi/tin-tuc-su-kien/khanh-hoa-don-khach/" in received
    assert "localhost/vi/tin-tuc-su-kien/" in received
    assert "localhost/vi/" in received
    assert "localhost/en/tin-tuc-su-kien/khanh-hoa-don-khach/" in received  # the English translation


def test_a_stored_pdf_keeps_its_download_headers(client, portal):
    first = client.get(ARTICLE + "pdf/")
    assert first.status_code == 200
    second = client.get(ARTICLE + "pdf/")
    assert second["X-Page-Cache"] == "hit"
    assert second["Content-Type"] == "application/pdf"
    assert second["Content-Disposition"] == first["Content-Disposition"]
    assert second["Content-Disposition"].startswith("attachment;")
    assert second.content == first.content


def _max_ages(response) -> tuple[int, int, int]:
    directives = dict(part.strip().split("=") for part in response["Cache-Control"].split(",") if "=" in part)
    return int(directives["max-age"]), int(directives["s-maxage"]), int(response["X-Accel-Expires"])


def test_a_page_showing_an_ad_is_kept_no_longer_than_the_ad_runs(client, portal, page_cache, settings):
    """An ad ending in two minutes: the stored page, nginx and browsers keep it at most two minutes."""
    import datetime

    from django.utils import timezone

    from tests.ads.factories import AdvertisementFactory

    settings.PAGE_CACHE_BROWSER_SECONDS = settings.PAGE_CACHE_SHARED_SECONDS = 300
    now = timezone.now()
    AdvertisementFactory(start_at=now - datetime.timedelta(days=1), end_at=now + datetime.timedelta(seconds=120))
    first = client.get(ARTICLE)
    assert first["X-Page-Cache"] == "miss"
    assert "data-ad-slot" in first.content.decode()
    assert all(0 < age <= 120 for age in _max_ages(first)), first["Cache-Control"]
    hit = client.get(ARTICLE)
    assert hit["X-Page-Cache"] == "hit"
    assert all(0 <= age <= 120 for age in _max_ages(hit)), hit["Cache-Control"]
    # The stored entry itself ends with the ad (the cache backend drops it then).
    entry = store.load(cache_url(first.wsgi_request))
    assert entry is not None and entry.expires_at is not None
    assert entry.expires_at <= now.timestamp() + 121


def test_an_ad_starting_soon_bounds_the_page_too_and_pages_without_ads_keep_the_full_lifetime(client, portal, settings):
    import datetime

    from django.utils import timezone

    from tests.ads.factories import AdvertisementFactory

    settings.PAGE_CACHE_BROWSER_SECONDS = settings.PAGE_CACHE_SHARED_SECONDS = 300
    first = client.get(ARTICLE)
    assert _max_ages(first)[1] == settings.PAGE_CACHE_SHARED_SECONDS
    caches["pages"].clear()
    now = timezone.now()
    AdvertisementFactory(start_at=now + datetime.timedelta(seconds=90), end_at=now + datetime.timedelta(days=3))
    response = client.get(ARTICLE)
    assert "data-ad-slot" not in response.content.decode()  # Not yet running...
    assert all(0 < age <= 90 for age in _max_ages(response)), response["Cache-Control"]  # ...but soon.


def test_an_ad_that_already_ended_during_the_rendering_is_not_stored(rf, settings):
    import datetime

    from django.http import HttpResponse
    from django.utils import timezone

    from portal.pagecache.middleware import PageCacheMiddleware, expires_at, tag_request

    def view(request):
        tag_request(request, page_id=1, site_id=None)
        expires_at(request, timezone.now() - datetime.timedelta(seconds=1))
        return HttpResponse("<p>trang</p>")

    response = PageCacheMiddleware(view)(rf.get("/vi/"))
    assert response["X-Page-Cache"] == "skip"
    assert _max_ages(response)[1] == 0
    assert store.load("http://testserver/vi/?") is None
