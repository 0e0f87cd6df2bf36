"""Obligations as data: what each site must carry, under which legal basis, checked by which rule type.

When the law changes the management unit adds, changes or retires an obligation in the admin; every
change is kept as a revision (Wagtail's RevisionMixin), so a past checklist stays explainable.
Obligations are retired (with a date), never deleted.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import RevisionMixin

from portal.i18n import localized_attr

from . import rules
from .enums import AppliesTo


class ObligationQuerySet(models.QuerySet):
    def in_force(self, today: datetime.date | None = None) -> ObligationQuerySet:
        """Obligations not retired on ``today`` (a retirement date in the future still applies until then)."""
        today = today or timezone.localdate()
        return self.filter(models.Q(retired_on__isnull=True) | models.Q(retired_on__gt=today))


class Obligation(RevisionMixin, models.Model):
    code = models.SlugField(_("mã"), max_length=60, unique=True, help_text=_("Mã cố định, ví dụ chuyen-muc-tin-tuc."))
    title_vi = models.CharField(_("tên (tiếng Việt)"), max_length=255)
    title_en = models.CharField(_("tên (tiếng Anh)"), max_length=255, blank=True)
    title_ru = models.CharField(_("tên (tiếng Nga)"), max_length=255, blank=True)
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=300)
    rule_type = models.CharField(_("loại quy tắc"), max_length=40, choices=rules.rule_type_choices)
    parameters = models.JSONField(
        _("tham số"), default=dict, blank=True, help_text=_("Một đối tượng JSON; các tham số tùy loại quy tắc.")
    )
    applies_to = models.CharField(_("áp dụng cho"), max_length=20, choices=AppliesTo.choices, default=AppliesTo.ALL)
    retired_on = models.DateField(
        _("thôi áp dụng từ ngày"),
        null=True,
        blank=True,
        help_text=_("Khi quy định thay đổi: ghi ngày thôi áp dụng thay vì xóa, để giữ lịch sử."),
    )
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=100)

    objects = ObligationQuerySet.as_manager()

    panels = [
        MultiFieldPanel([FieldPanel("code"), FieldPanel("sort_order")], _("Mã và thứ tự")),
        MultiFieldPanel([FieldPanel("title_vi"), FieldPanel("title_en"), FieldPanel("title_ru")], _("Tên")),
        FieldPanel("legal_basis"),
        MultiFieldPanel(
            [FieldPanel("rule_type"), FieldPanel("parameters", help_text=lazy(rules.parameters_help, str)())],
            _("Cách kiểm tra"),
        ),
        MultiFieldPanel([FieldPanel("applies_to"), FieldPanel("retired_on")], _("Phạm vi")),
    ]

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("nghĩa vụ nội dung")
        verbose_name_plural = _("nghĩa vụ nội dung")

    def __str__(self) -> str:
        return self.title_vi

    @property
    def title(self) -> str:
        return localized_attr(self, "title")

    def in_force_on(self, today: datetime.date) -> bool:
        return self.retired_on is None or self.retired_on > today

    def applies_to_unit(self, unit: Any) -> bool:
        if self.applies_to == AppliesTo.MAIN:
            return unit.is_main
        if self.applies_to == AppliesTo.SUBPORTALS:
            return not unit.is_main
        return True

    def clean(self) -> None:
        super().clean()
        self.title_vi = " ".join((self.title_vi or "").split())
        self.legal_basis = " ".join((self.legal_basis or "").split())
        if self.rule_type:
            try:
                self.parameters = rules.clean_parameters(self.rule_type, self.parameters)
            except ValidationError as error:
                raise ValidationError({"parameters": error.messages}) from None
