"""Admin wiring of advertising: one "Quảng cáo" menu for the management unit, nothing for others."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .models import AdSlot, Advertisement
from .viewsets import AdsViewSetGroup, ManagementOnlyPolicy, ManagersOnlyDeleteBulkAction

register_permission_policy(AdSlot, ManagementOnlyPolicy(AdSlot))
register_permission_policy(Advertisement, ManagementOnlyPolicy(Advertisement))
register_snippet(AdsViewSetGroup)
# After Wagtail's own snippet bulk delete (order 0), so that this one is the ads' delete action.
hooks.register("register_bulk_action", ManagersOnlyDeleteBulkAction, order=100)
