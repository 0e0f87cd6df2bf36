"""One project per e-procurement number in each locale (translations share it in other locales).

The locale the number is unique in is filled for existing pages; should two pages already share a
number, only the first (lowest id) gets it, so the constraint can be created, and the other is refused
with a message naming the first at its next edit (``ProjectPage.clean``).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def fill_egp_locale(apps, schema_editor):
    ProjectPage = apps.get_model("procurement", "ProjectPage")
    taken: set[tuple[str, int]] = set()
    rows = ProjectPage.objects.order_by("pk").values_list("pk", "egp_number", "locale_id", "alias_of_id")
    for pk, number, locale_id, alias_of_id in rows:
        if alias_of_id is not None:
            continue
        if number and (number, locale_id) in taken:
            continue
        taken.add((number, locale_id))
        ProjectPage.objects.filter(pk=pk).update(egp_locale_id=locale_id)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0004_articlepage_substantive_update"),
        ("procurement", "0002_project_document_protect"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="projectpage",
            name="egp_locale",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
            ),
        ),
        migrations.RunPython(fill_egp_locale, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="projectpage",
            constraint=models.UniqueConstraint(
                condition=models.Q(("egp_number", ""), _negated=True),
                fields=("egp_number", "egp_locale"),
                name="procurement_unique_egp_number_per_locale",
                violation_error_message="Số hiệu trên Hệ thống mạng đấu thầu quốc gia này đã dùng cho dự án khác.",
            ),
        ),
    ]
