"""Public renditions are made when an image is uploaded, so no visitor's page view pays for them."""

from __future__ import annotations

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection

from portal.models import ArticlePage
from portal.renditions import PUBLIC_SPECS
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

Image = get_image_model()


def jpeg(size=(1600, 900), colour=(20, 110, 170)) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, format="JPEG")
    return buffer.getvalue()


def specs_of(image) -> set[str]:
    return set(image.renditions.values_list("filter_spec", flat=True))


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="quantri.anh", is_superuser=True, is_staff=True))
    return client


def test_an_image_uploaded_in_the_admin_has_its_public_renditions(admin_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("wagtailimages:add"),
            {
                "title": "Vịnh Nha Trang",
                "file": SimpleUploadedFile("vinh-nha-trang.jpg", jpeg(), content_type="image/jpeg"),
                "collection": Collection.get_first_root_node().pk,
            },
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    image = Image.objects.get(title="Vịnh Nha Trang")
    assert specs_of(image) == set(PUBLIC_SPECS)
    rendition = image.renditions.get(filter_spec="fill-480x270")
    assert (rendition.width, rendition.height) == (480, 270)


def test_the_multiple_uploader_prepares_them_too(admin_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("wagtailimages:add_multiple"),
            {
                "files[]": SimpleUploadedFile("le-hoi.jpg", jpeg((800, 600)), content_type="image/jpeg"),
                "collection": Collection.get_first_root_node().pk,
            },
        )
    assert response.json()["success"]
    assert specs_of(Image.objects.get()) == set(PUBLIC_SPECS)


def test_a_page_view_after_the_upload_makes_no_rendition(client, portal, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        image = Image(title="Ảnh bài", collection=portal.unit.collection)
        image.file = ContentFile(jpeg(), name="anh-bai.jpg")
        image.save()
    ArticlePage.objects.filter(pk=portal.article.pk).update(featured_image=image)
    before = image.renditions.count()
    assert before == len(PUBLIC_SPECS)
    for url in ("/vi/", "/vi/tin-tuc-su-kien/", "/vi/tin-tuc-su-kien/khanh-hoa-don-khach/"):
        assert client.get(url).status_code == 200
    assert image.renditions.count() == before


def test_a_broken_file_is_kept_and_reported_by_the_command(django_capture_on_commit_callbacks, capsys):
    collection = Collection.get_first_root_node()
    good = Image(title="Ảnh tốt", collection=collection)
    good.file = ContentFile(jpeg((400, 300)), name="tot.jpg")
    good.save()
    # Saved behind the upload form's back: the bytes are not an image.
    broken = Image(title="Ảnh hỏng", collection=collection)
    broken.file.save("hong.jpg", ContentFile(b"\xff\xd8\xff\xe0 not really a jpeg" * 10), save=False)
    broken.width = broken.height = 10
    with django_capture_on_commit_callbacks(execute=True):
        broken.save()  # the renditions fail after the commit: the image stays
    assert Image.objects.filter(pk=broken.pk).exists()

    call_command("prepare_renditions", verbosity=0)
    out, err = capsys.readouterr()
    assert specs_of(good) == set(PUBLIC_SPECS)
    assert specs_of(broken) == set()
    assert "Ảnh hỏng" in err
    assert "1 ảnh lỗi" in out
