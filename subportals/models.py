"""A unit (department, district or the province itself) and the Wagtail site it runs."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from portal.i18n import localized_attr

from .contacts import validate_not_future, validate_person_name, validate_phone, validate_web_url
from .enums import EditorialRole, UnitKind, UpdateRule
from .unit_forms import UnitAdminForm


class Unit(ClusterableModel):
    """Owner of one sub-portal; answers for its content only (P-Art. 6.1)."""

    code = models.SlugField(_("mã đơn vị"), max_length=40, unique=True)
    kind = models.CharField(_("loại đơn vị"), max_length=20, choices=UnitKind.choices, default=UnitKind.DEPARTMENT)
    name_vi = models.CharField(_("tên (tiếng Việt)"), max_length=255)
    name_en = models.CharField(_("tên (tiếng Anh)"), max_length=255, blank=True)
    name_ru = models.CharField(_("tên (tiếng Nga)"), max_length=255, blank=True)
    site = models.OneToOneField(
        "wagtailcore.Site",
        verbose_name=_("trang web"),
        on_delete=models.PROTECT,
        related_name="unit",
        null=True,
        blank=True,
    )
    collection = models.ForeignKey(
        "wagtailcore.Collection",
        verbose_name=_("thư mục ảnh và tài liệu"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    workflow = models.ForeignKey(
        "wagtailcore.Workflow",
        verbose_name=_("quy trình duyệt tin"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    contact_emails = models.TextField(_("thư điện tử nhận thông báo"), blank=True, help_text=_("Mỗi địa chỉ một dòng."))
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    update_rule = models.CharField(
        _("quy định tần suất cập nhật"),
        max_length=20,
        choices=UpdateRule.choices,
        default=UpdateRule.PER_WEEK,
    )
    min_updates = models.PositiveSmallIntegerField(
        _("số lần cập nhật tối thiểu mỗi kỳ"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Mỗi ngày làm việc, mỗi tuần hoặc mỗi tháng, theo quy định đã chọn."),
    )
    monitoring_start = models.DateField(
        _("theo dõi tần suất từ ngày"),
        null=True,
        blank=True,
        help_text=_("Để trống: từ ngày tạo đơn vị. Các ngày, tuần trước đó không bị tính là thiếu."),
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    # Public contacts, shown in the directory of official addresses (P-Art. 8.7; NĐ 42/2022 Art. 4).
    public_email = models.EmailField(
        _("thư điện tử công khai"),
        max_length=254,
        blank=True,
        help_text=_("Địa chỉ thư điện tử công vụ của đơn vị (thường có đuôi .gov.vn)."),
    )
    public_phone = models.CharField(
        _("điện thoại công khai"),
        max_length=100,
        blank=True,
        validators=[validate_phone],
        help_text=_("Ví dụ: (0258) 3 822 000. Nhiều số cách nhau bởi dấu chấm phẩy."),
    )
    public_address = models.CharField(_("địa chỉ trụ sở"), max_length=300, blank=True)
    public_website = models.URLField(
        _("trang web khác"),
        max_length=300,
        blank=True,
        validators=[validate_web_url],
        help_text=_("Chỉ điền khi địa chỉ trang web chính thức của đơn vị khác với cổng thành phần của đơn vị."),
    )

    base_form_class = UnitAdminForm
    public_contact_panels = [
        MultiFieldPanel(
            [
                FieldPanel("public_email"),
                FieldPanel("public_phone"),
                FieldPanel("public_address"),
                FieldPanel("public_website"),
            ],
            _("Thông tin liên hệ công khai"),
        ),
        InlinePanel(
            "contacts",
            heading=_("Người liên hệ"),
            label=_("Người liên hệ"),
            help_text=_("Lãnh đạo và đầu mối liên hệ công khai; ghi ngày đơn vị xác nhận thông tin gần nhất."),
        ),
    ]
    panels = [
        MultiFieldPanel([FieldPanel("code"), FieldPanel("kind"), FieldPanel("is_active")], _("Đơn vị")),
        MultiFieldPanel([FieldPanel("name_vi"), FieldPanel("name_en"), FieldPanel("name_ru")], _("Tên")),
        FieldPanel("contact_emails"),
        MultiFieldPanel(
            [FieldPanel("update_rule"), FieldPanel("min_updates"), FieldPanel("monitoring_start")],
            _("Tần suất cập nhật"),
        ),
        *public_contact_panels,
    ]

    class Meta:
        ordering = ["kind", "name_vi"]
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")

    def __str__(self) -> str:
        return self.name_vi

    @property
    def name(self) -> str:
        return localized_attr(self, "name")

    @property
    def is_main(self) -> bool:
        return self.kind == UnitKind.MAIN

    @property
    def monitored_from(self) -> datetime.date:
        """First day the update rule applies: a unit created mid-period owes nothing before it."""
        if self.monitoring_start:
            return self.monitoring_start
        return timezone.localdate(self.created_at) if self.created_at else timezone.localdate()

    def clean(self) -> None:
        from .contacts import clean_email

        super().clean()
        self.public_email = clean_email(self.public_email)
        self.public_phone = " ".join((self.public_phone or "").split())
        self.public_address = " ".join((self.public_address or "").split())


class UnitContact(Orderable):
    """A named public contact of a unit (leader or focal point), with the date the unit last confirmed it."""

    unit = ParentalKey(Unit, on_delete=models.CASCADE, related_name="contacts")
    full_name = models.CharField(_("họ và tên"), max_length=150, validators=[validate_person_name])
    position_vi = models.CharField(_("chức vụ (tiếng Việt)"), max_length=200)
    position_en = models.CharField(_("chức vụ (tiếng Anh)"), max_length=200, blank=True)
    position_ru = models.CharField(_("chức vụ (tiếng Nga)"), max_length=200, blank=True)
    email = models.EmailField(_("thư điện tử công khai"), max_length=254, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=100, blank=True, validators=[validate_phone])
    confirmed_at = models.DateField(
        _("ngày xác nhận"),
        null=True,
        blank=True,
        validators=[validate_not_future],
        help_text=_("Ngày đơn vị xác nhận thông tin này còn đúng gần nhất."),
    )

    panels = [
        FieldPanel("full_name"),
        MultiFieldPanel(
            [FieldPanel("position_vi"), FieldPanel("position_en"), FieldPanel("position_ru")], _("Chức vụ")
        ),
        FieldPanel("email"),
        FieldPanel("phone"),
        FieldPanel("confirmed_at"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("người liên hệ")
        verbose_name_plural = _("người liên hệ")

    def __str__(self) -> str:
        return f"{self.full_name} – {self.position_vi}"

    @property
    def position(self) -> str:
        return localized_attr(self, "position")

    def clean(self) -> None:
        from .contacts import clean_email

        super().clean()
        self.full_name = " ".join((self.full_name or "").split())
        self.email = clean_email(self.email)
        self.phone = " ".join((self.phone or "").split())


class UnitGroup(models.Model):
    """Links a Django group to the unit and editorial role it stands for."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="role_groups")
    role = models.CharField(_("vai trò"), max_length=20, choices=EditorialRole.choices)
    group = models.OneToOneField("auth.Group", on_delete=models.CASCADE, related_name="unit_role")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "role"], name="unique_role_group_per_unit")]
        verbose_name = _("nhóm ban biên tập")
        verbose_name_plural = _("nhóm ban biên tập")

    def __str__(self) -> str:
        return self.group.name


class SyndicationStatus(models.TextChoices):
    PENDING = "pending", _("Chờ duyệt")
    APPROVED = "approved", _("Đã duyệt")
    REJECTED = "rejected", _("Từ chối")


class SyndicationRequest(models.Model):
    """A sub-portal article proposed to the main portal; it appears there only once the main board approves."""

    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("tin bài"), on_delete=models.PROTECT, related_name="syndication_requests"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị đề xuất"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=SyndicationStatus.choices, default=SyndicationStatus.PENDING
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người đề xuất"), on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(_("thời điểm đề xuất"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người quyết định"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    decided_at = models.DateTimeField(_("thời điểm quyết định"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True, max_length=2000)

    class Meta:
        ordering = ["-proposed_at"]
        verbose_name = _("đề xuất đăng lên cổng chính")
        verbose_name_plural = _("đề xuất đăng lên cổng chính")
        constraints = [
            models.UniqueConstraint(
                fields=["page"],
                condition=models.Q(status__in=["pending", "approved"]),
                name="one_open_syndication_per_page",
            )
        ]

    def __str__(self) -> str:
        return f"{self.page.title} ({self.get_status_display()})"
