"""Reading and rewriting the database file by hand, as another program (or a user) would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson


def on_disk(path: Path) -> Any:
    """The file's JSON as it is on disk now."""
    return orjson.loads(path.read_bytes())


def rewrite(path: Path, data: Any) -> bytes:
    """Write `data` over the file in place (not atomically); returns the bytes written."""
    content = orjson.dumps(data)
    path.write_bytes(content)
    return content


def bump_schema(path: Path, schema: int) -> bytes:
    """Rewrite the file's one header to say it was saved by a newer version."""
    data = on_disk(path)
    (meta_id,) = data["meta"]
    data["meta"][meta_id]["schema"] = schema
    return rewrite(path, data)


def edit_show(data: Any, slug: str, **fields: object) -> None:
    """Change fields of the show `slug` in data read with `on_disk`.

    A catalog show is not in the file (the catalog ships with the app), so it gets
    a copy of its own there, as a user's show of that name: the app shows that one.
    """
    shows = data.setdefault("shows", {})
    for doc in shows.values():
        if doc["slug"] == slug:
            doc.update(fields)
            return
    from watchlist.storage.catalog import load_catalog
    from watchlist.storage.converters import show_to_doc

    base = show_to_doc(load_catalog().shows[slug])
    shows[str(len(shows) + 1)] = {**base, "origin": "user", **fields}


def entries_on_disk(path: Path) -> list[dict[str, Any]]:
    return list(on_disk(path).get("entries", {}).values())


def watched_on_disk(path: Path, slug: str) -> list[int]:
    """The episodes of `slug` the file holds as watched, in order."""
    for doc in entries_on_disk(path):
        if doc["show"] == slug:
            return sorted(int(n) for n in doc["watched"])
    return []


def total_watched(path: Path) -> int:
    """Watched episodes across every entry in the file."""
    return sum(len(doc["watched"]) for doc in entries_on_disk(path))


def set_aside_files(path: Path) -> list[Path]:
    """Damaged copies of the file that were set aside."""
    return sorted(path.parent.glob(path.name + ".damaged-*"))
