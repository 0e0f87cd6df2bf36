"""Seed the three content locales and the twelve categories of Article 8 (stable codes)."""

from django.db import migrations

# (number, code, vi, en, ru, description_vi)
CATEGORIES = [
    (1, "gioi-thieu", "Giới thiệu tỉnh Khánh Hòa", "About Khánh Hòa Province", "О провинции Кханьхоа",
     "Điều kiện tự nhiên, lịch sử, văn hóa, kinh tế - xã hội; tiềm năng đầu tư; quy hoạch; khu công nghiệp; làng nghề; tổ chức của các cơ quan tỉnh."),
    (2, "chinh-sach-hoat-dong", "Chính sách và hoạt động của tỉnh", "Provincial policies and activities", "Политика и деятельность провинции",
     "Chức năng, nhiệm vụ của tỉnh; chủ trương, chính sách, pháp luật; hoạt động của lãnh đạo tỉnh, các cơ quan và doanh nghiệp."),
    (3, "to-chuc-bo-may", "Tổ chức bộ máy", "Organisation of the People's Committee", "Структура народного комитета",
     "Tổ chức, chức năng, nhiệm vụ, quy chế làm việc của Ủy ban nhân dân tỉnh và các cơ quan trực thuộc."),
    (4, "van-ban-phap-luat", "Văn bản quy phạm pháp luật", "Legal documents", "Нормативные правовые акты",
     "Văn bản quy phạm pháp luật và văn bản quản lý hành chính có liên quan."),
    (5, "thu-tuc-hanh-chinh", "Thủ tục hành chính và dịch vụ công trực tuyến", "Administrative procedures and online public services", "Административные процедуры и онлайн-услуги",
     "Hướng dẫn thủ tục hành chính và danh mục dịch vụ công trực tuyến."),
    (6, "pho-bien-phap-luat", "Phổ biến pháp luật, chiến lược, quy hoạch", "Law dissemination, strategies and planning", "Правовое просвещение, стратегии и планирование",
     "Phổ biến, hướng dẫn thực hiện pháp luật, chế độ, chính sách; chiến lược, quy hoạch ngành, lĩnh vực."),
    (7, "danh-ba", "Danh bạ thư điện tử và trang thông tin", "Directory of e-mail and web addresses", "Справочник адресов почты и сайтов",
     "Danh bạ thư điện tử, địa chỉ trang thông tin của Ủy ban nhân dân tỉnh và các cơ quan trực thuộc."),
    (8, "du-an-dau-thau", "Dự án, đầu tư, đấu thầu, mua sắm công", "Projects, investment, bidding and procurement", "Проекты, инвестиции, торги и закупки",
     "Thông tin về dự án, hạng mục đầu tư, đấu thầu, mua sắm công."),
    (9, "gop-y-hoi-dap", "Góp ý, hỏi đáp", "Feedback and Q&A", "Обратная связь и вопросы",
     "Tiếp nhận, trả lời ý kiến góp ý, câu hỏi của tổ chức, cá nhân."),
    (10, "du-lieu-thong-ke", "Dữ liệu, thống kê", "Data and statistics", "Данные и статистика",
     "Dữ liệu dùng chung, số liệu thống kê của tỉnh."),
    (11, "lien-ket", "Liên kết website", "Government links", "Ссылки на государственные сайты",
     "Liên kết đến cổng thông tin điện tử của Chính phủ, các bộ, ngành và địa phương."),
    (12, "tin-tuc", "Tin tức, sự kiện", "News and events", "Новости и события",
     "Tin tức trong tỉnh, trong nước và quốc tế; thông tin khác theo quy định của pháp luật."),
]


def seed(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for code in ("vi", "en", "ru"):
        Locale.objects.get_or_create(language_code=code)
    Category = apps.get_model("portal", "Category")
    for number, code, vi, en, ru, description in CATEGORIES:
        Category.objects.update_or_create(
            code=code,
            defaults={
                "number": number,
                "name_vi": vi,
                "name_en": en,
                "name_ru": ru,
                "description_vi": description,
                "legal_basis": f"Khoản {number} Điều 8 Quy chế quản lý và vận hành Cổng thông tin điện tử tỉnh",
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
