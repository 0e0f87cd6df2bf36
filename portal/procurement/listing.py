"""The public list of projects and tenders: filters from the querystring, a fixed number of queries.

A filter value that is not one of the offered choices is ignored with a note, never an error.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.listings import clean_text_query, query_words
from portal.models.pages import paginate

from .enums import ProjectKind, ProjectSector, ProjectStatus

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from .models import ProjectIndexPage, ProjectPage

PER_PAGE = 20
MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 8
FILTER_NAMES = ("kind", "status", "year", "sector")


class ProjectFilterForm(forms.Form):
    q = forms.CharField(label=_("Tên dự án, chủ đầu tư, số thông báo"), required=False)
    kind = forms.ChoiceField(label=_("Loại"), required=False)
    status = forms.ChoiceField(label=_("Tình trạng"), required=False)
    year = forms.ChoiceField(label=_("Năm"), required=False)
    sector = forms.ChoiceField(label=_("Lĩnh vực"), required=False)

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everything = ("", gettext("Tất cả"))
        self.fields["kind"].choices = [everything, *ProjectKind.choices]
        self.fields["status"].choices = [everything, *ProjectStatus.choices]
        self.fields["year"].choices = [everything, *((str(year), str(year)) for year in years)]
        self.fields["sector"].choices = [everything, *ProjectSector.choices]


def clean_query(raw: str) -> str:
    return clean_text_query(raw, MAX_QUERY_LENGTH)


def projects_of(index: ProjectIndexPage) -> QuerySet[ProjectPage]:
    from .models import ProjectPage

    return ProjectPage.objects.live().public().child_of(index)


def listing_context(index: ProjectIndexPage, request: HttpRequest) -> dict[str, Any]:
    base = projects_of(index)
    years = sorted(
        {year for year in base.order_by().values_list("listing_year", flat=True).distinct() if year}, reverse=True
    )
    params = request.GET
    form = ProjectFilterForm(params or None, years=years)
    chosen: dict[str, str] = {}
    ignored = False
    if form.is_bound:
        form.is_valid()
        for name in FILTER_NAMES:
            if name in form.errors:
                ignored = True
            elif form.cleaned_data.get(name):
                chosen[name] = form.cleaned_data[name]
    query = clean_query(params.get("q", ""))

    queryset = base
    if "kind" in chosen:
        queryset = queryset.filter(kind=chosen["kind"])
    if "status" in chosen:
        queryset = queryset.filter(status=chosen["status"])
    if "year" in chosen:
        queryset = queryset.filter(listing_year=int(chosen["year"]))
    if "sector" in chosen:
        queryset = queryset.filter(sector=chosen["sector"])
    for word in query_words(query, MAX_QUERY_WORDS):
        queryset = queryset.filter(folded_text__contains=word)
    queryset = queryset.defer("description").order_by("-publication_date", "-pk")
    projects = paginate(request, queryset, per_page=PER_PAGE)

    kept = dict(chosen)
    if query:
        kept["q"] = query
    return {
        "filter_form": form,
        "projects": projects,
        "notes": [gettext("Một số bộ lọc không hợp lệ nên đã được bỏ qua.")] if ignored else [],
        "query": query,
        "is_filtered": bool(kept),
        "querystring": urlencode(kept) + "&" if kept else "",
    }
