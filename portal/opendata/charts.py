"""A bar or line chart of one column of a dataset preview, drawn as inline SVG on the server.

The approach of ``editorial/compliance/charts.py`` (geometry computed here, SVG written by a template,
no JavaScript), generalised to any labels and values: negative values, gaps for cells that hold no
number, a scale with round steps. The chart is an image for screen readers (``<title>`` and
``<desc>``), and its data is also the preview table printed next to it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from .numbers import format_number, parse_number

WIDTH, HEIGHT = 720, 320
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 72, 16, 16, 72
LABEL_CHARS = 18
CHAR_WIDTH = 6.5  # average width of a 12px character, to know when axis labels must turn
BAR, LINE = "bar", "line"


@dataclass(frozen=True)
class Point:
    label: str  # shortened for the axis
    full_label: str
    value: float | None
    display: str
    x: float  # centre of the slot
    y: float | None  # top of the bar / the line vertex (None: no value)
    bar_x: float
    bar_y: float
    bar_width: float
    bar_height: float
    label_x: float


@dataclass(frozen=True)
class Tick:
    y: float
    label: str


@dataclass
class Chart:
    kind: str
    title: str
    description: str
    points: list[Point]
    ticks: list[Tick]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = PAD_LEFT
    right: int = WIDTH - PAD_RIGHT
    top: int = PAD_TOP
    zero_y: float = HEIGHT - PAD_BOTTOM
    label_y: float = HEIGHT - PAD_BOTTOM + 16
    rotate_labels: bool = False
    segments: list[str] = field(default_factory=list)
    missing: int = 0


def nice_step(span: float, steps: int = 4) -> float:
    """A round step (1, 2, 2.5 or 5 × 10ⁿ) that cuts ``span`` into about ``steps`` parts."""
    if span <= 0 or not math.isfinite(span):
        return 1.0
    raw = span / steps
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _short(label: str) -> str:
    label = " ".join(str(label).split())
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def build_chart(
    labels: list[Any],
    values: list[Any],
    kind: str,
    *,
    title: str,
    value_name: str,
    label_name: str,
    language: str = "vi",
) -> Chart | None:
    """The chart of ``values`` (parsed with Vietnamese number rules) by ``labels``; None when no value is a number."""
    numbers = [parse_number(value) for value in values]
    present = [number for number in numbers if number is not None]
    if not present:
        return None
    kind = kind if kind in (BAR, LINE) else BAR
    low, high = min(0.0, *present), max(0.0, *present)
    step = nice_step(high - low) if high > low else nice_step(abs(high) or 1.0)
    axis_low = math.floor(low / step) * step
    axis_high = math.ceil(high / step) * step
    if axis_high == axis_low:
        axis_high = axis_low + step
    plot_w = WIDTH - PAD_LEFT - PAD_RIGHT
    plot_h = HEIGHT - PAD_TOP - PAD_BOTTOM

    def y_of(value: float) -> float:
        return round(PAD_TOP + plot_h * (axis_high - value) / (axis_high - axis_low), 1)

    zero_y = y_of(0.0)
    slot = plot_w / len(numbers)
    points = []
    for index, (label, number) in enumerate(zip(labels, numbers, strict=False)):
        centre = PAD_LEFT + index * slot + slot / 2
        y = y_of(number) if number is not None else None
        top = min(y, zero_y) if y is not None else zero_y
        full_label = " ".join(str(label).split()) if label not in (None, "") else "—"
        points.append(
            Point(
                label=_short(full_label),
                full_label=full_label,
                value=number,
                display=format_number(number, language) if number is not None else _("không có số liệu"),
                x=round(centre, 1),
                y=y,
                bar_x=round(PAD_LEFT + index * slot + slot * 0.15, 1),
                bar_y=top,
                bar_width=round(slot * 0.7, 1),
                bar_height=round(abs(y - zero_y), 1) if y is not None else 0.0,
                label_x=round(centre, 1),
            )
        )
    ticks = []
    count = round((axis_high - axis_low) / step)
    for index in range(count + 1):
        value = axis_low + index * step
        ticks.append(Tick(y=y_of(value), label=format_number(value, language)))
    segments: list[str] = []
    if kind == LINE:
        current: list[str] = []
        for point in points:
            if point.y is None:
                if current:
                    segments.append(" ".join(current))
                current = []
            else:
                current.append(f"{point.x},{point.y}")
        if current:
            segments.append(" ".join(current))
    missing = sum(number is None for number in numbers)
    return Chart(
        kind=kind,
        title=title,
        description=describe(points, kind, value_name, label_name, missing, language),
        points=points,
        ticks=ticks,
        zero_y=zero_y,
        rotate_labels=max(len(point.label) for point in points) * CHAR_WIDTH > slot * 0.95,
        segments=segments,
        missing=missing,
    )


def describe(points: list[Point], kind: str, value_name: str, label_name: str, missing: int, language: str) -> str:
    """The ``<desc>`` of the chart: what it shows, its extremes and where the full data is."""
    valued = [point for point in points if point.value is not None]
    highest = max(valued, key=lambda point: point.value)
    lowest = min(valued, key=lambda point: point.value)
    what = _("Biểu đồ cột") if kind == BAR else _("Biểu đồ đường")
    text = _(
        "%(what)s: %(value)s theo %(label)s, %(count)s giá trị. Cao nhất: %(high_label)s (%(high)s); "
        "thấp nhất: %(low_label)s (%(low)s)."
    ) % {
        "what": what,
        "value": value_name,
        "label": label_name,
        "count": len(valued),
        "high_label": highest.full_label,
        "high": format_number(highest.value, language),
        "low_label": lowest.full_label,
        "low": format_number(lowest.value, language),
    }
    if missing:
        text += " " + _("%(count)s ô không có số liệu.") % {"count": missing}
    return text + " " + _("Số liệu đầy đủ có trong bảng xem trước.")
