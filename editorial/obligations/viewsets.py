"""The obligations as a snippet: only the management unit adds or changes them; every save is a revision."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import SnippetViewSet

from editorial.royalties.viewsets import RulePolicy

from .models import Obligation
from .permissions import can_manage

# No "delete": an obligation the law no longer requires is retired with a date, and its history stays.
register_permission_policy(Obligation, RulePolicy(Obligation, can_manage, ("add", "change", "view")))


class ObligationViewSet(SnippetViewSet):
    model = Obligation
    icon = "tasks"
    menu_label = _("Nghĩa vụ nội dung")
    add_to_settings_menu = True
    url_prefix = "editorial/obligations/rules"
    admin_url_namespace = "editorial_obligation"
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["code", "title_vi", "rule_type", "applies_to", "retired_on", "sort_order"]
    list_filter = ["rule_type", "applies_to"]
    search_fields = ["code", "title_vi", "legal_basis"]
