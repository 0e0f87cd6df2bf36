"""Procedure pages: validation through the admin and the model, uniqueness per portal, rendering in vi/en/ru."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from wagtail.models import Locale
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from portal.procedures.models import ProcedurePage
from portal.procedures.rules import OnlineLevel
from tests.factories import translate

from .factories import ProcedurePageFactory, make_field

pytestmark = pytest.mark.django_db


def procedure_form(**overrides):
    data = {
        "title": "Cấp giấy phép xây dựng nhà ở riêng lẻ",
        "slug": "cap-giay-phep-xay-dung-nha-o",
        "national_code": "1.009994",
        "field": str(make_field().pk),
        "competent_unit": "UBND thành phố Nha Trang",
        "at_district": "on",
        "online_level": OnlineLevel.PARTIAL,
        "national_portal_url": "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html",
        "summary": "Thủ tục do UBND thành phố giải quyết trong 15 ngày làm việc.",
        "processing_time": "15 ngày làm việc",
        "processing_days": "15",
        "fees": "75.000 đồng/giấy phép",
        "required_papers": streamfield([("paper", {"name": "Đơn đề nghị cấp giấy phép", "copies": "01 bản chính"})]),
        "steps": rich_text("<p>Nộp hồ sơ tại Bộ phận một cửa.</p>"),
        "legal_basis": "Luật Xây dựng số 50/2014/QH13",
        "publication_date": "24/11/2026 08:30",
    }
    data.update(overrides)
    return nested_form_data(data)


def add_url(index) -> str:
    return f"/admin/pages/add/procedures/procedurepage/{index.pk}/"


def test_editor_creates_a_procedure_as_a_draft_with_the_fixed_category(client, lists):
    client.force_login(lists.district_editor)
    response = client.post(add_url(lists.district), procedure_form())
    assert response.status_code == 302, response.content.decode()[:3000]
    page = ProcedurePage.objects.get(national_code="1.009994")
    assert not page.live
    assert page.category.code == "thu-tuc-hanh-chinh"
    assert page.at_district and not page.at_province
    assert page.service_link.startswith("https://dichvucong.gov.vn/")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"national_code": "1-009994"}, "không đúng dạng"),
        ({"national_code": ""}, ""),
        ({"national_portal_url": "http://dichvucong.gov.vn/"}, "https://"),
        ({"national_portal_url": "https://dichvucong.gov.vn.gia-mao.vn/"}, "Cổng Dịch vụ công quốc gia"),
        ({"at_district": ""}, "ít nhất một cấp"),
        ({"processing_days": "400"}, ""),
        ({"processing_days": "-1"}, ""),
        ({"online_level": "muc-5"}, ""),
        ({"field": "999999"}, ""),
    ],
)
def test_bad_procedure_input_is_refused_and_nothing_is_saved(client, lists, overrides, message):
    client.force_login(lists.district_editor)
    response = client.post(add_url(lists.district), procedure_form(**overrides))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Cấp giấy phép xây dựng nhà ở riêng lẻ" in html  # what was typed is kept
    assert not ProcedurePage.objects.filter(slug="cap-giay-phep-xay-dung-nha-o").exists()


def test_a_code_is_unique_on_its_portal_through_the_admin(client, lists):
    ProcedurePageFactory(parent=lists.district, national_code="1.009994")
    client.force_login(lists.district_editor)
    response = client.post(add_url(lists.district), procedure_form())
    assert response.status_code == 200
    assert "Mã thủ tục này đã dùng" in response.content.decode()
    assert ProcedurePage.objects.filter(national_code="1.009994").count() == 1


def test_a_code_is_unique_on_its_portal_when_editing(client, lists):
    ProcedurePageFactory(parent=lists.district, national_code="1.009994")
    other = ProcedurePageFactory(parent=lists.district, national_code="1.009995")
    client.force_login(lists.district_editor)
    response = client.post(
        f"/admin/pages/{other.pk}/edit/", procedure_form(national_code="1.009994", slug=other.slug, title=other.title)
    )
    assert response.status_code == 200
    assert "Mã thủ tục này đã dùng" in response.content.decode()
    other.refresh_from_db()
    assert other.national_code == "1.009995"


def test_a_code_is_unique_per_portal_in_the_model_too(lists):
    ProcedurePageFactory(parent=lists.main, national_code="2.000794")
    with pytest.raises(ValidationError) as caught:
        ProcedurePageFactory(parent=lists.main, national_code="2.000794")
    assert "national_code" in caught.value.message_dict


def test_the_same_code_may_be_used_by_another_portal_and_by_translations(lists):
    first = ProcedurePageFactory(parent=lists.main, national_code="2.000794")
    ProcedurePageFactory(parent=lists.district, national_code="2.000794")
    english = translate(first, "en", title="Registering a household business", summary="Done in 3 working days.")
    assert english.national_code == "2.000794"
    assert ProcedurePage.objects.filter(national_code="2.000794").count() == 3


def test_another_units_editor_cannot_add_procedures_to_the_list(client, lists):
    client.force_login(lists.main_editor)
    response = client.post(add_url(lists.district), procedure_form())
    assert response.status_code in (302, 403, 404)
    assert not ProcedurePage.objects.filter(national_code="1.009994").exists()


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def test_a_procedure_shows_its_facts_and_its_link(client, lists):
    page = ProcedurePageFactory(
        parent=lists.main,
        title="Cấp Phiếu lý lịch tư pháp",
        slug="cap-phieu-ly-lich-tu-phap",
        national_code="2.000488",
        at_district=True,
        fees="200.000 đồng/lần\nSinh viên: 100.000 đồng/lần",
        required_papers=[("paper", {"name": "Tờ khai yêu cầu", "copies": "01 bản"})],
        national_portal_url="",
    )
    soup = soup_of(client.get("/vi/tin-tuc-su-kien/thu-tuc-hanh-chinh/cap-phieu-ly-lich-tu-phap/"))
    assert soup.h1.get_text(strip=True) == "Cấp Phiếu lý lịch tư pháp"
    facts = soup.select_one(".facts").get_text(" ", strip=True)
    assert "2.000488" in facts and "Cấp tỉnh, Cấp huyện" in facts and "Sinh viên" in facts
    assert "Dịch vụ công trực tuyến một phần" in facts
    link = soup.select_one(".service-link a")
    assert link["href"] == page.service_link and "ma_thu_tuc=2.000488" in link["href"]
    assert "01 bản" in soup.select_one(".papers").get_text()
    crumbs = [a.get_text() for a in soup.select(".breadcrumbs a")]
    assert crumbs == ["Trang chủ", "Tin tức - Sự kiện", "Thủ tục hành chính"]


@pytest.mark.parametrize(
    ("language", "title", "unit"),
    [
        ("en", "Issuing a judicial record certificate", "Department of Justice"),
        ("ru", "Выдача справки о судимости", "Департамент юстиции"),
    ],
)
def test_a_translated_procedure_shows_its_text_with_the_code_and_link_kept(client, lists, language, title, unit):
    page = ProcedurePageFactory(
        parent=lists.main, slug="cap-phieu", national_code="2.000488", competent_unit="Sở Tư pháp"
    )
    translation = translate(page, language, title=title, competent_unit=unit, summary=f"{title}.")
    assert translation.national_code == "2.000488" and translation.locale.language_code == language
    section_slug = "tin-tuc-su-kien"
    soup = soup_of(client.get(f"/{language}/{section_slug}/thu-tuc-hanh-chinh/cap-phieu/"))
    assert soup.html["lang"] == language
    assert soup.h1.get_text(strip=True) == title
    facts = soup.select_one(".facts").get_text(" ", strip=True)
    assert unit in facts and "2.000488" in facts
    assert soup.select_one(".service-link a")["href"] == page.service_link
    listing = soup_of(client.get(f"/{language}/{section_slug}/thu-tuc-hanh-chinh/"))
    assert title in listing.get_text()


def test_translation_keeps_synchronised_fields_when_the_source_changes(lists):
    page = ProcedurePageFactory(parent=lists.main, slug="dang-ky-ho-kinh-doanh", national_code="2.000720")
    english = translate(page, "en", title="Registering a household business")
    page.online_level = OnlineLevel.FULL
    page.save_revision().publish()
    from wagtail_localize.models import TranslationSource

    source, _created = TranslationSource.update_or_create_from_instance(page)
    # Strings not yet translated in wagtail-localize fall back to the source; the synchronised fields follow it.
    source.create_or_update_translation(Locale.objects.get(language_code="en"), publish=True, fallback=True)
    english.refresh_from_db()
    assert english.online_level == OnlineLevel.FULL
    assert english.national_code == "2.000720"


def test_a_procedure_under_another_url_suffix_is_not_found(client, lists):
    ProcedurePageFactory(parent=lists.main, slug="thu-tuc-a")
    assert client.get("/vi/tin-tuc-su-kien/thu-tuc-hanh-chinh/thu-tuc-a/khac/").status_code == 404


def test_editing_pages_render_in_the_admin(client, lists):
    page = ProcedurePageFactory(parent=lists.district, required_papers=[("paper", {"name": "Tờ khai", "copies": ""})])
    client.force_login(lists.district_editor)
    for url in (
        f"/admin/pages/{page.pk}/edit/",
        f"/admin/pages/{lists.district.pk}/edit/",
        f"/admin/pages/add/procedures/procedurepage/{lists.district.pk}/",
        f"/admin/pages/add/procedures/procedureindexpage/{lists.district.get_parent().pk}/",
    ):
        assert client.get(url).status_code == 200, url
