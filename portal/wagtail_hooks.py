"""Admin wiring of the portal app."""

from wagtail.snippets.models import register_snippet

from .viewsets import CategoryViewSet

register_snippet(CategoryViewSet)
