"""The public Q&A pages: filters, pagination, sub-portal scope, languages, a fixed number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from editorial.feedback import services
from editorial.feedback.enums import Topic
from tests.factories import SectionPageFactory, translate

pytestmark = pytest.mark.django_db

SYT = {"HTTP_HOST": "syt.localhost"}
MAIN = {"HTTP_HOST": "localhost"}


def published(world, unit, title: str, topic: str = Topic.HEALTH, head=None):
    item = services.submit(
        services.Submission(
            site_unit=unit,
            title=title,
            question=f"Câu hỏi gốc của Trần Thị Lan về {title}",
            name="Trần Thị Lan",
            email="lan.tran@example.com",
            phone="0912 345 678",
            topic=topic,
            consent_publish=True,
        ),
        notify=False,
    )
    services.assign(item, unit, world.manager, notify=False)
    return services.approve(
        item,
        head,
        answer=f"Trả lời về {title}",
        publish=True,
        published_title=title,
        published_question=f"Câu hỏi về {title}",
        notify=False,
    )


def test_filters_and_scope(client, world):
    vaccine = published(world, world.syt, "Tiêm chủng", Topic.HEALTH, world.syt_head)
    permit = published(world, world.nt, "Giấy phép xây dựng", Topic.CONSTRUCTION, world.nt_head)
    html = client.get("/vi/hoi-dap/", **MAIN).content.decode()
    assert f'data-code="{vaccine.code}"' in html and f'data-code="{permit.code}"' in html
    html = client.get(f"/vi/hoi-dap/?topic={Topic.CONSTRUCTION}", **MAIN).content.decode()
    assert f'data-code="{vaccine.code}"' not in html and f'data-code="{permit.code}"' in html
    html = client.get(f"/vi/hoi-dap/?unit={world.syt.pk}", **MAIN).content.decode()
    assert f'data-code="{vaccine.code}"' in html and f'data-code="{permit.code}"' not in html
    # A sub-portal lists its own unit's answers, whatever unit is asked for.
    html = client.get(f"/vi/hoi-dap/?unit={world.nt.pk}", **SYT).content.decode()
    assert f'data-code="{vaccine.code}"' in html and f'data-code="{permit.code}"' not in html
    assert 'name="unit"' not in html.split('class="fb-filters"')[1].split("</form>")[0]
    html = client.get("/vi/hoi-dap/?topic=land", **MAIN).content.decode()
    assert "Không có câu hỏi nào phù hợp với bộ lọc." in html


def test_no_personal_data_on_any_public_page(client, world):
    item = published(world, world.syt, "Tiêm chủng", head=world.syt_head)
    for url in ("/vi/hoi-dap/", f"/vi/hoi-dap/{item.code}/", f"/vi/gop-y/tra-cuu/?ma={item.code}"):
        html = client.get(url, **SYT).content.decode()
        for personal in ("Trần Thị Lan", "lan.tran@example.com", "0912 345 678", "Câu hỏi gốc"):
            assert personal not in html, (url, personal)


def test_pagination_keeps_the_filters(client, world, settings):
    for number in range(12):
        published(world, world.syt, f"Câu hỏi số {number}", head=world.syt_head)
    html = client.get("/vi/hoi-dap/?topic=health", **SYT).content.decode()
    assert html.count("data-code=") == 10 and "?topic=health&amp;page=2" in html
    second = client.get("/vi/hoi-dap/?topic=health&page=2", **SYT).content.decode()
    assert second.count("data-code=") == 2


def test_the_list_runs_a_fixed_number_of_queries(client, world):
    def count() -> int:
        assert client.get("/vi/hoi-dap/", **MAIN).status_code == 200
        with CaptureQueriesContext(connection) as queries:
            client.get("/vi/hoi-dap/", **MAIN)
        return len(queries)

    published(world, world.syt, "Một", head=world.syt_head)
    few = count()
    for number in range(8):
        published(
            world,
            world.nt if number % 2 else world.syt,
            f"Câu {number}",
            head=world.nt_head if number % 2 else world.syt_head,
        )
    assert count() == few


@pytest.mark.parametrize("language", ["vi", "en", "ru"])
def test_every_page_in_every_language_and_site(client, world, language):
    item = published(world, world.syt, "Tiêm chủng", head=world.syt_head)
    for host in (MAIN, SYT, {"HTTP_HOST": "nhatrang.localhost"}):
        for path in ("gop-y/", "gop-y/tra-cuu/", f"gop-y/tra-cuu/?ma={item.code}", "hoi-dap/"):
            response = client.get(f"/{language}/{path}", **host)
            assert response.status_code == 200, (host, path)
            assert f'<html lang="{language}">' in response.content.decode()
    assert client.get(f"/{language}/hoi-dap/{item.code}/", **SYT).status_code == 200


def test_the_language_switcher_keeps_the_route(client, world):
    html = client.get("/vi/hoi-dap/", **SYT).content.decode()
    assert 'href="/en/hoi-dap/"' in html and 'href="/ru/hoi-dap/"' in html


def test_articles_of_a_hoi_dap_section_still_open(client, world, portal):
    """A section with the slug «hoi-dap» is shadowed by the Q&A list, but its articles stay reachable."""
    from tests.factories import ArticlePageFactory

    section = SectionPageFactory(parent=portal.home, title="Hỏi đáp", slug="hoi-dap")
    article = ArticlePageFactory(parent=section, slug="huong-dan-dat-cau-hoi", title="Hướng dẫn đặt câu hỏi")
    translate(section, "en", title="Q&A")
    assert client.get("/vi/hoi-dap/huong-dan-dat-cau-hoi/", **MAIN).status_code == 200
    assert "fb-filters" in client.get("/vi/hoi-dap/", **MAIN).content.decode()
    assert article.live
