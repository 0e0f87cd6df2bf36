"""Rule types of the obligations checklist: plain functions of a site's facts and an obligation's parameters.

Obligations are data (editorial.obligations.models.Obligation); what an obligation checks is one of
the rule types registered here. Each rule type declares its parameters, so that the management unit's
form refuses a wrong one with a clear message and the checklist never runs on a malformed rule.
Adding a rule type is a code change; adding, changing or retiring an obligation is not.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .enums import Status
from .facts import SiteFacts, local_date

MAX_PARAMETERS_CHARS = 2000
MAX_LIST_ITEMS = 20
MAX_TEXT_CHARS = 200
MAX_DAYS = 3650
MAX_COUNT = 1000
MAX_LISTED = 3  # names of failing items quoted in a detail


@dataclass(frozen=True)
class RuleResult:
    """The verdict of one obligation on one site, with what the unit should do next."""

    status: str
    detail: str = ""
    last_updated: datetime.date | None = None
    next_step: str = ""

    @property
    def failed(self) -> bool:
        return self.status == Status.FAILED

    @property
    def label(self) -> str:
        return str(Status(self.status).label)


def ok(detail: str, last_updated: datetime.date | None = None) -> RuleResult:
    return RuleResult(Status.OK, detail, last_updated)


def failed(detail: str, next_step: str, last_updated: datetime.date | None = None) -> RuleResult:
    return RuleResult(Status.FAILED, detail, last_updated, next_step)


def not_applicable(detail: str) -> RuleResult:
    return RuleResult(Status.NOT_APPLICABLE, detail)


# -- parameters ------------------------------------------------------------------------------------

LEGAL_FIELDS: dict[str, Any] = {
    "number_symbol": gettext_lazy("số, ký hiệu"),
    "document_type": gettext_lazy("loại văn bản"),
    "issuing_body": gettext_lazy("cơ quan ban hành"),
    "issue_date": gettext_lazy("ngày ban hành"),
    "effective_date": gettext_lazy("ngày có hiệu lực"),
    "summary": gettext_lazy("trích yếu"),
}


@dataclass(frozen=True)
class Param:
    """One parameter of a rule type: ``kind`` is days, count, flag, category, categories, texts, urls or fields."""

    kind: str
    required: bool = False
    default: Any = None
    help: Any = ""


def _as_int(name: str, value: Any, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(_("Tham số «%(name)s» phải là số nguyên.") % {"name": name})
    if not low <= value <= high:
        raise ValidationError(
            _("Tham số «%(name)s» phải từ %(low)s đến %(high)s.") % {"name": name, "low": low, "high": high}
        )
    return value


def _as_texts(name: str, value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValidationError(_('Tham số «%(name)s» phải là một danh sách chuỗi, ví dụ ["a", "b"].') % {"name": name})
    if len(value) > MAX_LIST_ITEMS:
        raise ValidationError(
            _("Tham số «%(name)s» có tối đa %(limit)s phần tử.") % {"name": name, "limit": MAX_LIST_ITEMS}
        )
    items = [" ".join(item.split()) for item in value]
    if any(not item or len(item) > MAX_TEXT_CHARS for item in items):
        raise ValidationError(
            _("Mỗi phần tử của «%(name)s» không được rỗng và dài tối đa %(limit)s ký tự.")
            % {"name": name, "limit": MAX_TEXT_CHARS}
        )
    return items


def _category_codes() -> set[str]:
    from portal.models import Category

    return set(Category.objects.values_list("code", flat=True))


def _check_categories(name: str, codes: list[str]) -> list[str]:
    unknown = sorted(set(codes) - _category_codes())
    if unknown:
        raise ValidationError(
            _("Tham số «%(name)s»: không có chuyên mục mã %(codes)s.") % {"name": name, "codes": ", ".join(unknown)}
        )
    return codes


def _check_url(name: str, url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname or parts.username or parts.password:
        raise ValidationError(
            _("Tham số «%(name)s»: «%(url)s» không phải địa chỉ web đầy đủ (https://…).") % {"name": name, "url": url}
        )
    return url


def _clean_value(name: str, spec: Param, value: Any) -> Any:
    if spec.kind == "days":
        return _as_int(name, value, 1, MAX_DAYS)
    if spec.kind == "grace":
        return _as_int(name, value, 0, MAX_DAYS)
    if spec.kind == "count":
        return _as_int(name, value, 1, MAX_COUNT)
    if spec.kind == "flag":
        if not isinstance(value, bool):
            raise ValidationError(_("Tham số «%(name)s» phải là true hoặc false.") % {"name": name})
        return value
    if spec.kind == "category":
        if not isinstance(value, str):
            raise ValidationError(_("Tham số «%(name)s» phải là mã một chuyên mục.") % {"name": name})
        return _check_categories(name, [value])[0]
    items = _as_texts(name, value)
    if spec.required and not items:
        raise ValidationError(_("Tham số «%(name)s» cần ít nhất một phần tử.") % {"name": name})
    if spec.kind == "categories":
        return _check_categories(name, items)
    if spec.kind == "urls":
        return [_check_url(name, item) for item in items]
    if spec.kind == "document_types":
        from portal.legal.choices import DocumentType

        unknown = [item for item in items if item not in DocumentType.values]
        if unknown:
            raise ValidationError(
                _("Tham số «%(name)s»: loại văn bản không hợp lệ %(types)s; chọn trong %(allowed)s.")
                % {"name": name, "types": ", ".join(unknown), "allowed": ", ".join(DocumentType.values)}
            )
    if spec.kind == "fields":
        unknown = [item for item in items if item not in LEGAL_FIELDS]
        if unknown:
            raise ValidationError(
                _("Tham số «%(name)s»: trường không hợp lệ %(fields)s; chọn trong %(allowed)s.")
                % {"name": name, "fields": ", ".join(unknown), "allowed": ", ".join(LEGAL_FIELDS)}
            )
    return items


def clean_parameters(rule_type: str, parameters: Any) -> dict[str, Any]:
    """The parameters checked against the rule type, with defaults filled in; ValidationError in Vietnamese."""
    rule = RULE_TYPES.get(rule_type)
    if rule is None:
        raise ValidationError(_("Loại quy tắc «%(code)s» không tồn tại.") % {"code": str(rule_type)[:40]})
    if parameters in (None, ""):
        parameters = {}
    if not isinstance(parameters, dict):
        raise ValidationError(_('Tham số phải là một đối tượng JSON, ví dụ {"max_age_days": 30}.'))
    if len(json.dumps(parameters, ensure_ascii=False)) > MAX_PARAMETERS_CHARS:
        raise ValidationError(_("Tham số quá dài (tối đa %(limit)s ký tự).") % {"limit": MAX_PARAMETERS_CHARS})
    unknown = sorted(set(parameters) - set(rule.params))
    if unknown:
        allowed = ", ".join(rule.params) or _("không có")
        raise ValidationError(
            _("Loại quy tắc «%(rule)s» không có tham số %(names)s; các tham số dùng được: %(allowed)s.")
            % {"rule": rule.label, "names": ", ".join(name[:40] for name in unknown), "allowed": allowed}
        )
    cleaned: dict[str, Any] = {}
    errors: list[ValidationError] = []
    for name, spec in rule.params.items():
        if name not in parameters or parameters[name] is None:
            if spec.required:
                errors.append(ValidationError(_("Thiếu tham số bắt buộc «%(name)s».") % {"name": name}))
            elif spec.default is not None:
                cleaned[name] = spec.default
            continue
        try:
            cleaned[name] = _clean_value(name, spec, parameters[name])
        except ValidationError as error:
            errors.append(error)
    if errors:
        raise ValidationError(errors)
    return cleaned


# -- the rule types --------------------------------------------------------------------------------


def _date(value: datetime.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "—"


def _listed(names: list[str]) -> str:
    quoted = ", ".join(f"«{name}»" for name in names[:MAX_LISTED])
    if len(names) > MAX_LISTED:
        quoted += _(" và %(n)s mục khác") % {"n": len(names) - MAX_LISTED}
    return quoted


def _sentence(text: str) -> str:
    """First letter up, the rest as written (names keep their capitals), a full stop."""
    return text[:1].upper() + text[1:] + "."


def _too_old(last: datetime.date | None, max_age_days: int | None, today: datetime.date) -> bool:
    return max_age_days is not None and (last is None or (today - last).days > max_age_days)


def category_content(facts: SiteFacts, params: dict[str, Any]) -> RuleResult:
    """The site carries live content in one Article 8 category (optionally updated within N days)."""
    code, max_age = params["category"], params.get("max_age_days")
    name = facts.category_names.get(code, code)
    found = facts.category_content.get(code)
    if not found or not found.count:
        return failed(
            _("Chưa có nội dung nào đang hiển thị trong chuyên mục «%(name)s».") % {"name": name},
            _("Đăng thông tin thuộc chuyên mục «%(name)s».") % {"name": name},
        )
    last = local_date(found.last)
    detail = _("%(count)s mục; cập nhật gần nhất %(date)s.") % {"count": found.count, "date": _date(last)}
    if _too_old(last, max_age, facts.today):
        return failed(
            detail,
            _("Cập nhật chuyên mục «%(name)s»: quá %(days)s ngày chưa có thông tin mới.")
            % {"name": name, "days": max_age},
            last,
        )
    return ok(detail, last)


def _organisation_pages(facts: SiteFacts, params: dict[str, Any]) -> list[Any]:
    from search.folding import fold

    keywords = [fold(word) for word in params.get("title_keywords", [])]
    pages = facts.source_pages(params["categories"])
    if keywords:
        pages = [page for page in pages if any(word in fold(page.title) for word in keywords)]
    return pages


def organisation_page(facts: SiteFacts, params: dict[str, Any]) -> RuleResult:
    """The organisation chart, functions and tasks are published (a page of the given categories) and current."""
    pages = _organisation_pages(facts, params)
    if not pages:
        return failed(
            _("Chưa có trang giới thiệu cơ cấu tổ chức, chức năng, nhiệm vụ của đơn vị."),
            _("Đăng trang cơ cấu tổ chức, chức năng, nhiệm vụ (tiêu đề nêu rõ «cơ cấu tổ chức» hoặc «chức năng»)."),
        )
    newest = pages[0]
    last = local_date(newest.last_published_at)
    detail = _("«%(title)s», cập nhật %(date)s.") % {"title": newest.title, "date": _date(last)}
    max_age = params["max_age_days"]
    if _too_old(last, max_age, facts.today):
        return failed(
            detail,
            _("Rà soát và cập nhật trang cơ cấu tổ chức, chức năng, nhiệm vụ (quá %(days)s ngày).") % {"days": max_age},
            last,
        )
    return ok(detail, last)


def named_contacts(facts: SiteFacts, params: dict[str, Any]) -> RuleResult:
    """Named contact officials are published and confirmed by the unit within N days."""
    from portal.directory.services import stale_contacts

    contacts, minimum, max_age = facts.contacts, params["min_count"], params["max_age_days"]
    if len(contacts) < minimum:
        return failed(
            _("Có %(count)s người liên hệ; cần ít nhất %(min)s.") % {"count": len(contacts), "min": minimum},
            _("Khai báo lãnh đạo và đầu mối liên hệ của đơn vị (họ tên, chức vụ, thư điện tử, điện thoại)."),
        )
    confirmed = [contact.confirmed_at for contact in contacts if contact.confirmed_at]
    oldest = min(confirmed) if len(confirmed) == len(contacts) else None
    stale = stale_contacts(facts.unit, max_age, facts.today)
    if stale:
        return failed(
            _("%(count)s người liên hệ chưa được xác nhận trong %(days)s ngày: %(names)s.")
            % {"count": len(stale), "days": max_age, "names": _listed([contact.full_name for contact in stale])},
            _("Xác nhận lại thông tin người liên hệ và ghi ngày xác nhận."),
            oldest,
        )
    return ok(
        _("%(count)s người liên hệ, xác nhận từ %(date)s.") % {"count": len(contacts), "date": _date(oldest)}, oldest
    )


def english_version(facts: SiteFacts, params: dict[str, Any]) -> RuleResult:
    """The organisation, functions and contacts exist in English and are not older than the Vietnamese."""
    pages = _organisation_pages(facts, params)
    contacts = facts.contacts if params["include_contacts"] else []
    if not pages and not contacts:
        return not_applicable(_("Chưa có trang cơ cấu tổ chức hay người liên hệ để dịch."))
    english = facts.translations(pages, "en")
    grace = datetime.timedelta(days=params["grace_days"])
    missing = [page.title for page in pages if page.translation_key not in english]
    behind = [
        page.title
        for page in pages
        if page.translation_key in english
        and page.last_published_at is not None
        and (english[page.translation_key] is None or english[page.translation_key] + grace < page.last_published_at)
    ]
    untranslated_contacts = [contact.full_name for contact in contacts if not contact.position_en.strip()]
    problems = []
    if missing:
        problems.append(_("chưa có bản tiếng Anh: %(pages)s") % {"pages": _listed(missing)})
    if behind:
        problems.append(_("bản tiếng Anh cũ hơn bản tiếng Việt: %(pages)s") % {"pages": _listed(behind)})
    if untranslated_contacts:
        problems.append(_("chức vụ chưa có tiếng Anh: %(names)s") % {"names": _listed(untranslated_contacts)})
    dates = [local_date(value) for value in english.values() if value is not None]
    last = max(dates) if dates else None
    if problems:
        return failed(
            _sentence("; ".join(problems)),
            _("Dịch hoặc cập nhật bản tiếng Anh của cơ cấu tổ chức, chức năng, nhiệm vụ và chức vụ người liên hệ."),
            last,
        )
    return ok(
        _("%(pages)s trang và %(contacts)s người liên hệ có bản tiếng Anh.")
        % {"pages": len(pages), "contacts": len(contacts)},
        last,
    )


def legal_documents_complete(facts: SiteFacts, params: dict[str, Any]) -> RuleResult:
    """Every published legal document shows its form, body, number, dates and abstract, with a file."""
    documents = facts.legal_documents
    if not documents:
        return not_applicable(_("Chưa có văn bản pháp luật nào trên cổng."))
    required, require_file = params["required_fields"], params["require_file"]
    # Letters, notices and plans take effect when signed: they carry no effective date of their own.
    no_effective_date = set(params["no_effective_date_types"])
    incomplete: list[str] = []
    for document in documents:
        empty = [
            str(LEGAL_FIELDS[name])
            for name in required
            if not getattr(document, f"{name}_id" if name == "issuing_body" else name, None)
            and not (name == "effective_date" and document.document_type in no_effective_date)
        ]
        if require_file and not document.files:
            empty.append(str(_("tệp đính kèm")))
        if empty:
            incomplete.append(f"{document.number_symbol or document.title} ({', '.join(empty)})")
    dates = [local_date(document.last_published_at) for document in documents if document.last_published_at]
    last = max(dates) if dates else None
    if incomplete:
        return failed(
            _("%(count)s/%(total)s văn bản thiếu thông tin: %(items)s.")
            % {"count": len(incomplete), "total": len(documents), "items": _listed(incomplete)},
            _("Bổ sung số, ký hiệu, ngày ban hành, ngày hiệu lực, trích yếu và tệp toàn văn cho văn bản còn thiếu."),
            last,
        )
    return ok(_("%(total)s văn bản đủ thông tin và có tệp.") % {"total": len(documents)}, last)


def _matches_prefix(url: str, prefix: str) -> bool:
    """A prefix matches at a boundary: ``https://dichvucong.gov.vn`` never matches ``…gov.vn.example.com``."""
    url, prefix = url.strip(), prefix.strip()
    if prefix.endswith(("/", "?", "=")):
        return url.startswith(prefix)
    return url == prefix or url.startswith((prefix + "/", prefix + "?", prefix + "#"))


