"""Admin screens of the import: upload → preview with each row's fate and errors → confirm → report.

Only people who may add pages under the list (their own unit's list) reach them; a preview belongs
to the person who uploaded the file.
"""

from __future__ import annotations

import datetime
import hashlib
import io
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from subportals.permissions import page_in_scope

from . import importing
from .forms import ProcedureImportForm
from .models import ImportStatus, ProcedureImport, ProcedureIndexPage

PENDING_LIFETIME = datetime.timedelta(days=1)
PREVIEW_ROWS = 1000


def can_import_into(user: Any, index: ProcedureIndexPage) -> bool:
    """The unit's own list, and the right to add pages there (subportals decides what "own" is)."""
    return page_in_scope(index, user) and index.permissions_for_user(user).can_add_subpage()


def _forget_stale_uploads() -> None:
    """Uploads nobody confirmed within a day are dropped (their bytes; the record stays as cancelled)."""
    ProcedureImport.objects.filter(
        status=ImportStatus.PENDING, uploaded_at__lt=timezone.now() - PENDING_LIFETIME
    ).update(status=ImportStatus.CANCELLED, content=b"")


class ImportUploadView(WagtailAdminTemplateMixin, FormView):
    form_class = ProcedureImportForm
    template_name = "procedures/admin/import_upload.html"
    page_title = gettext_lazy("Nhập thủ tục hành chính từ tệp")
    header_icon = "upload"

    def dispatch(self, request: HttpRequest, *args: Any, index_id: int, **kwargs: Any) -> HttpResponse:
        self.index = get_object_or_404(ProcedureIndexPage, pk=index_id)
        if not can_import_into(request.user, self.index):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "index": self.index,
                "page_subtitle": self.index.title,
                "columns": importing.COLUMNS,
                "max_bytes": importing.max_bytes(),
                "max_rows": importing.max_rows(),
                "template_url": reverse("procedures_import_template", args=[self.index.pk]),
                "recent": ProcedureImport.objects.filter(index_page=self.index).select_related("user")[:10],
            }
        )
        return context

    def form_valid(self, form: ProcedureImportForm) -> HttpResponse:
        parsed: importing.ParsedFile = form.cleaned_data["file"]
        try:
            importing.check_index(self.index)
        except importing.ImportFailed as refusal:
            form.add_error("file", str(refusal))
            return self.form_invalid(form)
        _forget_stale_uploads()
        data = form.upload_bytes
        batch = ProcedureImport.objects.create(
            index_page=self.index,
            user=self.request.user,
            file_name=parsed.file_name[:255],
            sha256=hashlib.sha256(data).hexdigest(),
            content=data,
        )
        return redirect("procedures_import_preview", batch.pk)


class ImportTemplateView(View):
    def get(self, request: HttpRequest, index_id: int) -> HttpResponse:
        index = get_object_or_404(ProcedureIndexPage, pk=index_id)
        if not can_import_into(request.user, index):
            raise PermissionDenied
        response = HttpResponse(importing.template_csv(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="mau-thu-tuc-hanh-chinh.csv"'
        return response


class BatchMixin:
    """The batch of the URL, only for its own uploader, who must still be allowed to import there."""

    def dispatch(self, request: HttpRequest, *args: Any, batch_id: int, **kwargs: Any) -> HttpResponse:
        self.batch = get_object_or_404(ProcedureImport.objects.select_related("index_page"), pk=batch_id)
        if self.batch.user_id != request.user.pk or not can_import_into(request.user, self.batch.index_page):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class ImportPreviewView(BatchMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "procedures/admin/import_preview.html"
    page_title = gettext_lazy("Xem trước khi nhập thủ tục")
    header_icon = "upload"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.batch.status != ImportStatus.PENDING:
            return redirect("procedures_import_result", self.batch.pk)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        parsed = importing.parse_upload(io.BytesIO(bytes(self.batch.content)), self.batch.file_name)
        report, failure = None, ""
        try:
            report = importing.run_import(parsed, self.batch.index_page, self.request.user, dry_run=True)
        except importing.ImportFailed as error:
            failure = str(error)
        rows = report.rows if report else []
        shown = [row for row in rows if row["messages"] or row["warnings"]]
        shown_rest = [row for row in rows if not (row["messages"] or row["warnings"])][:PREVIEW_ROWS]
        context.update(
            {
                "batch": self.batch,
                "index": self.batch.index_page,
                "page_subtitle": self.batch.file_name,
                "parsed": parsed,
                "report": report,
                "failure": failure,
                "rows": sorted([*shown, *shown_rest], key=lambda row: row["line"]),
                "hidden_rows": len(rows) - len(shown) - len(shown_rest),
                "labels": importing.Action.LABELS,
                "new_fields": sorted({row["new_field"] for row in rows if row["new_field"]}),
                "can_confirm": bool(report and (report.created or report.updated)),
            }
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        with transaction.atomic():
            batch = ProcedureImport.objects.select_for_update().get(pk=self.batch.pk)
            if batch.status != ImportStatus.PENDING:
                messages.warning(request, _("Tệp này đã được xử lý trước đó; không nhập lại."))
                return redirect("procedures_import_result", batch.pk)
            parsed = importing.parse_upload(io.BytesIO(bytes(batch.content)), batch.file_name)
            try:
                report = importing.run_import(parsed, self.batch.index_page, request.user)
            except importing.ImportFailed as error:
                batch.status = ImportStatus.FAILED
                batch.report = {"error": str(error)}
            else:
                batch.status = ImportStatus.DONE
                batch.report = report.as_dict()
                batch.created, batch.updated = report.created, report.updated
                batch.unchanged, batch.skipped = report.unchanged, report.skipped
            batch.content = b""
            batch.finished_at = timezone.now()
            batch.save()
        if batch.status == ImportStatus.DONE:
            messages.success(
                request,
                _("Đã nhập: %(created)s thủ tục mới, %(updated)s cập nhật (bản nháp, chờ duyệt).")
                % {"created": batch.created, "updated": batch.updated},
            )
        else:
            messages.error(request, batch.report.get("error", ""))
        return redirect("procedures_import_result", batch.pk)


class ImportCancelView(BatchMixin, View):
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        updated = ProcedureImport.objects.filter(pk=self.batch.pk, status=ImportStatus.PENDING).update(
            status=ImportStatus.CANCELLED, content=b"", finished_at=timezone.now()
        )
        if updated:
            messages.success(request, _("Đã hủy, không nhập gì."))
        return redirect("wagtailadmin_explore", self.batch.index_page_id)


class ImportResultView(BatchMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "procedures/admin/import_result.html"
    page_title = gettext_lazy("Kết quả nhập thủ tục")
    header_icon = "upload"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "batch": self.batch,
                "index": self.batch.index_page,
                "page_subtitle": self.batch.file_name,
                "rows": self.batch.report.get("rows", []),
                "failure": self.batch.report.get("error", ""),
                "labels": importing.Action.LABELS,
            }
        )
        return context
