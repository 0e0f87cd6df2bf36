"""Admin screens of the obligations checklist: the management unit's matrix and exports, a unit's own checklist."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from security import audit
from subportals.models import Unit

from . import exports, services
from .enums import ExportFormat
from .permissions import can_manage, can_view, checklist_units


class ManagementOnlyMixin:
    """Every site's checklist side by side is the management unit's business."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_manage(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class MatrixView(ManagementOnlyMixin, TemplateView):
    template_name = "editorial/admin/obligations/matrix.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        matrix = services.matrix()
        return {
            **super().get_context_data(**kwargs),
            "page_title": _("Nghĩa vụ nội dung của các cổng"),
            "header_icon": "tasks",
            "matrix": matrix,
            "formats": ExportFormat.choices,
        }


def matrix_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The matrix as of today, as XLSX or PDF; recorded in the audit log like the other report exports."""
    if not can_manage(request.user):
        raise PermissionDenied
    if fmt not in ExportFormat.values:
        raise Http404
    matrix = services.matrix()
    content = exports.render(matrix, fmt)
    name = exports.filename(matrix, fmt)
    audit.record("report.export", object_type="editorial.obligation", object_repr=name, changes={"format": fmt})
    response = HttpResponse(content, content_type=exports.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


def unit_checklist(request: HttpRequest, unit_id: int) -> HttpResponse:
    """One unit's checklist with what to do next; a unit's staff see their own unit only."""
    unit = get_object_or_404(Unit.objects.select_related("site"), pk=unit_id)
    if not can_view(request.user, unit):
        raise PermissionDenied
    checklist = services.evaluate(unit)
    context = {
        "page_title": _("Nghĩa vụ nội dung: %(unit)s") % {"unit": unit.name_vi},
        "header_icon": "tasks",
        "checklist": checklist,
        "manager": can_manage(request.user),
    }
    return render(request, "editorial/admin/obligations/checklist.html", context)


def my_checklist(request: HttpRequest) -> HttpResponse:
    """The menu's entry point: the matrix for the management unit, the own checklist for a unit's staff."""
    if can_manage(request.user):
        return redirect("editorial_obligations")
    units = list(checklist_units(request.user))
    if not units:
        raise PermissionDenied
    if len(units) == 1:
        return redirect("editorial_obligations_unit", unit_id=units[0].pk)
    context = {"page_title": _("Nghĩa vụ nội dung"), "header_icon": "tasks", "units": units}
    return render(request, "editorial/admin/obligations/units.html", context)
