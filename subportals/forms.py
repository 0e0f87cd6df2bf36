"""Page forms that refuse images and documents of another unit, even when chosen by ID."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.documents import get_document_model
from wagtail.documents import get_permission_policy as document_permission_policy
from wagtail.images import get_image_model
from wagtail.images import get_permission_policy as image_permission_policy

from .permissions import is_portal_manager

# POST keys of chooser inputs: featured_image, body-0-value-image-image, body-3-value-document, …
FOREIGN_CHOICE_KEY = re.compile(r"(image|document)$")


def _referenced_objects(form_model: type[models.Model], cleaned_data: dict[str, Any]) -> dict[str, dict[type, set]]:
    """Per form field, the model instances it points to: foreign keys, StreamField blocks, rich text."""
    found: dict[str, dict[type, set]] = {}
    for name, value in cleaned_data.items():
        if value in (None, "", []):
            continue
        try:
            field = form_model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        refs: dict[type, set] = defaultdict(set)
        if isinstance(value, models.Model):
            refs[type(value)].add(str(value.pk))
        elif hasattr(field, "extract_references"):
            for model, object_id, _model_path, _content_path in field.extract_references(value):
                refs[model].add(str(object_id))
        if refs:
            found[name] = refs
    return found


class UnitScopedPageForm(WagtailAdminPageForm):
    """A page may only use images and documents from collections its editor may choose from."""

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean()
        user = getattr(self, "for_user", None)
        if user is None or is_portal_manager(user):
            return cleaned_data
        # Name the object by number only: its title belongs to the other unit.
        media = {
            get_image_model(): (image_permission_policy(), _("Ảnh số %(pk)s không thuộc thư mục của đơn vị bạn.")),
            get_document_model(): (
                document_permission_policy(),
                _("Tài liệu số %(pk)s không thuộc thư mục của đơn vị bạn."),
            ),
        }
        foreign_ids: dict[str, set[str]] = {"image": set(), "document": set()}
        for field_name, refs in _referenced_objects(self._meta.model, cleaned_data).items():
            for model, ids in refs.items():
                if model not in media:
                    continue
                policy, message = media[model]
                allowed = policy.collections_user_has_permission_for(user, "choose").values_list("pk", flat=True)
                foreign = model.objects.filter(pk__in=ids).exclude(collection_id__in=list(allowed))
                for pk in foreign.values_list("pk", flat=True):
                    foreign_ids["image" if model is get_image_model() else "document"].add(str(pk))
                    self.add_error(
                        field_name if field_name in self.fields else None,
                        ValidationError(
                            message + " " + _("Hãy chọn ảnh hoặc tài liệu trong thư mục của đơn vị mình."),
                            params={"pk": pk},
                            code="foreign_media",
                        ),
                    )
        if any(foreign_ids.values()):
            self._forget_foreign_choices(foreign_ids)
        return cleaned_data

    def _forget_foreign_choices(self, foreign_ids: dict[str, set[str]]) -> None:
        """The re-rendered form must not show the other unit's image or document, not even its title."""
        data = self.data.copy()
        for key in list(data.keys()):
            value = data.get(key)
            match = FOREIGN_CHOICE_KEY.search(key)
            if match and value in foreign_ids[match.group(1)]:
                data[key] = ""
            elif isinstance(value, str) and '"entityMap"' in value:
                data[key] = _without_foreign_entities(value, foreign_ids)
        self.data = data


def _without_foreign_entities(contentstate: str, foreign_ids: dict[str, set[str]]) -> str:
    """Drop Draftail link/embed entities that point to foreign media; the text itself is kept."""
    try:
        state = json.loads(contentstate)
        entity_map = state["entityMap"]
    except (ValueError, KeyError, TypeError):
        return contentstate
    kinds = {"DOCUMENT": "document", "IMAGE": "image"}
    dropped = {
        key
        for key, entity in entity_map.items()
        if str((entity.get("data") or {}).get("id")) in foreign_ids.get(kinds.get(entity.get("type"), ""), set())
    }
    if not dropped:
        return contentstate
    for key in dropped:
        del entity_map[key]
    for block in state.get("blocks", []):
        block["entityRanges"] = [r for r in block.get("entityRanges", []) if str(r.get("key")) not in dropped]
    return json.dumps(state)
