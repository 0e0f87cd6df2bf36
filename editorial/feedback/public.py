"""The public pages, served by every ``HomePage`` (portal and sub-portals, vi/en/ru):

- ``gop-y/``: the form; on a sub-portal its own unit is preselected;
- ``gop-y/tra-cuu/?ma=CODE``: the status of a question, nothing personal;
- ``hoi-dap/``: published questions and answers (a sub-portal lists those its unit answered and
  those asked through it, so the link e-mailed to the citizen works whichever unit answered);
- ``hoi-dap/<CODE>/``: one of them.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode

from portal.i18n import active_language
from security.client_ip import client_ip
from subportals.enums import UnitKind
from subportals.models import Unit

from . import notifications, services, spam
from .enums import Status
from .forms import FeedbackForm, LookupForm, QAFilterForm
from .models import Feedback

QA_PER_PAGE = 10
PERSONAL_FIELDS = ("personal_name", "personal_email", "personal_phone", "personal_ip", "submission_token")


def _site_unit(request: HttpRequest) -> Unit:
    from subportals.services import current_unit

    unit = current_unit(request) or Unit.objects.filter(kind=UnitKind.MAIN).first()
    if unit is None:
        raise Http404
    return unit


def _private(response: HttpResponse) -> HttpResponse:
    """Forms carry a CSRF token and a timestamp; a lookup answers for one person: never cached, never indexed."""
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex"
    return response


def _form_page(home: Any, request: HttpRequest, form: FeedbackForm, unit: Unit, problem: str = "", status: int = 200):
    context = {
        "form": form,
        "problem": problem,
        "form_token": spam.issue_token(),
        "honeypot_field": spam.HONEYPOT_FIELD,
        "site_unit": unit,
        "on_subportal": not unit.is_main,
        "route_suffix": "gop-y/",
        "max_attachment_mb": _attachment_mb(),
    }
    response = home.render(request, context_overrides=context, template="portal/feedback_form.html")
    response.status_code = status
    return _private(response)


def _attachment_mb() -> int:
    from .attachments import max_bytes

    return max_bytes() // (1024 * 1024)


def _sent_page(home: Any, request: HttpRequest, item: Feedback) -> HttpResponse:
    context = {
        "item": item,
        "lookup_path": f"gop-y/tra-cuu/?{urlencode({'ma': item.code})}",
        "route_suffix": "gop-y/",
    }
    return _private(home.render(request, context_overrides=context, template="portal/feedback_sent.html"))


def _posted(request: HttpRequest) -> QueryDict:
    """The form's fields. A URL-encoded body holding bytes that are not UTF-8 is read as UTF-8 all the
    same, each bad byte becoming U+FFFD, which the form refuses where it stands (Django would read the
    whole body as Latin-1 instead, garbling every field). Multipart bodies get U+FFFD from Django."""
    if request.content_type == "application/x-www-form-urlencoded" and (request.encoding or "utf-8").lower() in (
        "utf-8",
        "utf8",
    ):
        body = request.body
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            return QueryDict(body.decode("utf-8", errors="replace"), encoding="utf-8")
    return request.POST


def form_view(request: HttpRequest, home: Any) -> HttpResponse:
    unit = _site_unit(request)
    if request.method != "POST":
        return _form_page(home, request, FeedbackForm(site_unit=unit), unit)
    posted = _posted(request)
    form = FeedbackForm(posted, request.FILES, site_unit=unit)
    token = spam.check_token(posted.get("form_token", ""))
    if token.nonce:
        # The same form sent again (a refresh, a double click): the receipt of the first one.
        earlier = Feedback.objects.filter(submission_token=token.nonce).first()
        if earlier is not None:
            return _sent_page(home, request, earlier)
    valid = form.is_valid()
    if form.honeypot_filled():
        return _form_page(home, request, form, unit, spam.honeypot_message(), status=400)
    if token.problem:
        return _form_page(home, request, form, unit, token.problem, status=400)
    if not valid:
        return _form_page(home, request, form, unit, status=400)
    data = form.cleaned_data
    ip = client_ip(request)
    limit = spam.rate_limit_message(ip, data["email"], data["phone"])
    if limit:
        return _form_page(home, request, form, unit, limit, status=429)
    item = services.submit(
        services.Submission(
            site_unit=unit,
            kind=data["kind"],
            topic=data["topic"],
            requested_unit=data.get("unit"),
            title=data["title"],
            question=data["question"],
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            consent_publish=data["consent_publish"],
            language=active_language(),
            ip=ip,
            nonce=token.nonce,
            attachment=data.get("attachment"),
        )
    )
    return _sent_page(home, request, item)


def lookup_view(request: HttpRequest, home: Any) -> HttpResponse:
    form = LookupForm(request.GET if "ma" in request.GET else None)
    item = None
    searched = False
    if form.is_bound and form.is_valid():
        searched = True
        item = (
            Feedback.objects.filter(code=form.cleaned_data["ma"])
            .select_related("assigned_unit")
            .defer(*PERSONAL_FIELDS)
            .first()
        )
    # The Q&A link: on this site when its Q&A shows the question, else where the question was sent.
    qa_elsewhere = ""
    if item is not None and item.is_published and not shown_on(_site_unit(request), item):
        qa_elsewhere = notifications.qa_url(item)
    context = {
        "form": form,
        "item": item,
        "qa_elsewhere": qa_elsewhere,
        "searched": searched,
        "answered": item is not None and item.status == Status.ANSWERED,
        "route_suffix": "gop-y/tra-cuu/",
    }
    response = home.render(request, context_overrides=context, template="portal/feedback_lookup.html")
    return _private(response)


def shown_on(unit: Unit, item: Feedback) -> bool:
    """Whether the Q&A of this unit's site shows a published question (the rule of ``_published``)."""
    return unit.is_main or unit.pk in (item.assigned_unit_id, item.site_unit_id)


