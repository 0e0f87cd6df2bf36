"""Page forms that refuse images and documents of another unit, even when chosen by ID."""

from __future__ import annotations

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
        media = {
            get_image_model(): (image_permission_policy(), _("Ảnh «%(title)s» không thuộc thư mục của đơn vị bạn.")),
            get_document_model(): (
                document_permission_policy(),
                _("Tài liệu «%(title)s» không thuộc thư mục của đơn vị bạn."),
            ),
        }
        for field_name, refs in _referenced_objects(self._meta.model, cleaned_data).items():
            for model, ids in refs.items():
                if model not in media:
                    continue
                policy, message = media[model]
                allowed = policy.collections_user_has_permission_for(user, "choose").values_list("pk", flat=True)
                foreign = model.objects.filter(pk__in=ids).exclude(collection_id__in=list(allowed))
                for obj in foreign:
                    self.add_error(
                        field_name if field_name in self.fields else None,
                        ValidationError(
                            message + " " + _("Hãy chọn ảnh hoặc tài liệu trong thư mục của đơn vị mình."),
                            params={"title": obj.title},
                            code="foreign_media",
                        ),
                    )
        return cleaned_data
