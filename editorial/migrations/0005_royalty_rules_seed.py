import datetime
from decimal import Decimal

from django.db import migrations

DECREE = "Nghị định 18/2014/NĐ-CP về chế độ nhuận bút, thù lao (thông tin điện tử)"
BASE_SALARIES = [
    (1_490_000, datetime.date(2019, 7, 1), "Nghị định 38/2019/NĐ-CP"),
    (1_800_000, datetime.date(2023, 7, 1), "Nghị định 24/2023/NĐ-CP"),
    (2_340_000, datetime.date(2024, 7, 1), "Nghị định 73/2024/NĐ-CP"),
]
# (code, name, kind, maximum coefficient): the decree sets maxima and no minimum; a province may
# set its own frames under them (Khánh Hòa's decision to be entered by the management unit).
GENRES = [
    ("tin", "Tin", "royalty", 10),
    ("tra-loi-ban-doc", "Trả lời bạn đọc", "royalty", 10),
    ("anh", "Ảnh", "royalty", 10),
    ("tranh-minh-hoa", "Tranh, minh họa", "royalty", 10),
    ("dich", "Dịch (bản tiếng nước ngoài)", "royalty", 10),
    ("binh-luan", "Bình luận, chuyên luận", "royalty", 30),
    ("phong-su", "Phóng sự, ký sự", "royalty", 30),
    ("loat-bai", "Loạt bài", "royalty", 30),
    ("phong-van", "Phỏng vấn", "royalty", 30),
    ("nghien-cuu", "Nghiên cứu, khảo cứu", "royalty", 30),
    ("phong-su-anh", "Phóng sự ảnh", "royalty", 30),
    ("video", "Video, đa phương tiện", "royalty", 50),
    ("cung-cap-thong-tin", "Cung cấp thông tin (thù lao)", "remuneration", 10),
]


def seed(apps, schema_editor):
    BaseSalary = apps.get_model("editorial", "BaseSalary")
    CoefficientUnit = apps.get_model("editorial", "CoefficientUnit")
    Genre = apps.get_model("editorial", "Genre")
    for amount, day, basis in BASE_SALARIES:
        BaseSalary.objects.get_or_create(effective_from=day, defaults={"amount": amount, "legal_basis": basis})
    CoefficientUnit.objects.get_or_create(
        effective_from=datetime.date(2014, 6, 1),
        defaults={"percent_of_base_salary": Decimal("10"), "legal_basis": DECREE},
    )
    for code, name, kind, maximum in GENRES:
        Genre.objects.get_or_create(
            code=code,
            effective_from=datetime.date(2014, 6, 1),
            defaults={
                "name": name,
                "kind": kind,
                "coefficient_min": Decimal("0.1"),
                "coefficient_max": Decimal(maximum),
                "legal_basis": DECREE,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("editorial", "0004_royalty_rules")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
