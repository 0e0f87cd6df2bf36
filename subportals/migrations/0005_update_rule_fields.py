import django.core.validators
from django.db import migrations, models


def daily_rule_means_one_per_day(apps, schema_editor):
    """The old field held 5 "per week" for the main portal; the daily rule now counts per working day."""
    Unit = apps.get_model("subportals", "Unit")
    Unit.objects.filter(update_rule="working_daily").update(min_updates=1)


class Migration(migrations.Migration):
    dependencies = [("subportals", "0004_grant_submit_translation")]

    operations = [
        migrations.RenameField("unit", "updates_per_week", "min_updates"),
        migrations.AlterField(
            model_name="unit",
            name="min_updates",
            field=models.PositiveSmallIntegerField(
                default=2,
                help_text="Mỗi ngày làm việc, mỗi tuần hoặc mỗi tháng, theo quy định đã chọn.",
                validators=[
                    django.core.validators.MinValueValidator(1),
                    django.core.validators.MaxValueValidator(100),
                ],
                verbose_name="số lần cập nhật tối thiểu mỗi kỳ",
            ),
        ),
        migrations.AddField(
            model_name="unit",
            name="monitoring_start",
            field=models.DateField(
                blank=True,
                help_text="Để trống: từ ngày tạo đơn vị. Các ngày, tuần trước đó không bị tính là thiếu.",
                null=True,
                verbose_name="theo dõi tần suất từ ngày",
            ),
        ),
        migrations.AlterField(
            model_name="unit",
            name="update_rule",
            field=models.CharField(
                choices=[
                    ("working_daily", "Mỗi ngày làm việc"),
                    ("per_week", "Số lần mỗi tuần"),
                    ("per_month", "Số lần mỗi tháng (quy định riêng)"),
                ],
                default="per_week",
                max_length=20,
                verbose_name="quy định tần suất cập nhật",
            ),
        ),
        migrations.RunPython(daily_rule_means_one_per_day, migrations.RunPython.noop),
    ]