def procedures_linked(facts: SiteFacts, params: dict[str, Any]) -> RuleResult:
    """Every published procedure links to the national public service portal (NĐ 42/2022 Art. 4)."""
    procedures = facts.procedures
    if not procedures:
        return not_applicable(_("Chưa có thủ tục hành chính nào trên cổng."))
    prefixes = params["url_prefixes"]
    unlinked = [
        f"{procedure.national_code} {procedure.title}"
        for procedure in procedures
        if not any(_matches_prefix(procedure.service_link, prefix) for prefix in prefixes)
    ]
    dates = [local_date(procedure.last_published_at) for procedure in procedures if procedure.last_published_at]
    last = max(dates) if dates else None
    if unlinked:
        return failed(
            _("%(count)s/%(total)s thủ tục không dẫn tới Cổng Dịch vụ công: %(items)s.")
            % {"count": len(unlinked), "total": len(procedures), "items": _listed(unlinked)},
            _("Sửa đường dẫn dịch vụ công của các thủ tục này (để trống để dẫn tới Cổng Dịch vụ công quốc gia)."),
            last,
        )
    return ok(_("%(total)s thủ tục đều dẫn tới Cổng Dịch vụ công.") % {"total": len(procedures)}, last)


def government_links(facts: SiteFacts, params: dict[str, Any]) -> RuleResult:
    """The site links to related agencies (NĐ 42/2022 Art. 7)."""
    links, minimum = facts.government_links, params["min_count"]
    dates = [local_date(link.updated_at) for link in links if link.updated_at]
    last = max(dates) if dates else None
    if len(links) < minimum:
        return failed(
            _("Có %(count)s liên kết; cần ít nhất %(min)s.") % {"count": len(links), "min": minimum},
            _("Thêm liên kết tới cổng thông tin của các cơ quan liên quan."),
            last,
        )
    return ok(_("%(count)s liên kết đang hiển thị.") % {"count": len(links)}, last)


