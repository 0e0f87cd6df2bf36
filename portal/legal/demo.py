"""Demo legal documents: a register in the main portal and one in the Department of Health's sub-portal.

Central documents are real (their numbers, dates and subjects); the provincial ones are invented
but follow the province's numbering. Each document gets a PDF laid out per Nghị định 30/2020
(``editorial.documents``), so the download links work. Run twice, it changes nothing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify
from wagtail.documents import get_document_model

from editorial.documents import AdministrativeDocument, Signature, render_pdf
from portal.demo import sites
from portal.translation import ensure_translation

from .choices import DocumentStatus, DocumentType
from .models import IssuingBody, LegalDocumentAttachment, LegalDocumentIndexPage, LegalDocumentLink, LegalDocumentPage

SECTION = "van-ban-chinh-sach"
INDEX_SLUG = "van-ban-phap-luat"
INDEX_TITLES = {"vi": "Văn bản pháp luật", "en": "Legal documents", "ru": "Правовые документы"}
INDEX_INTRO = {
    "vi": "<p>Văn bản quy phạm pháp luật và văn bản chỉ đạo, điều hành; tra cứu theo loại, cơ quan ban hành, "
    "năm, tình trạng hiệu lực hoặc số, ký hiệu.</p>",
    "en": "<p>Legal documents and administrative documents; search by type, issuing body, year, validity "
    "or number.</p>",
    "ru": "<p>Правовые и административные документы; поиск по типу, органу, году, статусу или номеру.</p>",
}
DEPARTMENT = "syt"


@dataclass
class Doc:
    key: str
    unit: str
    document_type: str
    body: str
    number: str
    issue: datetime.date
    title: str
    summary: str
    effective: datetime.date | None = None
    expiry: datetime.date | None = None
    status: str = DocumentStatus.IN_FORCE
    replaced_by: str = ""
    related: tuple[str, ...] = ()
    signer: str = ""
    position: str = ""
    place: str = "Khánh Hòa"
    translations: dict[str, dict[str, str]] = field(default_factory=dict)


def _specs(today: datetime.date) -> list[Doc]:
    """The documents, a replacing one always before the one it replaces."""
    d = datetime.date
    soon = today - datetime.timedelta(days=5)
    main = sites.MAIN_CODE
    return [
        Doc(
            "nd-42-2022",
            main,
            DocumentType.NGHI_DINH,
            "chinh-phu",
            "42/2022/NĐ-CP",
            d(2022, 6, 24),
            "Nghị định quy định về việc cung cấp thông tin và dịch vụ công trực tuyến của cơ quan nhà nước "
            "trên môi trường mạng",
            "Quy định về việc cung cấp thông tin và dịch vụ công trực tuyến của cơ quan nhà nước trên môi trường "
            "mạng; thay thế Nghị định số 43/2011/NĐ-CP.",
            effective=d(2022, 8, 15),
            place="Hà Nội",
            translations={
                "en": {
                    "title": "Decree on the provision of information and online public services by state agencies",
                    "summary": "Rules on the information and online public services that state agencies provide on "
                    "the Internet; replaces Decree 43/2011/ND-CP.",
                }
            },
        ),
        Doc(
            "nd-30-2020",
            main,
            DocumentType.NGHI_DINH,
            "chinh-phu",
            "30/2020/NĐ-CP",
            d(2020, 3, 5),
            "Nghị định về công tác văn thư",
            "Quy định về công tác văn thư và quản lý nhà nước về công tác văn thư: thể thức, kỹ thuật trình bày, "
            "soạn thảo, ký ban hành, quản lý văn bản.",
            effective=d(2020, 3, 5),
            place="Hà Nội",
        ),
        Doc(
            "nd-73-2024",
            main,
            DocumentType.NGHI_DINH,
            "chinh-phu",
            "73/2024/NĐ-CP",
            d(2024, 6, 30),
            "Nghị định quy định mức lương cơ sở và chế độ tiền thưởng đối với cán bộ, công chức, viên chức và "
            "lực lượng vũ trang",
            "Quy định mức lương cơ sở 2.340.000 đồng/tháng từ ngày 01/7/2024 và chế độ tiền thưởng đối với cán bộ, "
            "công chức, viên chức và lực lượng vũ trang.",
            effective=d(2024, 7, 1),
            place="Hà Nội",
        ),
        Doc(
            "nd-18-2014",
            main,
            DocumentType.NGHI_DINH,
            "chinh-phu",
            "18/2014/NĐ-CP",
            d(2014, 3, 14),
            "Nghị định quy định về chế độ nhuận bút trong lĩnh vực báo chí, xuất bản",
            "Quy định về chế độ nhuận bút, thù lao đối với tác giả, chủ sở hữu tác phẩm báo chí, xuất bản, trong đó "
            "có thông tin điện tử.",
            effective=d(2014, 6, 1),
            place="Hà Nội",
        ),
        Doc(
            "luat-59-2020",
            main,
            DocumentType.LUAT,
            "quoc-hoi",
            "59/2020/QH14",
            d(2020, 6, 17),
            "Luật Doanh nghiệp",
            "Quy định về việc thành lập, tổ chức quản lý, tổ chức lại, giải thể và hoạt động có liên quan của "
            "doanh nghiệp.",
            effective=d(2021, 1, 1),
            signer="Nguyễn Thị Kim Ngân",
            position="Chủ tịch Quốc hội",
            place="Hà Nội",
        ),
        Doc(
            "qd-318-ttg-2023",
            main,
            DocumentType.QUYET_DINH,
            "thu-tuong-chinh-phu",
            "318/QĐ-TTg",
            d(2023, 3, 29),
            "Quyết định phê duyệt Quy hoạch tỉnh Khánh Hòa thời kỳ 2021 – 2030, tầm nhìn đến năm 2050",
            "Phê duyệt Quy hoạch tỉnh Khánh Hòa thời kỳ 2021 – 2030, tầm nhìn đến năm 2050.",
            effective=d(2023, 3, 29),
            place="Hà Nội",
        ),
        Doc(
            "qd-18-2026-ubnd",
            main,
            DocumentType.QUYET_DINH,
            "ubnd-tinh-khanh-hoa",
            "18/2026/QĐ-UBND",
            d(2026, 3, 10),
            "Quyết định ban hành Quy chế quản lý và vận hành Cổng thông tin điện tử tỉnh Khánh Hòa",
            "Ban hành Quy chế quản lý và vận hành Cổng thông tin điện tử tỉnh Khánh Hòa và các cổng thành phần; "
            "thay thế Quyết định số 26/2024/QĐ-UBND.",
            effective=d(2026, 3, 20),
            related=("nd-42-2022", "nd-30-2020"),
            signer="Nguyễn Văn Thành",
            position="Phó Chủ tịch Ủy ban nhân dân tỉnh",
            translations={
                "en": {
                    "title": "Decision issuing the Rules on managing and operating the Khánh Hòa Provincial Portal",
                    "summary": "Rules on managing and operating the provincial portal and its sub-portals; "
                    "replaces Decision 26/2024/QD-UBND.",
                    "signer_position": "Vice Chairman of the Provincial People's Committee",
                },
                "ru": {
                    "title": "Решение об утверждении Положения об управлении порталом провинции Кханьхоа",
                    "summary": "Положение об управлении и работе портала провинции и его подпорталов; "
                    "заменяет Решение 26/2024/QD-UBND.",
                    "signer_position": "Заместитель председателя Народного комитета провинции",
                },
            },
        ),
        Doc(
            "qd-26-2024-ubnd",
            main,
            DocumentType.QUYET_DINH,
            "ubnd-tinh-khanh-hoa",
            "26/2024/QĐ-UBND",
            d(2024, 5, 15),
            "Quyết định ban hành Quy chế quản lý và vận hành Cổng thông tin điện tử tỉnh Khánh Hòa (năm 2024)",
            "Ban hành Quy chế quản lý và vận hành Cổng thông tin điện tử tỉnh Khánh Hòa.",
            effective=d(2024, 5, 25),
            status=DocumentStatus.WHOLLY_REPLACED,
            replaced_by="qd-18-2026-ubnd",
            signer="Nguyễn Văn Thành",
            position="Phó Chủ tịch Ủy ban nhân dân tỉnh",
        ),
        Doc(
            "nq-08-2025-hdnd",
            main,
            DocumentType.NGHI_QUYET,
            "hdnd-tinh-khanh-hoa",
            "08/2025/NQ-HĐND",
            d(2025, 6, 12),
            "Nghị quyết sửa đổi, bổ sung một số điều của Nghị quyết số 15/2024/NQ-HĐND về phí, lệ phí",
            "Sửa đổi, bổ sung mức thu phí thẩm định hồ sơ và lệ phí cấp giấy phép xây dựng quy định tại Nghị quyết "
            "số 15/2024/NQ-HĐND.",
            effective=d(2025, 6, 22),
            signer="Lê Thị Thu Hà",
            position="Chủ tịch Hội đồng nhân dân tỉnh",
            translations={
                "en": {
                    "title": "Resolution amending Resolution 15/2024/NQ-HDND on fees and charges",
                    "summary": "Amends the fees for appraising files and the charge for building permits set by "
                    "Resolution 15/2024/NQ-HDND.",
                    "signer_position": "Chairwoman of the Provincial People's Council",
                }
            },
        ),
        Doc(
            "nq-15-2024-hdnd",
            main,
            DocumentType.NGHI_QUYET,
            "hdnd-tinh-khanh-hoa",
            "15/2024/NQ-HĐND",
            d(2024, 7, 10),
            "Nghị quyết quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí, lệ phí trên địa bàn tỉnh",
            "Quy định mức thu, chế độ thu, nộp, quản lý và sử dụng các loại phí, lệ phí thuộc thẩm quyền của Hội "
            "đồng nhân dân tỉnh Khánh Hòa.",
            effective=d(2024, 7, 20),
            status=DocumentStatus.PARTLY_REPLACED,
            replaced_by="nq-08-2025-hdnd",
            signer="Lê Thị Thu Hà",
            position="Chủ tịch Hội đồng nhân dân tỉnh",
        ),
        Doc(
            "qd-12-2024-ubnd",
            main,
            DocumentType.QUYET_DINH,
            "ubnd-tinh-khanh-hoa",
            "12/2024/QĐ-UBND",
            d(2024, 3, 8),
            "Quyết định ban hành Quy định quản lý, vận hành hệ thống thư điện tử công vụ tỉnh Khánh Hòa",
            "Quy định quản lý, vận hành và sử dụng hệ thống thư điện tử công vụ của tỉnh Khánh Hòa.",
            effective=d(2024, 3, 18),
            expiry=d(2025, 12, 31),
            status=DocumentStatus.EXPIRED,
            signer="Trần Quốc Bảo",
            position="Phó Chủ tịch Ủy ban nhân dân tỉnh",
        ),
        Doc(
            "ct-05-2025-ubnd",
            main,
            DocumentType.CHI_THI,
            "ubnd-tinh-khanh-hoa",
            "05/CT-UBND",
            d(2025, 2, 20),
            "Chỉ thị về tăng cường bảo đảm an toàn thông tin mạng trong cơ quan nhà nước",
            "Tăng cường công tác bảo đảm an toàn thông tin mạng trong các cơ quan, đơn vị nhà nước trên địa bàn "
            "tỉnh Khánh Hòa.",
            effective=d(2025, 2, 20),
            signer="Lê Hoàng Minh",
            position="Chủ tịch Ủy ban nhân dân tỉnh",
            translations={
                "en": {
                    "title": "Directive on strengthening network information security in state agencies",
                    "summary": "Strengthens network information security in the state agencies of Khánh Hòa.",
                    "signer_position": "Chairman of the Provincial People's Committee",
                },
                "ru": {
                    "title": "Директива об усилении информационной безопасности в государственных органах",
                    "summary": "Об усилении сетевой информационной безопасности в государственных органах "
                    "провинции Кханьхоа.",
                    "signer_position": "Председатель Народного комитета провинции",
                },
            },
        ),
        Doc(
            "kh-125-2025-ubnd",
            main,
            DocumentType.KE_HOACH,
            "ubnd-tinh-khanh-hoa",
            "125/KH-UBND",
            d(2025, 4, 15),
            "Kế hoạch chuyển đổi số tỉnh Khánh Hòa năm 2025",
            "Triển khai chuyển đổi số, phát triển chính quyền số, kinh tế số và xã hội số tỉnh Khánh Hòa năm 2025.",
            effective=d(2025, 4, 15),
            related=("ct-05-2025-ubnd",),
            signer="Trần Quốc Bảo",
            position="Phó Chủ tịch Ủy ban nhân dân tỉnh",
        ),
        Doc(
            "cv-3456-2025-ubnd",
            main,
            DocumentType.CONG_VAN,
            "ubnd-tinh-khanh-hoa",
            "3456/UBND-KGVX",
            d(2025, 9, 5),
            "Công văn về việc triển khai Nghị định số 42/2022/NĐ-CP",
            "Đề nghị các sở, ban, ngành và Ủy ban nhân dân cấp xã rà soát, cập nhật thông tin trên cổng thành phần "
            "theo Nghị định số 42/2022/NĐ-CP.",
            related=("nd-42-2022",),
            signer="Trần Quốc Bảo",
            position="Phó Chủ tịch Ủy ban nhân dân tỉnh",
        ),
        Doc(
            "tb-45-2026-ubnd",
            main,
            DocumentType.THONG_BAO,
            "ubnd-tinh-khanh-hoa",
            "45/TB-UBND",
            d(2026, 1, 12),
            "Thông báo kết luận cuộc họp về tiến độ các dự án giao thông trọng điểm",
            "Kết luận của Chủ tịch Ủy ban nhân dân tỉnh tại cuộc họp về tiến độ các dự án giao thông trọng điểm "
            "trên địa bàn tỉnh.",
            signer="Phạm Thị Lan",
            position="Chánh Văn phòng Ủy ban nhân dân tỉnh",
        ),
        Doc(
            "qd-35-ubnd-moi",
            main,
            DocumentType.QUYET_DINH,
            "ubnd-tinh-khanh-hoa",
            f"35/{soon.year}/QĐ-UBND",
            soon,
            "Quyết định ban hành Quy định về quản lý, khai thác dữ liệu dùng chung của tỉnh Khánh Hòa",
            "Quy định về quản lý, chia sẻ, khai thác và sử dụng dữ liệu dùng chung của các cơ quan nhà nước tỉnh "
            "Khánh Hòa.",
            effective=today + datetime.timedelta(days=10),
            status=DocumentStatus.NOT_YET_IN_FORCE,
            signer="Lê Hoàng Minh",
            position="Chủ tịch Ủy ban nhân dân tỉnh",
        ),
        # The Department of Health's sub-portal.
        Doc(
            "qd-215-2025-syt",
            DEPARTMENT,
            DocumentType.QUYET_DINH,
            "so-y-te-khanh-hoa",
            "215/QĐ-SYT",
            d(2025, 3, 12),
            "Quyết định ban hành Kế hoạch tiêm chủng mở rộng năm 2025",
            "Ban hành Kế hoạch tiêm chủng mở rộng năm 2025 trên địa bàn tỉnh Khánh Hòa.",
            effective=d(2025, 3, 12),
            signer="Võ Minh Tâm",
            position="Giám đốc Sở Y tế",
            translations={
                "en": {
                    "title": "Decision issuing the 2025 Expanded Immunisation Plan",
                    "summary": "Issues the 2025 Expanded Immunisation Plan for Khánh Hòa Province.",
                    "signer_position": "Director of the Department of Health",
                },
                "ru": {
                    "title": "Решение об утверждении плана расширенной иммунизации на 2025 год",
                    "summary": "Утверждает план расширенной иммунизации на 2025 год в провинции Кханьхоа.",
                    "signer_position": "Директор Департамента здравоохранения",
                },
            },
        ),
        Doc(
            "kh-1520-2025-syt",
            DEPARTMENT,
            DocumentType.KE_HOACH,
            "so-y-te-khanh-hoa",
            "1520/KH-SYT",
            d(2025, 6, 2),
            "Kế hoạch phòng, chống sốt xuất huyết năm 2025",
            "Phòng, chống bệnh sốt xuất huyết trên địa bàn tỉnh Khánh Hòa năm 2025.",
            effective=d(2025, 6, 2),
            related=("qd-215-2025-syt",),
            signer="Đặng Thị Hoa",
            position="Phó Giám đốc Sở Y tế",
        ),
        Doc(
            "cv-2345-2025-syt",
            DEPARTMENT,
            DocumentType.CONG_VAN,
            "so-y-te-khanh-hoa",
            "2345/SYT-NVY",
            d(2025, 8, 19),
            "Công văn về việc tăng cường phòng, chống bệnh tay chân miệng",
            "Đề nghị các cơ sở y tế tăng cường giám sát, phát hiện sớm và điều trị bệnh tay chân miệng.",
            signer="Đặng Thị Hoa",
            position="Phó Giám đốc Sở Y tế",
        ),
        Doc(
            "hd-03-2026-syt",
            DEPARTMENT,
            DocumentType.HUONG_DAN,
            "so-y-te-khanh-hoa",
            "03/HD-SYT",
            d(2026, 2, 10),
            "Hướng dẫn khám sức khỏe định kỳ cho người lao động",
            "Hướng dẫn các cơ sở khám bệnh, chữa bệnh thực hiện khám sức khỏe định kỳ cho người lao động.",
            effective=d(2026, 2, 10),
            signer="Võ Minh Tâm",
            position="Giám đốc Sở Y tế",
        ),
        Doc(
            "tb-88-2026-syt",
            DEPARTMENT,
            DocumentType.THONG_BAO,
            "so-y-te-khanh-hoa",
            "88/TB-SYT",
            d(2026, 9, 15),
            "Thông báo lịch tiếp công dân quý IV năm 2026",
            "Lịch tiếp công dân định kỳ của Giám đốc Sở Y tế trong quý IV năm 2026.",
            signer="Võ Minh Tâm",
            position="Giám đốc Sở Y tế",
        ),
    ]


def seed(seeder: Any) -> None:
    """Create (or find) the registers and documents, with translations and files."""
    today = timezone.localdate(seeder.now)
    indexes = {code: _index(seeder, code) for code in (sites.MAIN_CODE, DEPARTMENT) if code in seeder.homes}
    bodies = {body.code: body for body in IssuingBody.objects.all()}
    made: dict[str, LegalDocumentPage] = {}
    for spec in _specs(today):
        if spec.unit not in indexes or spec.issue > today or spec.body not in bodies:
            continue
        made[spec.key] = _document(seeder, spec, indexes[spec.unit], bodies[spec.body], made)


def _index(seeder: Any, unit_code: str) -> LegalDocumentIndexPage:
    section = seeder.sections.get((unit_code, SECTION)) or seeder.homes[unit_code]
    index = LegalDocumentIndexPage.objects.child_of(section).filter(slug=INDEX_SLUG).first()
    if index is None:
        index = LegalDocumentIndexPage(title=INDEX_TITLES["vi"], slug=INDEX_SLUG, intro=INDEX_INTRO["vi"])
        section.add_child(instance=index)
        index.save_revision().publish()
    for code in ("en", "ru"):
        ensure_translation(index, seeder.locales[code], title=INDEX_TITLES[code], intro=INDEX_INTRO[code])
    return index


def _document(
    seeder: Any, spec: Doc, index: LegalDocumentIndexPage, body: IssuingBody, made: dict[str, LegalDocumentPage]
) -> LegalDocumentPage:
    slug = slugify(spec.key)
    page = LegalDocumentPage.objects.child_of(index).filter(slug=slug).first()
    if page is None:
        replacing = made.get(spec.replaced_by)
        published = timezone.make_aware(datetime.datetime.combine(spec.issue, datetime.time(9, 30)))
        page = LegalDocumentPage(
            title=spec.title,
            slug=slug,
            summary=spec.summary,
            number_symbol=spec.number,
            document_type=spec.document_type,
            issuing_body=body,
            signer=spec.signer,
            signer_position=spec.position,
            issue_date=spec.issue,
            effective_date=spec.effective,
            expiry_date=spec.expiry,
            status=spec.status if replacing is not None or not spec.replaced_by else DocumentStatus.IN_FORCE,
            replaced_by=replacing,
            publication_date=min(published, seeder.now),
        )
        index.add_child(instance=page)
        LegalDocumentAttachment.objects.create(
            page=page, document=_pdf(spec, body, index), label="Toàn văn", sort_order=0
        )
        for order, key in enumerate(spec.related):
            if key in made:
                LegalDocumentLink.objects.create(page=page, target=made[key], sort_order=order)
        page = LegalDocumentPage.objects.get(pk=page.pk)
        page.save_revision().publish()
        seeder._backdate(page, page.publication_date)
    for code, fields in spec.translations.items():
        translation = ensure_translation(page, seeder.locales[code], **fields)
        seeder._backdate(translation, page.publication_date)
    return page


def _pdf(spec: Doc, body: IssuingBody, index: LegalDocumentIndexPage) -> Any:
    """The document's full text as a small PDF in the unit's collection (found again on a second run)."""
    from subportals.permissions import unit_of_page

    Document = get_document_model()
    unit = unit_of_page(index)
    collection = unit.collection if unit is not None else None
    title = f"{DocumentType(spec.document_type).label} {spec.number}"
    existing = Document.objects.filter(title=title, collection=collection).first()
    if existing is not None:
        return existing
    kind = str(DocumentType(spec.document_type).label).upper()
    data = render_pdf(
        AdministrativeDocument(
            issuer_parent=""
            if body.kind == "central" or body.code.startswith(("ubnd", "hdnd"))
            else "UBND TỈNH KHÁNH HÒA",
            issuer=body.name_vi,
            number=f"Số: {spec.number}",
            place=spec.place,
            date=spec.issue,
            kind=kind,
            title=spec.summary.rstrip("."),
            body=[
                spec.summary,
                "Văn bản mẫu của bản trình diễn Cổng thông tin điện tử tỉnh Khánh Hòa; nội dung chỉ để minh họa.",
            ],
            signatures=[Signature(title=spec.position or body.name_vi, name=spec.signer, note="")],
        )
    )
    document = Document(title=title, collection=collection)
    document.file = ContentFile(data, name=f"{slugify(spec.key)}.pdf")
    document._set_document_file_metadata()
    document.save()
    return document
