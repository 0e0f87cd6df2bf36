"""The search page of every site and language (served by ``HomePage`` at ``tim-kiem/``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import services
from .query import MAX_QUERY_LENGTH, clean_query

PER_PAGE = 10
DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
LEGAL_FILTERS = ("document_type", "issuing_body", "number", "year")
FILTERS = ("unit", "category", "content_type", "date_from", "date_to", "sort", *LEGAL_FILTERS)


class SearchForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Từ khóa"), required=False)
    unit = forms.ModelChoiceField(label=gettext_lazy("Đơn vị"), queryset=None, required=False)
    category = forms.ModelChoiceField(label=gettext_lazy("Chuyên mục"), queryset=None, required=False)
    date_from = forms.DateField(label=gettext_lazy("Từ ngày"), required=False, input_formats=DATE_FORMATS)
    date_to = forms.DateField(label=gettext_lazy("Đến ngày"), required=False, input_formats=DATE_FORMATS)
    content_type = forms.ChoiceField(label=gettext_lazy("Loại nội dung"), required=False)
    # Legal documents (portal.legal); any of them limits the search to legal documents.
    document_type = forms.ChoiceField(label=gettext_lazy("Loại văn bản"), required=False)
    issuing_body = forms.ModelChoiceField(label=gettext_lazy("Cơ quan ban hành"), queryset=None, required=False)
    number = forms.CharField(label=gettext_lazy("Số, ký hiệu"), required=False, max_length=60)
    year = forms.IntegerField(label=gettext_lazy("Năm ban hành"), required=False, min_value=1945, max_value=2100)
    sort = forms.ChoiceField(
        label=gettext_lazy("Sắp xếp"),
        required=False,
        choices=[
            ("relevance", gettext_lazy("Phù hợp nhất")),
            ("newest", gettext_lazy("Mới nhất")),
            ("oldest", gettext_lazy("Cũ nhất")),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from portal.models import Category
        from subportals.models import Unit

        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(is_active=True, site__isnull=False)
        self.fields["unit"].label_from_instance = lambda unit: unit.name
        self.fields["category"].queryset = Category.objects.all()
        self.fields["category"].label_from_instance = lambda category: category.name
        self.models = {model._meta.label_lower: model for model in services.searchable_models()}
        self.fields["content_type"].choices = [("", _("Tất cả"))] + [
            (label, capfirst(str(model._meta.verbose_name))) for label, model in self.models.items()
        ]
        self._legal_fields()

    def _legal_fields(self) -> None:
        """The legal-document filters, when that app is installed (else they are dropped from the form)."""
        from django.apps import apps

        if not apps.is_installed("portal.legal"):
            for name in LEGAL_FILTERS:
                del self.fields[name]
            return
        from portal.legal.choices import DocumentType
        from portal.legal.models import IssuingBody

        self.fields["document_type"].choices = [("", _("Tất cả"))] + list(DocumentType.choices)
        self.fields["issuing_body"].queryset = IssuingBody.objects.filter(is_active=True)
        self.fields["issuing_body"].label_from_instance = lambda body: body.name

    def clean_content_type(self) -> Any:
        value = self.cleaned_data.get("content_type")
        return self.models.get(value) if value else None

    def value(self, name: str) -> Any:
        """A filter's valid value, or None: a bad filter is dropped (and said), never an error page."""
        if name in self.errors or name not in self.fields:
            return None
        return self.cleaned_data.get(name)


def search_context(request: HttpRequest, home: Any, unit: Any) -> dict[str, Any]:
    """Everything the search template shows; the sub-portal's own pages first (scope=site by default)."""
    form = SearchForm(request.GET or None)
    form.is_valid()
    raw = request.GET.get("q", "") if request.GET else ""
    clean = clean_query(raw)
    on_subportal = unit is not None and not unit.is_main
    scope_all = request.GET.get("scope") == "all" or not on_subportal
    chosen_unit = form.value("unit") if form.is_bound else None
    filters = services.Filters(
        unit=chosen_unit if scope_all else unit,
        category=form.value("category") if form.is_bound else None,
        date_from=form.value("date_from") if form.is_bound else None,
        date_to=form.value("date_to") if form.is_bound else None,
        sort=(form.value("sort") or "relevance") if form.is_bound else "relevance",
        content_type=form.value("content_type") if form.is_bound else None,
        document_type=(form.value("document_type") or None) if form.is_bound else None,
        issuing_body=form.value("issuing_body") if form.is_bound else None,
        number=(form.value("number") or None) if form.is_bound else None,
        year=form.value("year") if form.is_bound else None,
    )
    notes = []
    if len(raw) > MAX_QUERY_LENGTH or clean.truncated:
        notes.append(_("Từ khóa quá dài: chỉ tìm theo phần đầu."))
    if form.is_bound and any(name in form.errors for name in FILTERS):
        notes.append(_("Một số bộ lọc không hợp lệ nên đã được bỏ qua."))
    hits, total, page, capped = [], 0, None, False
    if clean.empty:
        if raw.strip():
            notes.append(_("Từ khóa chỉ gồm ký hiệu; hãy nhập chữ hoặc số."))
    else:
        results, homes = services.run(clean, home.locale, filters)
        page = Paginator(results, PER_PAGE).get_page(request.GET.get("page"))
        total = page.paginator.count
        capped = bool(getattr(results, "capped", False))
        hits = services.hits_for(list(page.object_list), clean, homes)
    params = {key: value for key, value in request.GET.items() if key != "page" and value}
    return {
        "form": form,
        "query": clean,
        "raw_query": raw[:MAX_QUERY_LENGTH],
        "hits": hits,
        "results_page": page,
        "total": total,
        "capped": capped,
        "notes": notes,
        "on_subportal": on_subportal and not scope_all,
        "all_scope_query": urlencode({**params, "scope": "all"}),
        "querystring": urlencode(params) + "&" if params else "",
        "route_suffix": "tim-kiem/",
        "legal_filters": [form[name] for name in LEGAL_FILTERS if name in form.fields],
        "legal_filtered": filters.legal,
    }
