"""Language middleware that leaves the admin and file URLs alone."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language


def _unlocalised_prefixes() -> tuple[str, ...]:
    return ("/admin/", "/documents/", settings.STATIC_URL, settings.MEDIA_URL)


class PortalLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, except that a 404 under /admin/ or a file URL stays a 404.

    Django redirects every unprefixed 404 to "/vi/<path>" when that path resolves, and Wagtail's
    catch-all page route resolves anything: a refused admin URL would become a redirect to a public
    404 page instead of an honest "not found".
    """

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if response.status_code == 404 and request.path_info.startswith(_unlocalised_prefixes()):
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", get_language())
            return response
        return super().process_response(request, response)
