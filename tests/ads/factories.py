"""Factories for the advertising tests: slots, ads with a real small image, fixed instants."""

from __future__ import annotations

import datetime
import io
from zoneinfo import ZoneInfo

import factory
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from portal.ads.models import AdSlot, Advertisement

VN = ZoneInfo("Asia/Ho_Chi_Minh")
# A fixed campaign: 1 March 2026 08:00 to 31 March 2026 17:00 (Vietnam time).
START = datetime.datetime(2026, 3, 1, 8, 0, tzinfo=VN)
END = datetime.datetime(2026, 3, 31, 17, 0, tzinfo=VN)


def make_image(title: str = "Ảnh quảng cáo", collection=None, size: tuple[int, int] = (600, 500)):
    Image = get_image_model()
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (200, 40, 40)).save(buffer, format="PNG")
    image = Image(title=title)
    if collection is not None:
        image.collection = collection
    image.file = ImageFile(io.BytesIO(buffer.getvalue()), name="quang-cao.png")
    image.save()
    return image


class AdSlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdSlot
        django_get_or_create = ("code",)

    code = "sidebar"
    name = "Khung quảng cáo cuối trang"
    width = 300
    height = 250
    max_ads = 3


class AdvertisementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Advertisement

    slot = factory.SubFactory(AdSlotFactory)
    advertiser = factory.Sequence(lambda n: f"Công ty TNHH Du lịch Biển Nha Trang {n}")
    title = factory.Sequence(lambda n: f"Ưu đãi tour đảo Nha Trang số {n}")
    image = factory.LazyFunction(make_image)
    target_url = factory.Sequence(lambda n: f"https://dulich{n}.example.vn/uu-dai")
    start_at = START
    end_at = END
    all_sites = True
