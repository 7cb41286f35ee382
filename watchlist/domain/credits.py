"""A show's provenance names the datasets its facts came from, each credited once:
"bangumi-data 0.3.1 (CC BY 4.0); anime-offline-database 2024-12 (ODbL 1.0)"."""

from __future__ import annotations

from typing import Any


def credits_of(*provenances: Any) -> dict[str, str]:
    """Each dataset credited in `provenances` by its name (the credit's first word), a
    later credit of one dataset replacing an earlier one."""
    named: dict[str, str] = {}
    for given in provenances:
        for part in str(given or "").split("; "):
            if part:
                named[part.split(" ")[0]] = part
    return named
