"""The rules a legal document must meet: dates, validity status, replacement and attached files.

Plain functions over values and objects (a page instance, a Wagtail document); each returns the
problems as ``{field name: [Vietnamese message, …]}`` so forms show them next to the field.
"""

from __future__ import annotations

import datetime
import os
from typing import Any

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from . import numbering
from .choices import REPLACED_STATUSES, DocumentStatus, DocumentType

Problems = dict[str, list[str]]

ATTACHMENT_EXTENSIONS = ("pdf", "doc", "docx")
MAX_REPLACEMENT_CHAIN = 50


def _date(value: datetime.date) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def _add(problems: Problems, field: str, message: str) -> None:
    problems.setdefault(field, []).append(message)


def date_problems(
    issue_date: datetime.date | None,
    effective_date: datetime.date | None,
    expiry_date: datetime.date | None,
    today: datetime.date | None = None,
) -> Problems:
    """Issue ≤ effective ≤ expiry; a document is not issued in the future nor before 1945."""
    problems: Problems = {}
    today = today or timezone.localdate()
    if issue_date is not None:
        if issue_date > today:
            _add(
                problems,
                "issue_date",
                _("Ngày ban hành (%(date)s) không thể sau ngày hôm nay.") % {"date": _date(issue_date)},
            )
        if issue_date.year < numbering.MIN_YEAR:
            _add(problems, "issue_date", _("Ngày ban hành phải từ năm %(year)s trở đi.") % {"year": numbering.MIN_YEAR})
    if issue_date and effective_date and effective_date < issue_date:
        _add(
            problems,
            "effective_date",
            _("Ngày có hiệu lực (%(effective)s) không thể trước ngày ban hành (%(issue)s).")
            % {"effective": _date(effective_date), "issue": _date(issue_date)},
        )
    start = effective_date or issue_date
    if start and expiry_date and expiry_date < start:
        _add(
            problems,
            "expiry_date",
            _("Ngày hết hiệu lực (%(expiry)s) phải sau ngày có hiệu lực hoặc ngày ban hành (%(start)s).")
            % {"expiry": _date(expiry_date), "start": _date(start)},
        )
    return problems


def status_problems(page: Any) -> Problems:
    """The status agrees with the dates and the replacing document (which is another, later document)."""
    problems: Problems = {}
    status = page.status
    replacing = page.replaced_by if page.replaced_by_id else None
    if status == DocumentStatus.NOT_YET_IN_FORCE and not page.effective_date:
        _add(problems, "effective_date", _("Văn bản chưa có hiệu lực: hãy nhập ngày có hiệu lực."))
    if status == DocumentStatus.EXPIRED and page.expiry_date and page.expiry_date > timezone.localdate():
        _add(
            problems,
            "expiry_date",
            _("Văn bản được ghi là hết hiệu lực nhưng ngày hết hiệu lực (%(date)s) chưa đến.")
            % {"date": _date(page.expiry_date)},
        )
    if status in REPLACED_STATUSES and replacing is None:
        _add(
            problems,
            "replaced_by",
            _("Văn bản bị thay thế: hãy chọn văn bản thay thế (văn bản mới đã đăng trên cổng)."),
        )
    if replacing is None:
        return problems
    if status not in REPLACED_STATUSES:
        _add(
            problems,
            "replaced_by",
            _("Chỉ chọn văn bản thay thế khi tình trạng là «%(partly)s» hoặc «%(wholly)s».")
            % {"partly": DocumentStatus.PARTLY_REPLACED.label, "wholly": DocumentStatus.WHOLLY_REPLACED.label},
        )
    if replacing.pk == page.pk or replacing.translation_key == page.translation_key:
        _add(problems, "replaced_by", _("Một văn bản không thể thay thế chính nó."))
        return problems
    if page.issue_date and replacing.issue_date and replacing.issue_date < page.issue_date:
        _add(
            problems,
            "replaced_by",
            _(
                "Văn bản thay thế «%(title)s» ban hành ngày %(other)s, trước văn bản này (%(issue)s): "
                "văn bản thay thế phải ban hành cùng ngày hoặc sau."
            )
            % {"title": replacing.title, "other": _date(replacing.issue_date), "issue": _date(page.issue_date)},
        )
    if _replacement_loops(page, replacing):
        _add(
            problems,
            "replaced_by",
            _("Văn bản «%(title)s» lại được ghi là bị văn bản này thay thế: hai văn bản không thể thay thế lẫn nhau.")
            % {"title": replacing.title},
        )
    return problems