# -- the registry ----------------------------------------------------------------------------------

ORGANISATION_PARAMS = {
    "categories": Param("categories", required=True, help=gettext_lazy("mã các chuyên mục chứa trang tổ chức")),
    "title_keywords": Param("texts", default=[], help=gettext_lazy("từ trong tiêu đề (không dấu cũng được)")),
}


@dataclass(frozen=True)
class RuleType:
    code: str
    label: Any
    check: Callable[[SiteFacts, dict[str, Any]], RuleResult]
    params: dict[str, Param] = field(default_factory=dict)
    example: str = "{}"


RULE_TYPES: dict[str, RuleType] = {
    rule.code: rule
    for rule in (
        RuleType(
            "category_content",
            gettext_lazy("Có nội dung trong chuyên mục"),
            category_content,
            {"category": Param("category", required=True), "max_age_days": Param("days")},
            '{"category": "tin-tuc", "max_age_days": 30}',
        ),
        RuleType(
            "organisation_page",
            gettext_lazy("Có trang cơ cấu tổ chức, chức năng, nhiệm vụ"),
            organisation_page,
            {**ORGANISATION_PARAMS, "max_age_days": Param("days", default=365)},
            '{"categories": ["to-chuc-bo-may"], "title_keywords": ["cơ cấu tổ chức"], "max_age_days": 365}',
        ),
        RuleType(
            "named_contacts",
            gettext_lazy("Có người liên hệ, được xác nhận"),
            named_contacts,
            {"min_count": Param("count", default=1), "max_age_days": Param("days", default=180)},
            '{"min_count": 1, "max_age_days": 180}',
        ),
        RuleType(
            "english_version",
            gettext_lazy("Có bản tiếng Anh không cũ hơn bản tiếng Việt"),
            english_version,
            {
                **ORGANISATION_PARAMS,
                "grace_days": Param("grace", default=0),
                "include_contacts": Param("flag", default=True),
            },
            '{"categories": ["to-chuc-bo-may"], "grace_days": 0, "include_contacts": true}',
        ),
        RuleType(
            "legal_documents_complete",
            gettext_lazy("Văn bản pháp luật đủ thông tin và có tệp"),
            legal_documents_complete,
            {
                "required_fields": Param("fields", default=list(LEGAL_FIELDS)),
                "require_file": Param("flag", default=True),
                "no_effective_date_types": Param("document_types", default=[]),
            },
            '{"required_fields": ["number_symbol", "issue_date", "effective_date", "summary"], "require_file": true}',
        ),
        RuleType(
            "procedures_linked",
            gettext_lazy("Thủ tục hành chính dẫn tới Cổng Dịch vụ công"),
            procedures_linked,
            {"url_prefixes": Param("urls", required=True)},
            '{"url_prefixes": ["https://dichvucong.gov.vn"]}',
        ),
        RuleType(
            "government_links",
            gettext_lazy("Có liên kết tới cơ quan liên quan"),
            government_links,
            {"min_count": Param("count", default=1)},
            '{"min_count": 3}',
        ),
    )
}


def rule_type_choices() -> list[tuple[str, Any]]:
    return [(rule.code, rule.label) for rule in RULE_TYPES.values()]


def parameters_help() -> str:
    """One line per rule type with an example of its parameters, shown under the form field."""
    return " | ".join(f"{rule.label}: {rule.example}" for rule in RULE_TYPES.values())


def run(rule_type: str, facts: SiteFacts, parameters: Any) -> RuleResult:
    """Check one obligation; a rule stored with wrong parameters (shell, old data) is reported, never raised."""
    try:
        params = clean_parameters(rule_type, parameters)
    except ValidationError as error:
        return not_applicable(_("Nghĩa vụ cấu hình sai: %(error)s") % {"error": " ".join(error.messages)})
    return RULE_TYPES[rule_type].check(facts, params)
