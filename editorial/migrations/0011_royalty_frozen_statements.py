"""Closed months keep what their statement showed; the publisher's automatic line is marked.

Months closed before this migration are frozen as they stand now (the closest record there is);
author lines of pages that have no credits were the publisher's automatic lines.
"""

from django.db import migrations, models

from editorial.royalties.pit import withholding


def backfill(apps, schema_editor):
    RoyaltyLine = apps.get_model("editorial", "RoyaltyLine")
    RoyaltyMonth = apps.get_model("editorial", "RoyaltyMonth")
    ArticleCredit = apps.get_model("editorial", "ArticleCredit")
    RoyaltyLine.objects.filter(
        adjusts__isnull=True, role="author", page__isnull=False, contributor__user__isnull=False
    ).exclude(page_id__in=ArticleCredit.objects.values("page_id")).update(automatic=True)
    for month in RoyaltyMonth.objects.all():
        blocks = {}
        lines = RoyaltyLine.objects.filter(unit_id=month.unit_id, period=month.period, status="graded")
        for line in lines.select_related("contributor").order_by("contributor__full_name", "contributor_id", "pk"):
            person = line.contributor
            block = blocks.setdefault(
                person.pk,
                {
                    "contributor": person.pk,
                    "name": f"{person.full_name} ({person.pen_name})" if person.pen_name else person.full_name,
                    "kind": person.kind,
                    "is_resident": person.is_resident,
                    "tax_code": person.tax_code,
                    "bank_account": person.bank_account,
                    "bank_name": person.bank_name,
                    "lines": [],
                    "gross": 0,
                },
            )
            block["lines"].append(line.pk)
            block["gross"] += line.amount
        for block in blocks.values():
            block["tax"] = withholding(block["kind"], block["is_resident"], block["gross"])
        month.personal_statement = {"blocks": list(blocks.values())}
        month.save(update_fields=["personal_statement"])


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0010_obligations_seed"),
    ]

    operations = [
        migrations.AddField(
            model_name="royaltyline",
            name="automatic",
            field=models.BooleanField(default=False, verbose_name="tự động cho người đăng"),
        ),
        migrations.AddField(
            model_name="royaltymonth",
            name="personal_statement",
            field=models.JSONField(blank=True, default=dict, editable=False),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