def replacement_publication_problems(replacing: Any) -> Problems:
    """The replacing document is published for everyone: the public page links it, and a draft has no address.

    Checked by the admin form, not by ``status_problems``: the model's rules also run when a revision is
    published or a translation synchronised, which must not fail because the other document changed since.
    """
    if replacing is None:
        return {}
    from .queries import live_documents

    if live_documents().filter(pk=replacing.pk).exists():
        return {}
    return {
        "replaced_by": [
            _(
                "Văn bản thay thế «%(title)s» chưa được xuất bản công khai trên cổng, nên trang văn bản này không "
                "dẫn được tới nó. Hãy xuất bản văn bản thay thế trước, rồi ghi văn bản này là bị thay thế."
            )
            % {"title": replacing.title}
        ]
    }


def _replacement_loops(page: Any, replacing: Any) -> bool:
    """Following "replaced by" from the replacing document comes back to this one."""
    seen = set()
    current = replacing
    for _step in range(MAX_REPLACEMENT_CHAIN):
        if current.translation_key == page.translation_key:
            return True
        if current.pk in seen or not current.replaced_by_id:
            return False
        seen.add(current.pk)
        current = current.replaced_by
    return False


def number_problems(page: Any, *, required: bool) -> Problems:
    """The number and symbol fits its form, the type, the year of issue and the issuing body."""
    problems: Problems = {}
    text = (page.number_symbol or "").strip()
    if not text:
        if required and page.document_type != DocumentType.HIEN_PHAP:
            _add(problems, "number_symbol", _("Chưa nhập số, ký hiệu văn bản."))
        return problems
    body = page.issuing_body if page.issuing_body_id else None
    try:
        numbering.validate(
            text,
            page.document_type or None,
            page.issue_date.year if page.issue_date else None,
            body.abbreviation if body is not None else "",
        )
    except ValidationError as error:
        problems["number_symbol"] = list(error.messages)
    return problems


def document_problems(page: Any, *, number_required: bool = True) -> Problems:
    """Every rule of a legal document page, merged."""
    problems: Problems = {}
    for found in (
        number_problems(page, required=number_required),
        date_problems(page.issue_date, page.effective_date, page.expiry_date),
        status_problems(page),
    ):
        for field, messages in found.items():
            problems.setdefault(field, []).extend(messages)
    return problems


def attachment_problem(document: Any) -> str | None:
    """Why a Wagtail document cannot be attached to a legal document (only real PDF, DOC, DOCX), or None."""
    from security.uploads import document_size_limit, stored_document_problem

    name = os.path.basename(getattr(document.file, "name", "") or "") or document.title
    extension = os.path.splitext(name)[1].lower().lstrip(".")
    if extension not in ATTACHMENT_EXTENSIONS:
        return _("Tệp «%(name)s»: văn bản pháp luật chỉ đính kèm tệp PDF, DOC hoặc DOCX.") % {"name": name}
    limit = document_size_limit()
    size = getattr(document, "file_size", None)
    if limit and size and size > limit:
        return _("Tệp «%(name)s» quá lớn (%(size)s); dung lượng tối đa là %(max)s.") % {
            "name": name,
            "size": filesizeformat(size),
            "max": filesizeformat(limit),
        }
    return stored_document_problem(document.file, name)