def _published(request: HttpRequest, unit: Unit):
    """The main portal shows every published answer; a sub-portal those its unit gave and those
    asked through it (the citizen's e-mail links to the site where the question was sent)."""
    queryset = Feedback.objects.published().select_related("assigned_unit").defer(*PERSONAL_FIELDS)
    if not unit.is_main:
        queryset = queryset.filter(Q(assigned_unit=unit) | Q(site_unit=unit))
    return queryset


def qa_list_view(request: HttpRequest, home: Any) -> HttpResponse:
    from portal.models.pages import paginate

    unit = _site_unit(request)
    filters = QAFilterForm(request.GET or None)
    queryset = _published(request, unit)
    topic = filters.value("topic")
    if topic:
        queryset = queryset.filter(topic=topic)
    chosen_unit = filters.value("unit") if unit.is_main else None
    if chosen_unit is not None:
        queryset = queryset.filter(assigned_unit=chosen_unit)
    items = paginate(request, queryset.order_by("-answered_at", "-pk"), QA_PER_PAGE)
    kept = {key: value for key, value in (("topic", topic), ("unit", chosen_unit.pk if chosen_unit else None)) if value}
    context = {
        "items": items,
        "filters": filters,
        "on_subportal": not unit.is_main,
        "querystring": urlencode(kept) + "&" if kept else "",
        "filtered": bool(kept),
        "route_suffix": "hoi-dap/",
    }
    return home.render(request, context_overrides=context, template="portal/feedback_qa_list.html")


def qa_detail_view(request: HttpRequest, home: Any, code: str) -> HttpResponse:
    unit = _site_unit(request)
    item = _published(request, unit).filter(code=code).first()
    if item is None:
        raise Http404
    context = {"item": item, "route_suffix": f"hoi-dap/{item.code}/"}
    return home.render(request, context_overrides=context, template="portal/feedback_qa_detail.html")
