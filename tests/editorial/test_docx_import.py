"""A .docx press release in legacy fonts becomes a draft article in Unicode, through the admin and a command."""

from __future__ import annotations

import io

import docx
import pytest
from django.core.management import CommandError, call_command
from docx.shared import Inches
from PIL import Image as PILImage

from editorial.tcvn6909 import encode
from portal.models import ArticlePage, Category
from subportals.enums import EditorialRole, UnitKind
from subportals.models import UnitGroup
from tests.factories import SectionPageFactory, UserFactory, home_of, make_unit

pytestmark = pytest.mark.django_db


def press_release() -> bytes:
    document = docx.Document()
    heading = document.add_heading(level=1)
    run = heading.add_run(encode("Khánh Hòa tổ chức Lễ hội Biển 2026", "tcvn3"))
    run.font.name = ".VnTime"
    summary = document.add_paragraph()
    summary_run = summary.add_run(encode("Lễ hội diễn ra từ ngày 5 đến 7 tháng 6 tại Nha Trang.", "vni"))
    summary_run.font.name = "VNI-Times"
    body = document.add_paragraph()
    body.add_run("Chương trình gồm ").font.name = "Times New Roman"
    bold = body.add_run("nhiều hoạt động")
    bold.bold = True
    document.add_paragraph("Diễu hành đường phố", style="List Bullet")
    document.add_paragraph("Đua thuyền truyền thống", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Ngày", "Hoạt động"
    table.cell(1, 0).text, table.cell(1, 1).text = "5/6", "Khai mạc"
    picture = io.BytesIO()
    PILImage.new("RGB", (40, 20), (0, 120, 200)).save(picture, format="PNG")
    picture.seek(0)
    document.add_picture(picture, width=Inches(1))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture
def newsroom(portal):
    unit = make_unit("syt", UnitKind.DEPARTMENT)
    section = SectionPageFactory(parent=home_of(unit), title="Tin y tế", slug="tin-y-te")
    editor = UserFactory(username="syt.bientap")
    editor.groups.add(UnitGroup.objects.get(unit=unit, role=EditorialRole.EDITOR).group)
    return unit, section, editor


def upload(name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def test_editor_imports_a_press_release_as_draft(client, newsroom):
    unit, section, editor = newsroom
    client.force_login(editor)
    assert f"/admin/editorial/import-docx/{section.pk}/" in client.get(f"/admin/pages/{section.pk}/").content.decode()
    category = Category.objects.get(code="tin-tuc")
    response = client.post(
        f"/admin/editorial/import-docx/{section.pk}/",
        {"file": upload("thong-cao.docx", press_release()), "category": category.pk},
    )
    assert response.status_code == 302
    article = ArticlePage.objects.child_of(section).get()
    assert response["Location"] == f"/admin/pages/{article.pk}/edit/"
    assert not article.live and article.owner == editor
    assert article.title == "Khánh Hòa tổ chức Lễ hội Biển 2026"
    assert article.summary == "Lễ hội diễn ra từ ngày 5 đến 7 tháng 6 tại Nha Trang."
    kinds = [block.block_type for block in article.body]
    assert kinds == ["paragraph", "paragraph", "table", "image"]
    assert "<strong>nhiều hoạt động</strong>" in article.body[0].value.source
    assert article.body[1].value.source == "<ul><li>Diễu hành đường phố</li><li>Đua thuyền truyền thống</li></ul>"
    assert article.body[2].value["table"]["data"] == [["Ngày", "Hoạt động"], ["5/6", "Khai mạc"]]
    assert article.body[3].value["image"].collection == unit.collection


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "Chỉ nhận tệp Word dạng .docx"),
        ("gia-mao.docx", b"MZ\x90\x00 not a zip", "không phải văn bản .docx"),
        ("rong.docx", b"", "rỗng"),
        ("qua-lon.docx", b"0" * (21 * 1024 * 1024), "Tệp quá lớn"),
    ],
)
def test_bad_files_are_refused_with_a_clear_message(client, newsroom, name, data, message):
    _unit, section, editor = newsroom
    client.force_login(editor)
    response = client.post(
        f"/admin/editorial/import-docx/{section.pk}/",
        {"file": upload(name, data), "category": Category.objects.get(code="tin-tuc").pk},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ArticlePage.objects.filter(path__startswith=section.path).exclude(pk=section.pk).exists()


def test_other_units_cannot_import_into_a_section(client, newsroom, portal):
    _unit, section, _editor = newsroom
    outsider = UserFactory(username="khanhhoa.bientap")
    outsider.groups.add(UnitGroup.objects.get(unit=portal.unit, role=EditorialRole.EDITOR).group)
    client.force_login(outsider)
    response = client.post(
        f"/admin/editorial/import-docx/{section.pk}/",
        {"file": upload("thong-cao.docx", press_release()), "category": Category.objects.get(code="tin-tuc").pk},
    )
    assert response.status_code in (302, 403)
    assert not ArticlePage.objects.filter(path__startswith=section.path).exists()


def test_command_imports_a_press_release(newsroom, tmp_path):
    _unit, section, editor = newsroom
    path = tmp_path / "thong-cao.docx"
    path.write_bytes(press_release())
    out = io.StringIO()
    call_command("import_docx", str(path), section=section.pk, category="tin-tuc", user=editor.username, stdout=out)
    assert "Đã tạo bản nháp «Khánh Hòa tổ chức Lễ hội Biển 2026»" in out.getvalue()


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ({"file": "khong-co.docx"}, "Không tìm thấy tệp"),
        ({"section": 999999}, "Không có chuyên trang"),
        ({"category": "khong-co"}, "Không có chuyên mục"),
        ({"user": "ai-do"}, "Không có người dùng"),
    ],
)
def test_command_refuses_bad_arguments(newsroom, tmp_path, setup, message):
    _unit, section, editor = newsroom
    path = tmp_path / "thong-cao.docx"
    path.write_bytes(press_release())
    options = {"section": section.pk, "category": "tin-tuc", "user": editor.username}
    target = str(tmp_path / setup.pop("file")) if "file" in setup else str(path)
    options.update(setup)
    with pytest.raises(CommandError, match=message):
        call_command("import_docx", target, **options, stdout=io.StringIO())
