"""``PrintableMixin``: the print view and the PDF of a page as two routes below its URL.

Built on Wagtail's ``RoutablePageMixin`` (the routes are declared with ``@path`` and reversed with
``reverse_subpage`` / ``{% routablepageurl %}``), with one difference in how a route reaches its
view: the page types under ``ContentPage`` refuse any serve arguments (``serve`` raises 404 when
given some, so that no stray path ever renders the page), and that guard must stay. So ``route``
hands Wagtail the page alone, as for its own URL, and keeps the matched view on the request;
``serve`` then calls it. Everything Wagtail does between the two still applies to the routes:
only a live page is routed, view restrictions (login, password, groups) and the page cache's
``before_serve_page`` tagging run as for the page itself. An unknown sub-path stays a 404.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.url_routing import RouteResult

_PENDING = "_printable_route"


class PrintableMixin(RoutablePageMixin):
    """Adds ``in/`` (print view) and ``pdf/`` (PDF download) to a page (NĐ 42/2022, Art. 7)."""

    @path("in/", name="print")
    def print_view(self, request: HttpRequest) -> HttpResponse:
        from .views import print_response

        return print_response(self, request)

    @path("pdf/", name="pdf")
    def pdf_view(self, request: HttpRequest) -> HttpResponse:
        from .views import pdf_response

        return pdf_response(self, request)

    def route(self, request: HttpRequest, path_components: list[str]) -> RouteResult:
        if path_components and self.live:
            match = self._match_subpage(path_components)
            if match is not None:
                request.routable_resolver_match = match
                setattr(request, _PENDING, (self.pk, match))
                return RouteResult(self)
        # The page itself, or its children: exactly as a plain page routes.
        return super(RoutablePageMixin, self).route(request, path_components)

    def _match_subpage(self, path_components: list[str]) -> Any:
        try:
            match = self.resolve_subpage("/" + "/".join(path_components) + "/")
        except Http404:
            return None
        return None if match.url_name == "index_route" else match

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        pending = request.__dict__.pop(_PENDING, None)
        if pending is not None and pending[0] == self.pk and not args and not kwargs:
            match = pending[1]
            return match.func(request, *match.args, **match.kwargs)
        # Page.serve, not RoutablePageMixin.serve: the page's own view takes no route arguments.
        return super(RoutablePageMixin, self).serve(request, *args, **kwargs)

    def serve_preview(self, request: HttpRequest, mode_name: str) -> HttpResponse:
        # A preview shows the page as Page does, not through the routable index view.
        return super(RoutablePageMixin, self).serve_preview(request, mode_name)
