"""The time zone broadcast times are shown in: the `timezone` setting (an IANA name), else
the system's, with TZ honoured. zoneinfo reads the system's database, or the tzdata
package where the system has none."""

from __future__ import annotations

import os
from datetime import datetime, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from msgspec import Struct

from watchlist.domain.errors import InvalidInput
from watchlist.domain.text import quoted

SYSTEM_WORDS = ("", "local", "system")
"""What `--timezone` takes to mean the system's zone again."""
LOCALTIME = Path("/etc/localtime")


class Zone(Struct, frozen=True):
    tz: tzinfo
    name: str
    """ "Europe/Berlin", or what the system calls its zone."""
    chosen: bool
    """Set in the settings, not the system's."""


def _named(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def timezone_setting(text: str) -> str | None:
    """A typed zone, checked: its IANA name, or None for the system's."""
    name = text.strip()
    if name.lower() in SYSTEM_WORDS:
        return None
    if "/" not in name and name.upper() in ("UTC", "GMT"):
        name = name.upper()
    if _named(name) is None:
        raise InvalidInput(
            f"unknown time zone {quoted(text)}: give an IANA name like Europe/Berlin, "
            "or 'local' for the system's"
        )
    return name


def system_zone() -> Zone:
    """The system's zone: TZ when it is set, else /etc/localtime, else the offset the C
    library reports now."""
    wanted = os.environ.get("TZ", "").removeprefix(":")
    if wanted:
        found = _named(wanted)
        if found is not None:
            return Zone(found, wanted, chosen=False)
    elif LOCALTIME.exists():
        try:
            with LOCALTIME.open("rb") as handle:
                zone = ZoneInfo.from_file(handle)
        except (OSError, ValueError):
            pass
        else:
            resolved = str(LOCALTIME.resolve())
            name = resolved.split("zoneinfo/", 1)[1] if "zoneinfo/" in resolved else "local"
            return Zone(zone, name, chosen=False)
    local = datetime.now().astimezone().tzinfo
    assert local is not None
    return Zone(local, datetime.now().astimezone().tzname() or "local", chosen=False)


def zone_for(setting: str | None) -> Zone:
    """The zone times are shown in; a setting that no longer names a zone (a hand-edited
    file, a zone database without it) falls back to the system's."""
    if setting:
        found = _named(setting)
        if found is not None:
            return Zone(found, setting, chosen=True)
    return system_zone()
