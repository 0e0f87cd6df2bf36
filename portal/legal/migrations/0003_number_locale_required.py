"""Every document carries its language next to its number (the uniqueness constraint needs it: NULLs never collide)."""

import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    LegalDocumentPage = apps.get_model("legal", "LegalDocumentPage")
    for page in LegalDocumentPage.objects.filter(number_locale__isnull=True).only("pk", "locale_id"):
        LegalDocumentPage.objects.filter(pk=page.pk).update(number_locale_id=page.locale_id)


class Migration(migrations.Migration):
    dependencies = [
        ("legal", "0002_issuing_bodies"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="legaldocumentpage",
            name="number_locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
            ),
        ),
    ]
