"""The main portal integrates the sub-portals: directory, news of all, and articles its board approved."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from portal.models import Category
from subportals.enums import EditorialRole, UnitKind
from subportals.models import SyndicationRequest, UnitGroup
from tests.factories import ArticlePageFactory, SectionPageFactory, home_of, make_unit, member, translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(portal):
    health = make_unit("syt", UnitKind.DEPARTMENT)
    section = SectionPageFactory(parent=home_of(health), title="Tin y tế", slug="tin-y-te")
    vaccine = ArticlePageFactory(parent=section, title="Tiêm chủng mở rộng tại Cam Ranh", slug="tiem-chung")
    translate(vaccine, "en", title="Expanded vaccination in Cam Ranh")
    ArticlePageFactory(parent=section, title="Bệnh viện tỉnh khai trương khoa mới", slug="khoa-moi")
    city = make_unit("nhatrang", UnitKind.DISTRICT)
    city_section = SectionPageFactory(parent=home_of(city), title="Tin thành phố", slug="tin-thanh-pho")
    ArticlePageFactory(parent=city_section, title="Nha Trang chỉnh trang bờ biển", slug="bo-bien")
    return {"portal": portal, "health": health, "city": city, "vaccine": vaccine}


def texts(response, selector):
    assert response.status_code == 200
    return [el.get_text(strip=True) for el in BeautifulSoup(response.content, "html.parser").select(selector)]


def test_directory_lists_units_with_their_latest_news(client, world):
    headings = texts(client.get("/vi/cong-thanh-phan/"), ".category-block h2")
    assert headings == ["Đơn vị nhatrang", "Đơn vị syt"]
    titles = texts(client.get("/vi/cong-thanh-phan/"), ".card__title")
    assert set(titles) == {
        "Tiêm chủng mở rộng tại Cam Ranh",
        "Bệnh viện tỉnh khai trương khoa mới",
        "Nha Trang chỉnh trang bờ biển",
    }


def test_all_subportal_news_together_with_source_and_link_to_original(client, world):
    response = client.get("/vi/cong-thanh-phan/tin-moi/")
    soup = BeautifulSoup(response.content, "html.parser")
    links = {a.get_text(strip=True): a["href"] for a in soup.select(".card__title a")}
    assert links["Tiêm chủng mở rộng tại Cam Ranh"] == "http://syt.localhost/vi/tin-y-te/tiem-chung/"
    assert "Nguồn: Đơn vị syt" in soup.get_text()
    english = texts(client.get("/en/cong-thanh-phan/tin-moi/"), ".card__title")
    assert english == ["Expanded vaccination in Cam Ranh"]


def test_inactive_unit_disappears_from_integration(client, world):
    world["city"].is_active = False
    world["city"].save()
    assert "Nha Trang chỉnh trang bờ biển" not in texts(client.get("/vi/cong-thanh-phan/tin-moi/"), ".card__title")
    assert texts(client.get("/vi/cong-thanh-phan/"), ".category-block h2") == ["Đơn vị syt"]


def test_subportal_routes_exist_only_on_main_portal(client, world):
    assert client.get("/vi/cong-thanh-phan/", HTTP_HOST="syt.localhost").status_code == 404
    assert client.get("/vi/cong-thanh-phan/tin-moi/", HTTP_HOST="syt.localhost").status_code == 404


def test_syndication_journey(client, world):
    health, portal = world["health"], world["portal"]
    editor = member(health, EditorialRole.EDITOR, "syt.bientap")
    main_head = member(portal.unit, EditorialRole.BOARD_HEAD, "khanhhoa.truongban")
    vaccine = world["vaccine"]

    # Not on the main portal before approval.
    assert "Tiêm chủng mở rộng tại Cam Ranh" not in client.get("/vi/").content.decode()

    client.force_login(editor)
    assert client.get(f"/admin/syndication/propose/{vaccine.pk}/").status_code == 200
    assert client.post(f"/admin/syndication/propose/{vaccine.pk}/", {"note": "Tin quan trọng"}).status_code == 302
    proposal = SyndicationRequest.objects.get()
    assert proposal.status == "pending" and proposal.unit == health
    # A second proposal of the same article is refused.
    client.post(f"/admin/syndication/propose/{vaccine.pk}/")
    assert SyndicationRequest.objects.count() == 1
    # The editor cannot decide.
    client.post(f"/admin/syndication/{proposal.pk}/decide/", {"decision": "approve"})
    proposal.refresh_from_db()
    assert proposal.status == "pending"

    client.force_login(main_head)
    # A rejection needs a reason.
    client.post(f"/admin/syndication/{proposal.pk}/decide/", {"decision": "reject", "note": "  "})
    proposal.refresh_from_db()
    assert proposal.status == "pending"
    client.post(f"/admin/syndication/{proposal.pk}/decide/", {"decision": "approve"})
    proposal.refresh_from_db()
    assert proposal.status == "approved" and proposal.decided_by == main_head

    client.logout()
    home = BeautifulSoup(client.get("/vi/").content, "html.parser")
    link = home.select_one(".syndicated .card__title a")
    assert link.get_text(strip=True) == "Tiêm chủng mở rộng tại Cam Ranh"
    assert link["href"] == "http://syt.localhost/vi/tin-y-te/tiem-chung/"
    assert "Tiêm chủng mở rộng tại Cam Ranh" in texts(client.get("/vi/chuyen-muc/tin-tuc/"), ".card__title")
    # The English home shows the English translation of the approved article.
    assert texts(client.get("/en/"), ".syndicated .card__title") == ["Expanded vaccination in Cam Ranh"]
    # Other categories do not pick it up.
    other = Category.objects.get(code="gioi-thieu").code
    assert "Tiêm chủng" not in client.get(f"/vi/chuyen-muc/{other}/").content.decode()


def test_nobody_approves_their_own_proposal(client, world):
    health, portal = world["health"], world["portal"]
    both = member(health, EditorialRole.EDITOR, "kiemnhiem")
    both.groups.add(UnitGroup.objects.get(unit=portal.unit, role=EditorialRole.BOARD_HEAD).group)
    client.force_login(both)
    client.post(f"/admin/syndication/propose/{world['vaccine'].pk}/")
    proposal = SyndicationRequest.objects.get()
    response = client.post(f"/admin/syndication/{proposal.pk}/decide/", {"decision": "approve"}, follow=True)
    proposal.refresh_from_db()
    assert proposal.status == "pending"
    assert "Không được tự duyệt" in response.content.decode()


def test_other_units_cannot_propose_someone_elses_article(client, world):
    city_editor = member(world["city"], EditorialRole.BOARD_HEAD, "nhatrang.truongban")
    client.force_login(city_editor)
    denied = client.get(f"/admin/syndication/propose/{world['vaccine'].pk}/")
    # Wagtail answers a denied admin view with a redirect to the dashboard and a message.
    assert denied.status_code in (302, 403, 404) and denied.get("Location", "/admin/") == "/admin/"
    assert "Tiêm chủng" not in denied.content.decode()
    assert client.post(f"/admin/syndication/propose/{world['vaccine'].pk}/").status_code in (302, 403, 404)
    assert not SyndicationRequest.objects.exists()


def test_main_portal_articles_cannot_be_proposed(client, world):
    portal = world["portal"]
    head = member(portal.unit, EditorialRole.BOARD_HEAD, "khanhhoa.truongban2")
    client.force_login(head)
    assert client.post(f"/admin/syndication/propose/{portal.article.pk}/").status_code in (302, 403)
    assert not SyndicationRequest.objects.exists()


def test_proposal_list_is_scoped(client, world):
    editor = member(world["health"], EditorialRole.EDITOR, "syt.bientap2")
    client.force_login(editor)
    client.post(f"/admin/syndication/propose/{world['vaccine'].pk}/")
    city_editor = member(world["city"], EditorialRole.EDITOR, "nhatrang.bientap")
    client.force_login(city_editor)
    assert "Tiêm chủng" not in client.get("/admin/syndication/").content.decode()
    client.force_login(editor)
    assert "Tiêm chủng" in client.get("/admin/syndication/").content.decode()
