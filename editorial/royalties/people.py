"""Who is paid: contributors (with the personal data accounting needs), page credits, royalty officers.

Personal data (ID, tax code, bank account, address, phone) is read only by the unit's royalty
officers: field names carry ``personal_``/``bank_``/``id_number``/``tax_code`` so that the audit
log never writes them (security.audit.REDACTED_FIELDS), and ``__str__`` shows the name alone.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from .enums import ContributorKind, CreditRole

PERSONAL_FIELDS = ("id_number", "tax_code", "bank_account", "bank_name", "personal_address", "personal_phone")

id_number_validator = RegexValidator(r"^(\d{9}|\d{12})$", _("Số CMND/CCCD gồm 9 hoặc 12 chữ số."), code="id_number")
tax_code_validator = RegexValidator(
    r"^\d{10}(-\d{3})?$", _("Mã số thuế gồm 10 chữ số (có thể thêm -XXX cho đơn vị phụ thuộc)."), code="tax_code"
)
bank_account_validator = RegexValidator(
    r"^\d{6,20}$", _("Số tài khoản ngân hàng gồm 6 đến 20 chữ số."), code="bank_account"
)
phone_validator = RegexValidator(r"^\+?[\d .]{8,16}$", _("Số điện thoại không hợp lệ."), code="phone")


class Contributor(models.Model):
    """A person paid royalties by one unit: its staff or an outside collaborator (cộng tác viên)."""

    unit = models.ForeignKey(
        "subportals.Unit", verbose_name=_("đơn vị chi trả"), on_delete=models.PROTECT, related_name="contributors"
    )
    kind = models.CharField(_("loại"), max_length=20, choices=ContributorKind.choices)
    full_name = models.CharField(_("họ và tên"), max_length=120)
    pen_name = models.CharField(_("bút danh"), max_length=120, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản trên cổng"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributor_profiles",
    )
    email = models.EmailField(_("thư điện tử"), blank=True)
    is_resident = models.BooleanField(
        _("cá nhân cư trú"),
        default=True,
        help_text=_("Cá nhân không cư trú bị khấu trừ thuế thu nhập cá nhân 20% trên mọi khoản chi."),
    )
    is_active = models.BooleanField(_("đang cộng tác"), default=True)
    id_number = models.CharField(_("số CCCD"), max_length=12, blank=True, validators=[id_number_validator])
    tax_code = models.CharField(_("mã số thuế cá nhân"), max_length=14, blank=True, validators=[tax_code_validator])
    bank_account = models.CharField(_("số tài khoản"), max_length=20, blank=True, validators=[bank_account_validator])
    bank_name = models.CharField(_("ngân hàng, chi nhánh"), max_length=200, blank=True)
    personal_address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    personal_phone = models.CharField(_("điện thoại"), max_length=16, blank=True, validators=[phone_validator])
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    panels = [
        FieldPanel("unit"),
        FieldPanel("kind"),
        FieldPanel("full_name"),
        FieldPanel("pen_name"),
        FieldPanel("user"),
        FieldPanel("email"),
        FieldPanel("is_resident"),
        FieldPanel("is_active"),
        FieldPanel("id_number"),
        FieldPanel("tax_code"),
        FieldPanel("bank_account"),
        FieldPanel("bank_name"),
        FieldPanel("personal_address"),
        FieldPanel("personal_phone"),
    ]

    class Meta:
        ordering = ["unit", "full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "user"],
                condition=models.Q(user__isnull=False),
                name="one_contributor_per_user_and_unit",
            ),
        ]
        verbose_name = _("người hưởng nhuận bút")
        verbose_name_plural = _("người hưởng nhuận bút")

    def __str__(self) -> str:
        return f"{self.full_name} ({self.pen_name})" if self.pen_name else self.full_name


class RoyaltyOfficer(models.Model):
    """A user who keeps a unit's royalty books: sees contributors' personal data, closes months."""

    unit = models.ForeignKey(
        "subportals.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="royalty_officers"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người phụ trách"),
        on_delete=models.CASCADE,
        related_name="royalty_offices",
    )
    appointed_at = models.DateTimeField(_("ngày giao"), auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "user"], name="one_officer_row_per_unit_and_user")]
        verbose_name = _("người phụ trách nhuận bút")
        verbose_name_plural = _("người phụ trách nhuận bút")

    def __str__(self) -> str:
        return f"{self.user.get_full_name() or self.user.get_username()} – {self.unit}"


class ArticleCredit(Orderable):
    """Who made an article and in what part; co-authors of one role share its royalty."""

    page = ParentalKey("portal.ArticlePage", on_delete=models.CASCADE, related_name="credits")
    contributor = models.ForeignKey(
        Contributor, verbose_name=_("người hưởng"), on_delete=models.PROTECT, related_name="credits"
    )
    role = models.CharField(_("phần việc"), max_length=20, choices=CreditRole.choices, default=CreditRole.AUTHOR)
    share_percent = models.DecimalField(
        _("tỷ lệ hưởng (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("100"),
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))],
    )

    panels = [FieldPanel("contributor"), FieldPanel("role"), FieldPanel("share_percent")]

    class Meta(Orderable.Meta):
        verbose_name = _("người hưởng nhuận bút của tin bài")
        verbose_name_plural = _("người hưởng nhuận bút của tin bài")
