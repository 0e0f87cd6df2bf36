import datetime
from decimal import Decimal

from django.db import migrations

BASIS = (
    "Nghị định 18/2014/NĐ-CP (tác phẩm có giá trị cao được hưởng thêm nhuận bút); "
    "mức cụ thể theo quy chế chi tiêu nội bộ của đơn vị — Ban Quản lý cổng sửa khi có quy định mới"
)
BONUSES = [
    ("doc-quyen", "Tin, bài độc quyền", Decimal("20")),
    ("chat-luong-cao", "Tác phẩm chất lượng cao", Decimal("30")),
]


def seed(apps, schema_editor):
    BonusRule = apps.get_model("editorial", "BonusRule")
    for code, name, percent in BONUSES:
        BonusRule.objects.get_or_create(
            code=code,
            effective_from=datetime.date(2014, 6, 1),
            defaults={"name": name, "percent": percent, "legal_basis": BASIS},
        )


class Migration(migrations.Migration):
    dependencies = [("editorial", "0006_royalty_ledger")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
