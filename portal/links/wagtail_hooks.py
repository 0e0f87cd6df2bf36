"""Admin wiring of government links."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .models import GovernmentLink
from .permissions import GovernmentLinkPermissionPolicy
from .viewsets import GovernmentLinkViewSet, ScopedLinkDeleteBulkAction

register_permission_policy(GovernmentLink, GovernmentLinkPermissionPolicy(GovernmentLink))
register_snippet(GovernmentLinkViewSet)
# After Wagtail's own snippet bulk delete (order 0), so that this one is the links' delete action.
hooks.register("register_bulk_action", ScopedLinkDeleteBulkAction, order=100)
