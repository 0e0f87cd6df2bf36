"""The public list of procedures: filters read from the querystring, in a fixed number of queries.

Any filter value that is not one of the offered choices is ignored (with a note), never an error:
the querystring is typed by anyone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal import listings
from portal.listings import clean_text_query
from portal.models.pages import paginate
from search.folding import fold

from .rules import LEVEL_FIELDS, Level, OnlineLevel

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from .models import ProcedureIndexPage, ProcedurePage

PER_PAGE = 20
MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 8
FILTER_NAMES = ("field", "agency", "level", "online")


class ProcedureFilterForm(forms.Form):
    q = forms.CharField(label=_("Tên hoặc mã thủ tục"), required=False)
    field = forms.ChoiceField(label=_("Lĩnh vực"), required=False)
    agency = forms.ChoiceField(label=_("Cơ quan thực hiện"), required=False)
    level = forms.ChoiceField(label=_("Cấp thực hiện"), required=False)
    online = forms.ChoiceField(label=_("Mức độ dịch vụ công"), required=False)

    def __init__(self, *args: Any, fields: list[Any], agencies: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everything = ("", gettext("Tất cả"))
        self.fields["field"].choices = [everything, *((item.code, item.name) for item in fields)]
        self.fields["agency"].choices = [everything, *((name, name) for name in agencies)]
        self.fields["level"].choices = [everything, *Level.choices]
        self.fields["online"].choices = [everything, *OnlineLevel.choices]
        self.fields["q"].widget.attrs.update({"maxlength": MAX_QUERY_LENGTH, "type": "search"})


def clean_query(raw: str) -> str:
    """The text query without control characters, at most 200 characters."""
    return clean_text_query(raw, MAX_QUERY_LENGTH)


def query_words(text: str) -> list[str]:
    """The folded words of the query, so "giay phep xay dung" finds "Giấy phép xây dựng"."""
    return listings.query_words(text, MAX_QUERY_WORDS)


def procedures_of(index: ProcedureIndexPage) -> QuerySet[ProcedurePage]:
    from .models import ProcedurePage

    return ProcedurePage.objects.live().public().child_of(index)


def listing_context(index: ProcedureIndexPage, request: HttpRequest) -> dict[str, Any]:
    from .models import ProcedureField

    base = procedures_of(index)
    fields = sorted(ProcedureField.objects.filter(pk__in=base.values("field_id")), key=lambda item: fold(item.name))
    agencies = sorted(base.order_by().values_list("competent_unit", flat=True).distinct(), key=lambda name: fold(name))
    params = request.GET
    form = ProcedureFilterForm(params or None, fields=fields, agencies=agencies)
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

    queryset = base.select_related("field").defer_streamfields()
    if "field" in chosen:
        queryset = queryset.filter(field__code=chosen["field"])
    if "agency" in chosen:
        queryset = queryset.filter(competent_unit=chosen["agency"])
    if "level" in chosen:
        queryset = queryset.filter(**{LEVEL_FIELDS[chosen["level"]]: True})
    if "online" in chosen:
        queryset = queryset.filter(online_level=chosen["online"])
    for word in query_words(query):
        queryset = queryset.filter(folded_text__contains=word)
    procedures = paginate(request, queryset.order_by("title", "pk"), per_page=PER_PAGE)

    kept = dict(chosen)
    if query:
        kept["q"] = query
    notes = [gettext("Một số bộ lọc không hợp lệ nên đã được bỏ qua.")] if ignored else []
    return {
        "filter_form": form,
        "procedures": procedures,
        "notes": notes,
        "query": query,
        "is_filtered": bool(kept),
        "querystring": urlencode(kept) + "&" if kept else "",
    }
