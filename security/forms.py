"""Wagtail image and document forms whose uploads are checked on their content (S-LC 4.6, S-HD 15.6).

Wired with ``WAGTAILIMAGES_IMAGE_FORM_BASE = "security.forms.ContentCheckedImageForm"`` and
``WAGTAILDOCS_DOCUMENT_FORM_BASE = "security.forms.ContentCheckedDocumentForm"``; Wagtail builds
every image/document form from these (add, edit, multiple upload, chooser upload, API v3), on each
request. A future base form (for instance one scoping collections to a sub-portal) keeps the checks
by putting the mixin first: ``class UnitImageForm(ContentCheckedImageFormMixin, BaseImageForm)``.

The file field is swapped for one that runs the content checks before Wagtail's own, so that the
size is checked before anything is read and the editor is told what the file really is (Wagtail's
field would otherwise open a renamed program with Willow and only say "not a valid image").
``clean_file`` then scans the upload for viruses and, for images, stores a re-encoded copy.
"""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.forms.fields import FileField
from wagtail.documents.fields import WagtailDocumentField
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from .uploads import check_document, check_image, sanitise_image, scan_with_clamav


class ContentCheckedImageField(WagtailImageField):
    """Size, then real type, polyglots and pixel count, before Wagtail's checks with Willow."""

    def to_python(self, data: Any) -> Any:
        upload = FileField.to_python(self, data)
        if upload is None:
            return None
        check_image(upload, upload.name)
        return super().to_python(data)


class ContentCheckedDocumentField(WagtailDocumentField):
    """Size, then real type, macros, encryption and archive bombs."""

    def to_python(self, data: Any) -> Any:
        upload = FileField.to_python(self, data)
        if upload is None:
            return None
        check_document(upload, upload.name)
        return super().to_python(data)


def _use_file_field(form: Any, field_class: type[FileField]) -> None:
    """Swap the form's generated file field for field_class, keeping its label, widget and flags.

    Only forms that have a file field are touched: the multiple-upload edit forms have none.
    """
    current = form.fields.get("file")
    if current is None or isinstance(current, field_class):
        return
    form.fields["file"] = field_class(
        label=current.label,
        required=current.required,
        widget=current.widget,
        max_length=current.max_length,
        allow_empty_file=current.allow_empty_file,
        disabled=current.disabled,
    )


def _replace_content(upload: UploadedFile, data: bytes) -> None:
    """Write the re-encoded image over the uploaded one, in the request's own file object.

    Not a new file object: Wagtail's multiple uploader stores ``request.FILES["files[]"]`` itself
    (as an UploadedFile to finish later) when another field of the form is invalid, and that copy
    must be the clean one too. A temporary file on disk is rewritten, since storages move it.
    """
    handle = upload.file
    handle.seek(0)
    handle.truncate()
    handle.write(data)
    handle.flush()
    handle.seek(0)
    upload.size = len(data)


class ContentCheckedImageFormMixin:
    """Put first in the bases of an image form: checked uploads, scanned, stored re-encoded."""

    fields: dict[str, Any]
    cleaned_data: dict[str, Any]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _use_file_field(self, ContentCheckedImageField)

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if not isinstance(upload, UploadedFile):
            return upload  # unchanged on edit: the stored file was checked when it came in
        scan_with_clamav(upload, upload.name)
        _replace_content(upload, sanitise_image(upload, upload.name).read())
        return upload


class ContentCheckedDocumentFormMixin:
    """Put first in the bases of a document form: checked uploads, scanned."""

    fields: dict[str, Any]
    cleaned_data: dict[str, Any]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _use_file_field(self, ContentCheckedDocumentField)

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            scan_with_clamav(upload, upload.name)
        return upload


class ContentCheckedImageForm(ContentCheckedImageFormMixin, BaseImageForm):
    """``WAGTAILIMAGES_IMAGE_FORM_BASE``."""


class ContentCheckedDocumentForm(ContentCheckedDocumentFormMixin, BaseDocumentForm):
    """``WAGTAILDOCS_DOCUMENT_FORM_BASE``."""
