"""Read-side services of the datasets: the filtered listing, the detail page's preview and chart.

Each runs a fixed number of SQL queries whatever the number of datasets or files; parsing a file is
cached per stored file (``tables.preview_for_document``).
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest
from django.utils.translation import gettext as _

from portal.i18n import active_language
from portal.models.pages import paginate
from search.folding import fold

from .charts import build_chart
from .choices import ChartKind, Topic
from .filetypes import check_table_file
from .filters import apply_filters, parse_filters
from .tables import Preview, display_cell, error_message, preview_for_document


def datasets_per_page() -> int:
    return int(getattr(settings, "OPENDATA_DATASETS_PER_PAGE", 12))


def check_document_table(document: Any) -> tuple[str, int]:
    """The format ("csv"/"xlsx") and size of a document's file, or ``ValidationError``; success is cached."""
    identity = f"{document.pk}|{document.file.name}|{document.file_hash}|{document.file_size}"
    key = "opendata:filetype:" + hashlib.sha1(identity.encode("utf-8"), usedforsecurity=False).hexdigest()
    cached = cache.get(key)
    if cached is not None:
        return cached
    try:
        with document.open_file() as handle:
            file_format = check_table_file(handle, document.filename)
            size = handle.size if isinstance(getattr(handle, "size", None), int) else document.file_size
    except OSError:
        raise ValidationError(
            _("Không mở được tệp của tài liệu «%(title)s»; hãy tải tệp lên lại.") % {"title": document.title},
            code="missing_file",
        ) from None
    result = (file_format, int(size or 0))
    cache.set(key, result, 24 * 3600)
    return result


def listing_context(index_page: Any, request: HttpRequest) -> dict[str, Any]:
    """The filtered, paginated datasets under an index page, and the choices of each filter."""
    from .models import DatasetPage, DatasetResource

    datasets = DatasetPage.objects.child_of(index_page).live().public()
    facets = list(datasets.values_list("publisher", "topic", "updated_on"))
    publishers = sorted({publisher for publisher, _topic, _day in facets if publisher}, key=fold)
    used_topics = {topic for _publisher, topic, _day in facets}
    years = sorted({day.year for _publisher, _topic, day in facets if day}, reverse=True)
    filters = parse_filters(request.GET, publishers, years)
    resources = DatasetResource.objects.only("page_id", "file_format", "sort_order")
    queryset = (
        apply_filters(datasets, filters)
        .select_related("category")
        .prefetch_related(Prefetch("resources", queryset=resources))
        .order_by("-updated_on", "-pk")
    )
    page = paginate(request, queryset, datasets_per_page())
    for dataset in page.object_list:
        dataset.formats = sorted(
            {resource.format_label for resource in dataset.resources.all() if resource.file_format}
        )
    return {
        "datasets": page,
        "filters": filters,
        "querystring": filters.querystring(),
        "publishers": publishers,
        "topics": [(value, label) for value, label in Topic.choices if value in used_topics],
        "years": years,
        "formats": [("csv", "CSV"), ("xlsx", "XLSX")],
        "total": len(facets),
    }


def detail_context(dataset: Any) -> dict[str, Any]:
    """Downloads, the preview of the first file and its chart (or why there is none)."""
    resources = [resource for resource in dataset.resources.select_related("document") if resource.document_id]
    context: dict[str, Any] = {"resources": resources, "preview": None, "preview_rows": [], "chart": None}
    if not resources:
        return context
    first = resources[0]
    preview = preview_for_document(first.document, dataset.header_row)
    context.update(preview=preview, preview_resource=first)
    if not preview.ok:
        context["preview_message"] = error_message(preview)
        return context
    language = active_language()
    context["preview_header"] = [display_cell(cell, language) for cell in preview.header]
    context["preview_header"] += [""] * (preview.shown_columns - len(preview.header))
    context["preview_rows"] = [
        [display_cell(cell, language) for cell in row] + [""] * (preview.shown_columns - len(row))
        for row in preview.rows
    ]
    context["numeric_columns"] = _numeric_columns(preview)
    if dataset.chart_kind:
        context["chart"], context["chart_message"] = chart_for(dataset, preview, language)
    return context


def _numeric_columns(preview: Preview) -> set[int]:
    """0-based columns whose values are mostly numbers: right-aligned in the table."""
    from .numbers import parse_number

    numeric = set()
    for index in range(preview.shown_columns):
        values = [value for value in preview.column(index + 1) if value not in (None, "")]
        if values and sum(parse_number(value) is not None for value in values) * 2 > len(values):
            numeric.add(index)
    return numeric


def chart_for(dataset: Any, preview: Preview, language: str) -> tuple[Any, str]:
    """The chart of the dataset's settings over the previewed rows, or a message saying why not."""
    label_column, value_column = dataset.chart_label_column, dataset.chart_value_column
    if max(label_column, value_column) > preview.total_columns:
        return None, _("Chưa vẽ được biểu đồ: bảng không có cột số %(number)s.") % {
            "number": max(label_column, value_column)
        }
    if not preview.rows:
        return None, _("Chưa vẽ được biểu đồ: bảng chưa có dòng số liệu nào.")
    chart = build_chart(
        [display_cell(value, language) for value in preview.column(label_column)],
        preview.column(value_column),
        dataset.chart_kind or ChartKind.BAR,
        title=dataset.title,
        value_name=preview.header_name(value_column),
        label_name=preview.header_name(label_column),
        language=language,
    )
    if chart is None:
        return None, _("Chưa vẽ được biểu đồ: cột «%(name)s» không có giá trị số.") % {
            "name": preview.header_name(value_column)
        }
    return chart, ""
