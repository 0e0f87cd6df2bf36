"""Renditions the public templates show, made when an image is uploaded, not on a visitor's request.

A rendition made during a page view costs the visitor a decode, a resize and a write, and a page
listing twenty new images pays it twenty times. Made after the upload's commit instead, in one
``get_renditions`` call; ``manage.py prepare_renditions`` does the same for images already stored.
"""

from __future__ import annotations

import logging

from django.db import transaction

from .listings import FEATURED_SPEC, THUMBNAIL_SPEC

logger = logging.getLogger(__name__)

SOCIAL_SPEC = "fill-1200x630"  # og:image of articles
BODY_SPEC = "width-960"  # images inside article bodies
PUBLIC_SPECS = (THUMBNAIL_SPEC, FEATURED_SPEC, SOCIAL_SPEC, BODY_SPEC)


def prepare(image) -> bool:
    """Make every public rendition of the image; a broken file is logged, never raised."""
    try:
        image.get_renditions(*PUBLIC_SPECS)
    except Exception:
        logger.warning("Could not prepare the renditions of image %s", image.pk, exc_info=True)
        return False
    return True


def prepare_after_commit(image) -> None:
    image_id = image.pk

    def run() -> None:
        from wagtail.images import get_image_model

        fresh = get_image_model().objects.filter(pk=image_id).first()
        if fresh is not None:
            prepare(fresh)

    transaction.on_commit(run, robust=True)
