"""The checklist computed from content: a complete site passes, and each obligation fails alone when missed."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from editorial.obligations import rules, services
from editorial.obligations.enums import AppliesTo, Status
from editorial.obligations.models import Obligation
from subportals.enums import UnitKind
from tests.factories import make_unit

from .conftest import BREAKS, build_complete_site

pytestmark = pytest.mark.django_db


def statuses(checklist: services.Checklist) -> dict[str, str]:
    return {line.obligation.code: line.result.status for line in checklist.lines}


def test_every_seeded_obligation_has_a_way_to_be_missed():
    assert set(BREAKS) == set(Obligation.objects.values_list("code", flat=True))
    assert Obligation.objects.count() == 18
    assert all(item.legal_basis for item in Obligation.objects.all())


def test_complete_site_passes_every_obligation(complete_site):
    checklist = services.evaluate(complete_site.unit)
    assert statuses(checklist) == {code: Status.OK for code in BREAKS}, [
        (line.obligation.code, line.result.detail) for line in checklist.lines if line.result.status != Status.OK
    ]
    assert checklist.result_of("chuyen-muc-tin-tuc").last_updated == timezone.localdate()
    assert checklist.result_of("nguoi-lien-he").last_updated == timezone.localdate() - datetime.timedelta(days=10)


@pytest.mark.parametrize("code", sorted(BREAKS))
def test_missing_one_obligation_fails_exactly_that_one(complete_site, code):
    BREAKS[code](complete_site)
    checklist = services.evaluate(complete_site.unit)
    failing = [line.obligation.code for line in checklist.failing]
    assert failing == [code], {line.obligation.code: line.result.detail for line in checklist.failing}
    result = checklist.result_of(code)
    assert result.detail and result.next_step


def test_empty_site_fails_content_and_skips_what_it_does_not_have(db):
    unit = make_unit("trong", UnitKind.DISTRICT)
    found = statuses(services.evaluate(unit))
    assert found["chuyen-muc-tin-tuc"] == Status.FAILED
    assert found["nguoi-lien-he"] == Status.FAILED
    # Nothing to check yet: the category obligations already report the absence.
    assert found["van-ban-day-du"] == Status.NOT_APPLICABLE
    assert found["thu-tuc-lien-ket-dvc"] == Status.NOT_APPLICABLE
    assert found["ban-tieng-anh"] == Status.NOT_APPLICABLE


def test_english_version_missing_and_untranslated_contact(complete_site):
    complete_site.unit.contacts.filter(full_name="Trần Thị Bình").update(position_en="")
    result = services.evaluate(complete_site.unit).result_of("ban-tieng-anh")
    assert result.status == Status.FAILED
    assert "Trần Thị Bình" in result.detail
    complete_site.organisation_en.unpublish()
    result = services.evaluate(complete_site.unit).result_of("ban-tieng-anh")
    assert "chưa có bản tiếng anh" in result.detail.casefold()


def test_legal_document_missing_a_field_is_named(complete_site):
    from portal.legal.models import LegalDocumentPage

    LegalDocumentPage.objects.update(effective_date=None)
    result = services.evaluate(complete_site.unit).result_of("van-ban-day-du")
    assert result.status == Status.FAILED
    assert "ngày có hiệu lực" in result.detail


def test_letters_and_notices_need_no_effective_date(complete_site):
    from portal.legal.models import LegalDocumentPage

    LegalDocumentPage.objects.update(effective_date=None, document_type="cong_van")
    assert services.evaluate(complete_site.unit).result_of("van-ban-day-du").status == Status.OK


def test_category_max_age(complete_site):
    obligation = Obligation.objects.get(code="chuyen-muc-tin-tuc")
    obligation.parameters = {"category": "tin-tuc", "max_age_days": 5}
    obligation.save()
    later = timezone.localdate() + datetime.timedelta(days=6)
    result = services.evaluate(complete_site.unit, today=later).result_of("chuyen-muc-tin-tuc")
    assert result.status == Status.FAILED
    assert "5 ngày" in result.next_step
    assert services.evaluate(complete_site.unit).result_of("chuyen-muc-tin-tuc").status == Status.OK


def test_retired_obligations_are_not_evaluated(complete_site):
    today = timezone.localdate()
    Obligation.objects.filter(code="nguoi-lien-he").update(retired_on=today)
    Obligation.objects.filter(code="lien-ket-co-quan").update(retired_on=today + datetime.timedelta(days=1))
    BREAKS["nguoi-lien-he"](complete_site)
    codes = set(statuses(services.evaluate(complete_site.unit)))
    assert "nguoi-lien-he" not in codes
    assert "lien-ket-co-quan" in codes  # retired from tomorrow: still owed today
    assert "nguoi-lien-he" not in [item.code for item in services.matrix().obligations]


def test_applies_to_main_or_subportals(complete_site):
    Obligation.objects.filter(code="chuyen-muc-tin-tuc").update(applies_to=AppliesTo.MAIN)
    Obligation.objects.filter(code="nguoi-lien-he").update(applies_to=AppliesTo.SUBPORTALS)
    found = statuses(services.evaluate(complete_site.unit))
    assert found["chuyen-muc-tin-tuc"] == Status.NOT_APPLICABLE
    assert found["nguoi-lien-he"] == Status.OK


def test_new_obligation_is_data_not_code(complete_site):
    Obligation.objects.create(
        code="it-nhat-hai-thu-tuc-lien-ket",
        title_vi="Liên kết tới ít nhất 5 cơ quan",
        legal_basis="Điều 7 Nghị định số 42/2022/NĐ-CP",
        rule_type="government_links",
        parameters={"min_count": 5},
    )
    result = services.evaluate(complete_site.unit).result_of("it-nhat-hai-thu-tuc-lien-ket")
    assert result.status == Status.FAILED
    assert "3" in result.detail


def test_matrix_lists_every_active_site(complete_site):
    other = build_complete_site("sct")
    matrix = services.matrix()
    assert [checklist.unit for checklist in matrix.checklists] == sorted(
        [complete_site.unit, other.unit], key=lambda unit: unit.name_vi
    )
    assert all(len(checklist.lines) == len(matrix.obligations) for checklist in matrix.checklists)
    assert not matrix.failing_units


def test_broken_stored_parameters_are_reported_not_raised(complete_site):
    Obligation.objects.filter(code="chuyen-muc-tin-tuc").update(parameters={"category": "khong-co"})
    result = services.evaluate(complete_site.unit).result_of("chuyen-muc-tin-tuc")
    assert result.status == Status.NOT_APPLICABLE
    assert "cấu hình sai" in result.detail


# -- parameters --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule_type", "parameters", "message"),
    [
        ("category_content", {}, "Thiếu tham số bắt buộc «category»"),
        ("category_content", {"category": "khong-co"}, "không có chuyên mục mã khong-co"),
        ("category_content", {"category": "tin-tuc", "max_age_days": "30"}, "phải là số nguyên"),
        ("category_content", {"category": "tin-tuc", "max_age_days": 0}, "phải từ 1 đến 3650"),
        ("category_content", {"category": "tin-tuc", "bogus": 1}, "không có tham số bogus"),
        ("named_contacts", {"max_age_days": True}, "phải là số nguyên"),
        ("english_version", {"categories": "to-chuc-bo-may"}, "phải là một danh sách chuỗi"),
        ("english_version", {"categories": []}, "cần ít nhất một phần tử"),
        ("english_version", {"categories": ["tin-tuc"], "include_contacts": "yes"}, "true hoặc false"),
        ("procedures_linked", {"url_prefixes": ["javascript:alert(1)"]}, "không phải địa chỉ web đầy đủ"),
        ("legal_documents_complete", {"required_fields": ["password"]}, "trường không hợp lệ password"),
        ("legal_documents_complete", {"no_effective_date_types": ["thu"]}, "loại văn bản không hợp lệ thu"),
        ("government_links", [1, 2], "phải là một đối tượng JSON"),
        ("khong-co", {}, "không tồn tại"),
        ("government_links", {"min_count": 1, "x": "a" * 5000}, "quá dài"),
        ("organisation_page", {"categories": ["tin-tuc"] * 21}, "tối đa 20 phần tử"),
    ],
)
def test_invalid_parameters_are_refused_in_vietnamese(rule_type, parameters, message):
    with pytest.raises(ValidationError) as error:
        rules.clean_parameters(rule_type, parameters)
    assert any(message in text for text in error.value.messages), error.value.messages


def test_defaults_are_filled_in():
    assert rules.clean_parameters("named_contacts", {}) == {"min_count": 1, "max_age_days": 180}
    assert rules.clean_parameters("english_version", {"categories": ["to-chuc-bo-may"]})["include_contacts"] is True


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://dichvucong.gov.vn", True),
        ("https://dichvucong.gov.vn/p/home/x.html?ma=1", True),
        ("https://dichvucong.gov.vn.example.com/p", False),
        ("https://dichvucong.gov.vnx/", False),
        ("http://dichvucong.gov.vn/", False),
    ],
)
def test_url_prefix_matches_at_a_boundary(url, expected):
    assert rules._matches_prefix(url, "https://dichvucong.gov.vn") is expected
