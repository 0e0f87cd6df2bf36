"""The fixed vocabularies of projects and tenders (Luật Đầu tư công 2019, Luật Đấu thầu 2023)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectKind(models.TextChoices):
    INVESTMENT = "du-an", _("Dự án đầu tư")
    CONTRACTOR_PLAN = "ke-hoach", _("Kế hoạch lựa chọn nhà thầu")
    BID_PACKAGE = "goi-thau", _("Gói thầu")
    PURCHASE = "mua-sam", _("Mua sắm công")


class ProjectStatus(models.TextChoices):
    PREPARING = "chuan-bi", _("Chuẩn bị đầu tư")
    BIDDING = "moi-thau", _("Đang mời thầu")
    AWARDED = "co-ket-qua", _("Đã có kết quả lựa chọn nhà thầu")
    IN_PROGRESS = "thuc-hien", _("Đang thực hiện")
    COMPLETED = "hoan-thanh", _("Hoàn thành")
    SUSPENDED = "tam-dung", _("Tạm dừng, hủy")


class ProjectSector(models.TextChoices):
    """A small, stable list: the sectors the province reports its public investment by."""

    TRANSPORT = "giao-thong", _("Giao thông")
    HEALTH = "y-te", _("Y tế")
    EDUCATION = "giao-duc", _("Giáo dục, đào tạo")
    AGRICULTURE = "nong-nghiep", _("Nông nghiệp, thủy lợi")
    URBAN = "do-thi", _("Hạ tầng đô thị, cấp thoát nước")
    ENVIRONMENT = "moi-truong", _("Tài nguyên, môi trường")
    CULTURE = "van-hoa", _("Văn hóa, thể thao, du lịch")
    DIGITAL = "cong-nghe", _("Công nghệ thông tin, chuyển đổi số")
    ADMINISTRATION = "quan-ly-nha-nuoc", _("Quản lý nhà nước")
    OTHER = "khac", _("Lĩnh vực khác")


class FundingSource(models.TextChoices):
    STATE_BUDGET = "ngan-sach", _("Vốn ngân sách nhà nước")
    ODA = "oda", _("Vốn ODA, vốn vay ưu đãi nước ngoài")
    PPP = "ppp", _("Đầu tư theo phương thức đối tác công tư (PPP)")
    NON_BUDGET = "ngoai-ngan-sach", _("Vốn ngoài ngân sách")
    MIXED = "hon-hop", _("Nhiều nguồn vốn")
    OTHER = "khac", _("Nguồn khác")
