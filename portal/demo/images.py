"""Illustrations for the demo: seascapes drawn with Pillow, so the demo needs no download."""

from __future__ import annotations

import hashlib
import io
import random

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Collection

WIDTH, HEIGHT = 1200, 675


def draw_seascape(seed: str) -> bytes:
    """A sky, sun, islands and sea in colours chosen from ``seed`` (same seed, same picture)."""
    rng = random.Random(int(hashlib.sha256(seed.encode()).hexdigest()[:12], 16))
    sky_top = (rng.randint(40, 120), rng.randint(120, 190), rng.randint(200, 250))
    sky_bottom = (rng.randint(200, 255), rng.randint(180, 230), rng.randint(150, 210))
    sea = (rng.randint(0, 40), rng.randint(90, 140), rng.randint(150, 200))
    image = PILImage.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(image)
    horizon = int(HEIGHT * rng.uniform(0.5, 0.62))
    for y in range(horizon):
        t = y / horizon
        draw.line(
            [(0, y), (WIDTH, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(sky_top, sky_bottom, strict=True))
        )
    sun_x, sun_y, sun_r = rng.randint(150, WIDTH - 150), rng.randint(80, horizon - 60), rng.randint(35, 70)
    draw.ellipse([sun_x - sun_r, sun_y - sun_r, sun_x + sun_r, sun_y + sun_r], fill=(255, 236, 160))
    for _ in range(rng.randint(2, 4)):
        left = rng.randint(-100, WIDTH - 200)
        width = rng.randint(250, 600)
        peak = horizon - rng.randint(60, 200)
        shade = rng.randint(40, 90)
        draw.polygon(
            [(left, horizon), (left + width // 2, peak), (left + width, horizon)], fill=(shade, shade + 50, shade)
        )
    for y in range(horizon, HEIGHT):
        t = (y - horizon) / (HEIGHT - horizon)
        draw.line([(0, y), (WIDTH, y)], fill=tuple(int(c * (1 - 0.45 * t)) for c in sea))
    for _ in range(40):
        x, y = rng.randint(0, WIDTH), rng.randint(horizon + 10, HEIGHT)
        draw.line([(x, y), (x + rng.randint(20, 80), y)], fill=(200, 230, 245), width=2)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82, optimize=True)
    return buffer.getvalue()


def ensure_image(title: str, description: str, collection: Collection, seed: str) -> object:
    """The demo image called ``title`` in ``collection``, drawn on first use."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title, collection=collection).first()
    if existing is not None:
        return existing
    data = draw_seascape(seed)
    image = Image(title=title, description=description, collection=collection)
    image.file = ImageFile(io.BytesIO(data), name=f"demo-{hashlib.sha1(seed.encode()).hexdigest()[:10]}.jpg")
    image.save()
    return image
