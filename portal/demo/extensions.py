"""Demo content of the structured types (legal documents, procedures, datasets, …), one seeder each.

Each entry is ``"module.path:function"``; the function takes the ``DemoSeeder`` after the sections
and articles exist (``seeder.homes``, ``seeder.locales``, ``seeder.categories``, ``seeder.now``) and
must, like the rest of the seed, look up what exists before creating it.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any

SEEDERS: list[str] = [
    "editorial.royalties.demo:seed",
    "portal.legal.demo:seed",
    "portal.links.demo:seed",
    "portal.ads.demo:seed",
    "portal.procedures.demo:seed",
    "portal.procurement.demo:seed",
    "portal.opendata.demo:seed",
    "portal.directory.demo:seed",
    "editorial.feedback.demo:seed",
]


def seeders() -> list[Callable[[Any], Any]]:
    loaded = []
    for entry in SEEDERS:
        module, _sep, name = entry.partition(":")
        loaded.append(getattr(import_module(module), name))
    return loaded
