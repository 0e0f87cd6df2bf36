import datetime

from django.db import migrations

# What the government announced for 2026 beyond the Labour Code's holidays: the National Day
# holiday joined to the weekend (Monday 31/8 off, worked on Saturday 22/8).
ANNOUNCED_2026 = [
    (
        datetime.date(2026, 8, 22),
        True,
        "Làm bù cho ngày nghỉ 31/8/2026 (dịp Quốc khánh 2/9)",
        "Thông báo của Bộ Nội vụ về lịch nghỉ lễ Quốc khánh năm 2026 đối với cán bộ, công chức, viên chức",
    ),
    (
        datetime.date(2026, 8, 31),
        False,
        "Nghỉ hoán đổi dịp Quốc khánh 2/9 (làm bù thứ Bảy 22/8/2026)",
        "Thông báo của Bộ Nội vụ về lịch nghỉ lễ Quốc khánh năm 2026 đối với cán bộ, công chức, viên chức",
    ),
]


def seed(apps, schema_editor):
    CalendarDay = apps.get_model("editorial", "CalendarDay")
    for date, is_working_day, name, basis in ANNOUNCED_2026:
        CalendarDay.objects.get_or_create(
            date=date, defaults={"is_working_day": is_working_day, "name": name, "legal_basis": basis}
        )


MANAGEMENT_GROUP_NAME = "Trung tâm Cổng TTĐT – Quản lý cổng"
MANAGEMENT_CODENAMES = [
    "add_calendarday",
    "change_calendarday",
    "delete_calendarday",
    "view_calendarday",
    "change_reportingsettings",
]


def grant_management(apps, schema_editor):
    """An existing management group keeps the calendar and the report settings (new groups get them at provisioning)."""
    from django.contrib.auth.management import create_permissions

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=MANAGEMENT_GROUP_NAME).first()
    if group is None:
        return
    app_config = apps.get_app_config("editorial")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="editorial", codename__in=MANAGEMENT_CODENAMES)
    )


class Migration(migrations.Migration):
    dependencies = [("editorial", "0002_compliance"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunPython(grant_management, migrations.RunPython.noop),
    ]
