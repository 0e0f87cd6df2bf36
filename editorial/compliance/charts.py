"""A twelve-month chart drawn as inline SVG: no JavaScript, readable by screen readers through its table."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

WIDTH, HEIGHT = 720, 220
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 40, 40, 16, 36


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    updates: int
    percent: float | None
    point: tuple[float, float] | None


def monthly_chart(totals: list[dict[str, Any]]) -> dict[str, Any]:
    """Bars for the updates of each month, a line for the share of units that met their rule."""
    if not totals:
        return {"bars": [], "width": WIDTH, "height": HEIGHT}
    plot_w = WIDTH - PAD_LEFT - PAD_RIGHT
    plot_h = HEIGHT - PAD_TOP - PAD_BOTTOM
    slot = plot_w / len(totals)
    top = max(max(item["updates"] for item in totals), 1)
    bars = []
    for index, item in enumerate(totals):
        height = plot_h * item["updates"] / top
        x = PAD_LEFT + index * slot + slot * 0.15
        point = None
        if item["percent"] is not None:
            point = (
                round(PAD_LEFT + index * slot + slot / 2, 1),
                round(PAD_TOP + plot_h * (1 - item["percent"] / 100), 1),
            )
        bars.append(
            Bar(
                x=round(x, 1),
                y=round(PAD_TOP + plot_h - height, 1),
                width=round(slot * 0.7, 1),
                height=round(height, 1),
                label=f"{item['period'].start:%m/%y}",
                updates=item["updates"],
                percent=item["percent"],
                point=point,
            )
        )
    line = " ".join(f"{bar.point[0]},{bar.point[1]}" for bar in bars if bar.point)
    return {
        "bars": bars,
        "line": line,
        "width": WIDTH,
        "height": HEIGHT,
        "baseline": PAD_TOP + plot_h,
        "label_y": HEIGHT - 12,
        "top_updates": top,
        "left": PAD_LEFT,
        "right": WIDTH - PAD_RIGHT,
        "top": PAD_TOP,
    }
