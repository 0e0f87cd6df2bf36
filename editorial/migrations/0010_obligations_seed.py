"""The default content obligations of every site, each with its legal basis.

P-Art. 8: the twelve categories of the portal regulation (Quy chế quản lý và vận hành Cổng thông tin
điện tử tỉnh). NĐ 42/2022/NĐ-CP Art. 4: legal documents with their fields and a file, procedures linked
to the National Public Service Portal, organisation chart with named contacts. Art. 7: links to related
agencies; English at least for the organisation, functions and contacts, updated promptly.
The management unit changes or retires them in the admin; this migration only seeds them once.
"""

from django.db import migrations

REGULATION = "Quy chế quản lý và vận hành Cổng thông tin điện tử tỉnh"
DECREE = "Nghị định số 42/2022/NĐ-CP"
ORGANISATION = {
    "categories": ["to-chuc-bo-may", "gioi-thieu"],
    "title_keywords": ["cơ cấu tổ chức", "sơ đồ tổ chức", "chức năng"],
}

# (code, sort order, vi, en, ru, legal basis, rule type, parameters)
OBLIGATIONS = [
    (
        "co-cau-to-chuc",
        200,
        "Cơ cấu tổ chức, chức năng, nhiệm vụ được đăng và cập nhật",
        "Organisation chart, functions and tasks published and current",
        "Структура, функции и задачи опубликованы и актуальны",
        f"Điều 4 {DECREE}; khoản 1, khoản 3 Điều 8 {REGULATION}",
        "organisation_page",
        {**ORGANISATION, "max_age_days": 365},
    ),
    (
        "nguoi-lien-he",
        210,
        "Có người liên hệ có tên, được xác nhận trong 180 ngày",
        "Named contacts, confirmed within 180 days",
        "Контактные лица указаны и подтверждены за 180 дней",
        f"Điều 4 {DECREE}; khoản 7 Điều 8 {REGULATION}",
        "named_contacts",
        {"min_count": 1, "max_age_days": 180},
    ),
    (
        "ban-tieng-anh",
        220,
        "Cơ cấu tổ chức, chức năng, người liên hệ có bản tiếng Anh không cũ hơn bản tiếng Việt",
        "English version of organisation, functions and contacts, not older than the Vietnamese",
        "Английская версия структуры, функций и контактов не старее вьетнамской",
        f"Điều 7 {DECREE}",
        "english_version",
        {**ORGANISATION, "grace_days": 0, "include_contacts": True},
    ),
    (
        "van-ban-day-du",
        230,
        "Văn bản pháp luật đủ hình thức, cơ quan ban hành, số, ngày, trích yếu và có tệp",
        "Legal documents with all required fields and a file",
        "Правовые документы со всеми реквизитами и файлом",
        f"Điều 4 {DECREE}; khoản 4 Điều 8 {REGULATION}",
        "legal_documents_complete",
        {
            "required_fields": [
                "number_symbol",
                "document_type",
                "issuing_body",
                "issue_date",
                "effective_date",
                "summary",
            ],
            "require_file": True,
            "no_effective_date_types": ["cong_van", "thong_bao", "ke_hoach", "huong_dan"],
        },
    ),
    (
        "thu-tuc-lien-ket-dvc",
        240,
        "Thủ tục hành chính dẫn tới Cổng Dịch vụ công",
        "Administrative procedures linked to the public service portal",
        "Административные процедуры связаны с порталом госуслуг",
        f"Điều 4 {DECREE}; khoản 5 Điều 8 và Điều 9 {REGULATION}",
        "procedures_linked",
        {"url_prefixes": ["https://dichvucong.gov.vn", "https://dichvucong.khanhhoa.gov.vn"]},
    ),
    (
        "lien-ket-co-quan",
        250,
        "Có liên kết tới cổng thông tin của các cơ quan liên quan",
        "Links to related agencies",
        "Ссылки на сайты связанных органов",
        f"Điều 7 {DECREE}; khoản 11 Điều 8 {REGULATION}",
        "government_links",
        {"min_count": 3},
    ),
]


def seed(apps, schema_editor):
    Obligation = apps.get_model("editorial", "Obligation")
    Category = apps.get_model("portal", "Category")
    for category in Category.objects.order_by("number"):
        Obligation.objects.get_or_create(
            code=f"chuyen-muc-{category.code}",
            defaults={
                "sort_order": 100 + category.number,
                "title_vi": f"Có thông tin trong chuyên mục «{category.name_vi}»",
                "title_en": f"Content in the category “{category.name_en}”" if category.name_en else "",
                "title_ru": f"Материалы в рубрике «{category.name_ru}»" if category.name_ru else "",
                "legal_basis": f"Khoản {category.number} Điều 8 {REGULATION}",
                "rule_type": "category_content",
                "parameters": {"category": category.code},
            },
        )
    for code, order, vi, en, ru, basis, rule_type, parameters in OBLIGATIONS:
        Obligation.objects.get_or_create(
            code=code,
            defaults={
                "sort_order": order,
                "title_vi": vi,
                "title_en": en,
                "title_ru": ru,
                "legal_basis": basis,
                "rule_type": rule_type,
                "parameters": parameters,
            },
        )


def unseed(apps, schema_editor):
    codes = [code for code, *_rest in OBLIGATIONS]
    Obligation = apps.get_model("editorial", "Obligation")
    Obligation.objects.filter(code__in=codes).delete()
    Obligation.objects.filter(code__startswith="chuyen-muc-", rule_type="category_content").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0009_obligations"),
        ("portal", "0002_locales_and_categories"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
