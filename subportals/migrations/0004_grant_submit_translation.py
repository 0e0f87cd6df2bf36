"""Existing units' role groups and the management group may send pages to translation (P-Art. 3.1)."""

from django.db import migrations

GROUP_NAME = "Trung tâm Cổng TTĐT – Quản lý cổng"


def grant(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    UnitGroup = apps.get_model("subportals", "UnitGroup")
    permission = Permission.objects.filter(
        content_type__app_label="wagtail_localize", codename="submit_translation"
    ).first()
    if permission is None:  # A fresh database: provisioning grants it when units are created.
        return
    group_ids = set(UnitGroup.objects.values_list("group_id", flat=True))
    group_ids |= set(Group.objects.filter(name=GROUP_NAME).values_list("pk", flat=True))
    for group in Group.objects.filter(pk__in=group_ids):
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("subportals", "0003_syndication"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
