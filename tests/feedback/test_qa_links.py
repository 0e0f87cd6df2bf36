"""The Q&A links a citizen is given (answer e-mail, lookup page) open the answer, whichever unit gave it."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail

from editorial.feedback.models import Feedback
from tests.feedback.factories import form_data

pytestmark = pytest.mark.django_db

SYT = {"HTTP_HOST": "syt.localhost"}
NT = {"HTTP_HOST": "nhatrang.localhost"}
MAIN = {"HTTP_HOST": "localhost"}
CODE_RE = re.compile(r'data-code="([2-9A-HJ-NP-Z]{10})"')
ANSWER = "Giấy phép xây dựng nhà ở riêng lẻ do UBND thành phố cấp trong 15 ngày làm việc."


def _get(client, url: str):
    """Follow an absolute link as a browser would: the host from the URL, not the test client's default."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return client.get(path, HTTP_HOST=parts.netloc)


def _asked_on_syt_answered_by_nha_trang(client, world) -> Feedback:
    response = client.post(
        "/vi/gop-y/", form_data(title="Thời hạn cấp giấy phép xây dựng", question="Bao lâu thì có giấy phép?"), **SYT
    )
    item = Feedback.objects.get(code=CODE_RE.search(response.content.decode()).group(1))
    client.force_login(world.manager)
    assert client.post(f"/admin/editorial/feedback/{item.pk}/assign/", {"unit": world.nt.pk}).status_code == 302
    client.force_login(world.nt_head)
    response = client.post(
        f"/admin/editorial/feedback/{item.pk}/approve/",
        {
            "answer": ANSWER,
            "publish": "on",
            "published_title": "Thời hạn cấp giấy phép xây dựng",
            "published_question": "Bao lâu thì có giấy phép xây dựng?",
        },
    )
    assert response.status_code == 302
    client.logout()
    item.refresh_from_db()
    assert item.is_published and item.site_unit == world.syt and item.assigned_unit == world.nt
    return item


def test_the_emailed_qa_link_opens_the_answer_when_another_unit_answered(client, world):
    item = _asked_on_syt_answered_by_nha_trang(client, world)
    body = mail.outbox[-1].body
    qa_links = [url for url in re.findall(r"https?://\S+", body) if "/hoi-dap/" in url]
    assert qa_links == [f"http://syt.localhost/vi/hoi-dap/{item.code}/"]
    page = _get(client, qa_links[0])
    assert page.status_code == 200 and ANSWER in page.content.decode()
    # The lookup link of the same e-mail works too, and so does its «Xem trên mục Hỏi đáp».
    [lookup_link] = [url for url in re.findall(r"https?://\S+", body) if "/tra-cuu/" in url]
    lookup = _get(client, lookup_link)
    assert lookup.status_code == 200
    qa_href = re.search(r'<a href="([^"]*hoi-dap/[^"]*)">Xem trên mục Hỏi đáp', lookup.content.decode()).group(1)
    assert client.get(qa_href, **SYT).status_code == 200
    # Listed on the site it was asked on, on the answering unit's site, and on the main portal.
    for host in (SYT, NT, MAIN):
        assert f'data-code="{item.code}"' in client.get("/vi/hoi-dap/", **host).content.decode(), host
        assert client.get(f"/vi/hoi-dap/{item.code}/", **host).status_code == 200, host


def test_a_lookup_on_an_unrelated_sub_portal_links_to_a_page_that_shows_the_answer(client, world):
    from subportals.enums import UnitKind
    from tests.factories import make_unit

    make_unit("stttt", UnitKind.DEPARTMENT)
    item = _asked_on_syt_answered_by_nha_trang(client, world)
    html = client.get(f"/vi/gop-y/tra-cuu/?ma={item.code}", HTTP_HOST="stttt.localhost").content.decode()
    href = re.search(r'<a href="([^"]*hoi-dap/[^"]*)">Xem trên mục Hỏi đáp', html).group(1)
    assert href == f"http://syt.localhost/vi/hoi-dap/{item.code}/"
    assert _get(client, href).status_code == 200
    # That sub-portal's own Q&A does not show it (neither asked there nor answered by its unit).
    assert client.get(f"/vi/hoi-dap/{item.code}/", HTTP_HOST="stttt.localhost").status_code == 404
    # On the main portal the link stays on the main portal.
    html = client.get(f"/vi/gop-y/tra-cuu/?ma={item.code}", **MAIN).content.decode()
    assert f'href="/vi/hoi-dap/{item.code}/">Xem trên mục Hỏi đáp' in html


def test_the_main_portal_still_lists_everything_and_a_sub_portal_only_its_own(client, world):
    item = _asked_on_syt_answered_by_nha_trang(client, world)
    other = client.post("/vi/gop-y/", form_data(title="Câu hỏi gửi qua cổng tỉnh"), **MAIN)
    unrelated = Feedback.objects.get(code=CODE_RE.search(other.content.decode()).group(1))
    client.force_login(world.manager)
    client.post(f"/admin/editorial/feedback/{unrelated.pk}/assign/", {"unit": world.nt.pk})
    client.force_login(world.nt_head)
    client.post(
        f"/admin/editorial/feedback/{unrelated.pk}/approve/",
        {"answer": "Trả lời.", "publish": "on", "published_title": "Câu hỏi", "published_question": "Nội dung?"},
    )
    client.logout()
    main = client.get("/vi/hoi-dap/", **MAIN).content.decode()
    assert f'data-code="{item.code}"' in main and f'data-code="{unrelated.code}"' in main
    syt = client.get("/vi/hoi-dap/", **SYT).content.decode()
    assert f'data-code="{item.code}"' in syt and f'data-code="{unrelated.code}"' not in syt
    assert client.get(f"/vi/hoi-dap/{unrelated.code}/", **SYT).status_code == 404
