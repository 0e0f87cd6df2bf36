"""Demo advertising: two slots and three ads (running everywhere, running on the main portal, expired)."""

from __future__ import annotations

import datetime
from typing import Any

from portal.demo import sites
from portal.demo.images import ensure_image
from subportals.models import Unit

from .models import AdSlot, Advertisement

SLOTS = [
    {"code": "header-banner", "name": "Băng rôn dưới thanh điều hướng", "width": 970, "height": 90, "max_ads": 1},
    {"code": "sidebar", "name": "Khung quảng cáo cuối trang nội dung", "width": 300, "height": 250, "max_ads": 3},
]
# (slot, advertiser, title, target, days from now: start, end, only the main portal)
ADS: list[tuple[str, str, str, str, int, int, bool]] = [
    (
        "header-banner",
        "VNPT Khánh Hòa",
        "Internet cáp quang VNPT cho hộ gia đình – miễn phí lắp đặt",
        "https://vnpt.com.vn",
        -10,
        50,
        False,
    ),
    (
        "sidebar",
        "Tổng công ty Hàng không Việt Nam",
        "Đường bay thẳng Cam Ranh – Seoul, mỗi ngày hai chuyến",
        "https://www.vietnamairlines.com",
        -3,
        27,
        True,
    ),
    (
        "sidebar",
        "Agribank chi nhánh Khánh Hòa",
        "Vay ưu đãi cho hộ nuôi trồng thủy sản vùng Cam Ranh",
        "https://www.agribank.com.vn",
        -60,
        -30,
        False,
    ),
]


def seed(seeder: Any) -> None:
    """Idempotent: slots by code, ads by slot and title."""
    slots = {}
    for spec in SLOTS:
        slots[spec["code"]], _created = AdSlot.objects.get_or_create(code=spec["code"], defaults=spec)
    main = Unit.objects.select_related("collection").get(code=sites.MAIN_CODE)
    today = seeder.now.replace(hour=0, minute=0, second=0, microsecond=0)
    for slot_code, advertiser, title, url, start_days, end_days, main_only in ADS:
        if Advertisement.objects.filter(slot=slots[slot_code], title=title).exists():
            continue
        image = ensure_image(
            title=f"Quảng cáo – {advertiser}",
            description=f"Ảnh quảng cáo mẫu của {advertiser}",
            collection=main.collection,
            seed=f"quang-cao:{advertiser}",
        )
        ad = Advertisement.objects.create(
            slot=slots[slot_code],
            advertiser=advertiser,
            title=title,
            image=image,
            target_url=url,
            start_at=today + datetime.timedelta(days=start_days),
            end_at=today + datetime.timedelta(days=end_days),
            all_sites=not main_only,
            notes="Dữ liệu mẫu của bản trình diễn; hợp đồng quảng cáo số 12/2026/HĐQC-TTCTTĐT.",
        )
        if main_only:
            ad.units.set([main])
