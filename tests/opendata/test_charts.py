"""The server-side SVG chart: bars and lines, gaps for missing or non-numeric cells, accessible text."""

from __future__ import annotations

import re

import pytest
from django.template.loader import render_to_string

from portal.opendata.charts import build_chart, nice_step

LABELS = ["Tháng 1", "Tháng 2", "Tháng 3", "Tháng 4", "Tháng 5", "Tháng 6"]


def chart(values, kind="bar", labels=LABELS):
    return build_chart(
        labels, values, kind, title="Khách du lịch theo tháng", value_name="Lượt khách", label_name="Tháng"
    )


def svg(result) -> str:
    return render_to_string("opendata/includes/chart.html", {"chart": result})


def test_bar_chart_with_vietnamese_numbers():
    result = chart(["812,5", "905", "1.020,3", "987", "1.105", "1.234,5"])
    html = svg(result)
    assert html.count("<rect") == 6
    assert '<title id="dataset-chart-title">Khách du lịch theo tháng</title>' in html
    assert '<desc id="dataset-chart-desc">' in html
    assert "Cao nhất: Tháng 6 (1.234,5)" in html and "thấp nhất: Tháng 1 (812,5)" in html
    assert 'aria-labelledby="dataset-chart-title dataset-chart-desc"' in html
    # Coordinates are written with a dot whatever the language (SVG is not localised).
    assert not re.search(r'(x|y|height|width)="\d+,\d', html)


def test_bars_grow_from_zero_for_negative_values():
    result = chart(["10", "-5", "2,5"])
    bars = [point for point in result.points]
    assert bars[1].bar_y == result.zero_y and bars[1].bar_height > 0
    assert bars[0].bar_y < result.zero_y
    assert any(tick.label == "0" for tick in result.ticks)


def test_non_numeric_and_missing_values_leave_gaps():
    values = ["812", "..", None, "n/a", "1.105", "987"]
    result = chart(values)
    html = svg(result)
    assert html.count("<rect") == 3
    assert result.missing == 3
    assert "3 ô không có số liệu" in result.description


def test_line_is_broken_at_gaps():
    result = chart(["812", "905", "", "987", "1.105", "-"], kind="line")
    assert len(result.segments) == 2
    html = svg(result)
    assert html.count("<polyline") == 2 and html.count("<circle") == 4
    assert "Biểu đồ đường" in result.description


def test_nothing_to_draw():
    assert chart(["Nha Trang", "", None, "không"]) is None


def test_same_value_everywhere_and_zeros():
    assert chart(["0", "0", "0"]) is not None
    result = chart(["5", "5", "5"])
    assert all(point.bar_height > 0 for point in result.points)


def test_long_labels_are_cut_and_turned():
    labels = [f"Thành phố có tên rất dài số {index}" for index in range(12)]
    result = chart([str(index * 10) for index in range(12)], labels=labels)
    assert result.rotate_labels
    assert all(len(point.label) <= 18 for point in result.points)
    assert "Thành phố có tên rất dài số 11" in result.description  # the description keeps the full label


def test_hostile_labels_are_escaped():
    result = chart(["1", "2"], labels=["<script>alert(1)</script>", '"><svg onload=alert(1)>'])
    html = svg(result)
    assert "<script>alert" not in html and "<svg onload" not in html


@pytest.mark.parametrize(("span", "step"), [(100, 25), (1_253_970, 500_000), (7, 2), (0.9, 0.25), (0, 1.0)])
def test_round_steps(span, step):
    assert nice_step(span) == pytest.approx(step)
