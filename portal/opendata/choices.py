"""Fixed vocabularies of datasets; values are stable (URLs and filters use them), labels are translated."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Topic(models.TextChoices):
    POPULATION = "dan-so-lao-dong", _("Dân số, lao động")
    ECONOMY = "kinh-te", _("Kinh tế, tăng trưởng")
    TOURISM = "du-lich", _("Du lịch")
    BUSINESS = "doanh-nghiep", _("Doanh nghiệp, đầu tư")
    BUDGET = "tai-chinh-ngan-sach", _("Tài chính, ngân sách")
    AGRICULTURE = "nong-nghiep-thuy-san", _("Nông nghiệp, thủy sản")
    HEALTH = "y-te", _("Y tế")
    EDUCATION = "giao-duc", _("Giáo dục, đào tạo")
    ENVIRONMENT = "tai-nguyen-moi-truong", _("Tài nguyên, môi trường")
    TRANSPORT = "giao-thong", _("Giao thông, hạ tầng")
    ADMINISTRATION = "hanh-chinh", _("Hành chính công")
    OTHER = "khac", _("Khác")


class License(models.TextChoices):
    CC_BY_4 = "cc-by-4.0", _("Giấy phép dữ liệu mở (CC BY 4.0)")
    CC0 = "cc0-1.0", _("Dành cho công chúng (CC0 1.0)")
    ODC_BY = "odc-by-1.0", _("Giấy phép ghi công dữ liệu mở (ODC-BY 1.0)")
    GOVERNMENT = "gov-open", _("Dữ liệu công khai của cơ quan nhà nước, ghi rõ nguồn khi sử dụng")


LICENSE_URLS = {
    License.CC_BY_4: "https://creativecommons.org/licenses/by/4.0/deed.vi",
    License.CC0: "https://creativecommons.org/publicdomain/zero/1.0/deed.vi",
    License.ODC_BY: "https://opendatacommons.org/licenses/by/1-0/",
}


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("Hằng tháng")
    QUARTERLY = "quarterly", _("Hằng quý")
    HALF_YEARLY = "half-yearly", _("6 tháng một lần")
    YEARLY = "yearly", _("Hằng năm")
    IRREGULAR = "irregular", _("Không định kỳ")
    ONCE = "once", _("Một lần (không cập nhật)")


class ChartKind(models.TextChoices):
    NONE = "", _("Không vẽ biểu đồ")
    BAR = "bar", _("Biểu đồ cột")
    LINE = "line", _("Biểu đồ đường")
