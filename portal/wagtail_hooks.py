"""Admin wiring of the portal app."""

from wagtail import hooks
from wagtail.models import Site
from wagtail.snippets.models import register_snippet

from .viewsets import CategoryViewSet

register_snippet(CategoryViewSet)


@hooks.register("before_serve_page")
def tag_for_page_cache(page, request, serve_args, serve_kwargs):
    """The page cache stores this response under the page's and its site's tags."""
    from portal.pagecache.middleware import tag_request

    site = Site.find_for_request(request)
    tag_request(request, page.pk, site.pk if site else None)
