"""Admin wiring of the sub-portals app."""

from wagtail.snippets.models import register_snippet

from .viewsets import UnitViewSet

register_snippet(UnitViewSet)
