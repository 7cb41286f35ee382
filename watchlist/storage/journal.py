"""The undo journal: a bounded history of inverse changes, kept in the database itself.

Every change a user makes is saved together with one journal step, in the same
atomic save: what each record it touched looked like before, field by field,
and a digest of what it looks like after. Undoing a step puts the earlier
values back, but only where the record still looks exactly as that step left
it: if another copy of watchlist (or a later change) has changed it since, the
undo is refused and nothing is touched. Undo takes the newest step (a running
copy may ask for its own newest first), so steps are undone in the reverse of
the order they were made, back through the last `MAX_STEPS` changes, across
restarts.

A step is one document in the `journal` table:

    {"id": "000042", "seq": 42, "at": "...", "label": "watched Metallic Rouge episode 3",
     "origin": "9f2c...", "ops": [op, ...]}

and an op is one record's change, or a file beside the database replaced as a whole
(an imported season catalog: the version before is kept under another name until
the step is forgotten). A change that adds `FOLD_FROM` records or more to a table (an
import) keeps its adds to that table in one op, "adds", which undoes as the "add" of
each key would:

    {"t": table, "k": key, "op": "add", "h": digest of the new document}
    {"t": table, "op": "adds", "k": [key, ...], "h": [digest, ...]}
    {"t": table, "k": key, "op": "del", "before": the removed document}
    {"t": table, "k": key, "op": "set", "before": {field: old value or null},
     "h": digest of the changed fields' new values}
    {"t": table, "k": key, "op": "set", "before": {...}, "within": {field: {"had": {key:
     old value}, "lacked": [key, ...]}}, "h": digest of [the fields' new values, the
     named keys' new values]}
    {"t": "file", "k": suffix, "op": "file", "kept": name of the version before or null,
     "h": digest of the new file's bytes}

A field that is a mapping before and after the change (an entry's watched episodes) is
kept "within": only the keys the change touched, with the values they had, and the keys
it added. Marking episode 1,001 of a long show then keeps one key, not the thousand
before it: a full journal of such marks was 4 MB, rewritten at every save. Its digest is
of a list, never of an object as in the older form, so a version that reads only
"before" finds it changed and refuses the undo rather than half doing it.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from typing import Any

import orjson
from msgspec import Struct

from watchlist.domain.errors import InvalidInput
from watchlist.storage.moment_texts import digit_keys

TABLE = "journal"
MAX_STEPS = 100
"""Changes that can be undone; the oldest step is forgotten when a newer one is saved."""
FOLD_FROM = 100
"""Changes to one table from which a step keeps the table's new records in one "adds" op:
an import of 100,000 shows is then two lists a table, not 200,000 ops (a fifth of the file,
and about 70 MB while it saves)."""
BOOKKEEPING = frozenset({"updated_at"})
"""Fields every change rewrites: left out of the steps, so they never make two changes
of one record look like a conflict."""

Doc = dict[str, Any]


class NothingToUndo(InvalidInput):
    """The journal is empty: refused, nothing changed."""


class UndoConflict(InvalidInput):
    """A record the step changed has been changed again since; nothing was undone."""


DAMAGED = "the journal's record of this change is damaged; nothing was undone"


class Step(Struct, frozen=True):
    """One change that can be undone, as the journal lists it."""

    seq: int
    at: datetime
    label: str
    origin: str
    """Which running copy of watchlist made it."""


def digest(value: Any) -> str:
    """A short fingerprint of a stored value (the same value always gives the same one)."""
    return f"{zlib.crc32(orjson.dumps(value, option=orjson.OPT_SORT_KEYS)):08x}"


def _fields(doc: Doc) -> set[str]:
    return set(doc) - BOOKKEEPING


def _kept(doc: Doc) -> Doc:
    if BOOKKEEPING.isdisjoint(doc):
        return doc  # nothing to leave out (a show, a verdict): no copy
    return {name: value for name, value in doc.items() if name not in BOOKKEEPING}


def diff(table: str, key: str, before: Doc | None, after: Doc | None) -> Doc | None:
    """The op that undoes changing one record from `before` to `after` (None: absent)."""
    if before is None and after is None:
        return None
    if before is None:
        assert after is not None
        return {"t": table, "k": key, "op": "add", "h": digest(_kept(after))}
    if after is None:
        return {"t": table, "k": key, "op": "del", "before": before}
    changed = sorted(
        name for name in _fields(before) | _fields(after) if before.get(name) != after.get(name)
    )
    if not changed:
        return None
    old: Doc = {}
    within: Doc = {}
    for name in changed:
        was, now = before.get(name), after.get(name)
        if type(was) is dict and type(now) is dict:
            within[name] = _touched(was, now)
        else:
            old[name] = was
    op: Doc = {"t": table, "k": key, "op": "set", "before": old}
    if not within:
        op["h"] = digest({name: after.get(name) for name in changed})
        return op
    op["within"] = within
    op["h"] = _within_digest(old, within, after)
    assert op["h"] is not None  # each mapping of `after` is one: they were diffed
    return op


def _touched(was: Doc, now: Doc) -> Doc:
    """What undoes changing the mapping `was` into `now`: the keys it changed or removed,
    with the values they had, and the keys it added."""
    return {
        "had": {k: v for k, v in was.items() if k not in now or now[k] != v},
        "lacked": [k for k in now if k not in was],
    }


def _within_digest(old: Doc, within: Doc, current: Doc) -> str | None:
    """The digest of what an op with mappings "within" left: its fields' values, and in
    each mapping the keys it touched, as [value] when present and [] when absent (a
    value may be null). None when a mapping is not one now: not as the step left it."""
    fields = {name: current.get(name) for name in old}
    keys: Doc = {}
    for name, change in within.items():
        mapping = current.get(name)
        if type(mapping) is not dict:
            return None
        touched = [*change["had"], *change["lacked"]]
        keys[name] = {k: [mapping[k]] if k in mapping else [] for k in touched}
    return digest([fields, keys])


def _patched(mapping: Doc, change: Doc) -> Doc:
    """`mapping` with a "within" change undone. Episode maps are written in episode
    order, and so are they given back."""
    restored = {k: v for k, v in mapping.items() if k not in change["lacked"]}
    restored.update(change["had"])
    if digit_keys(restored):
        return dict(sorted(restored.items(), key=lambda item: int(item[0])))
    return restored


def _whole_within(op: Doc) -> Doc | None:
    """The op's "within" part if it is whole (None: it has none); UndoConflict if not."""
    within: Doc | None = op.get("within")
    if within is None:
        return None
    whole = isinstance(within, dict) and all(
        isinstance(change, dict)
        and isinstance(change.get("had"), dict)
        and isinstance(change.get("lacked"), list)
        and all(isinstance(k, str) for k in change["lacked"])
        for change in within.values()
    )
    if not whole:
        raise UndoConflict(DAMAGED)
    return within


def revert(op: Doc, current: Doc | None, now: str) -> Doc | None:
    """The record as it was before the op's change, from how it is `current`ly stored;
    UndoConflict when it has been changed since."""
    kind = op["op"]
    if kind == "add":
        if current is None or digest(_kept(current)) != op["h"]:
            raise UndoConflict(_changed_since(op))
        return None
    if kind == "del":
        if current is not None:
            raise UndoConflict(_changed_since(op))
        return dict(op["before"])
    assert kind == "set"
    if current is None:
        raise UndoConflict(_changed_since(op))
    within = _whole_within(op)
    names = list(op["before"])
    left: str | None
    if within is None:
        left = digest({name: current.get(name) for name in names})
    else:
        left = _within_digest(op["before"], within, current)
    if left is None or left != op["h"]:
        raise UndoConflict(_changed_since(op))
    restored = dict(current)
    for name, value in op["before"].items():
        if value is None:
            restored.pop(name, None)
        else:
            restored[name] = value
    for name, change in (within or {}).items():
        restored[name] = _patched(current[name], change)
    if "updated_at" in restored:
        restored["updated_at"] = now
    return restored


def _changed_since(op: Doc) -> str:
    what = {"entries": "your entry for", "verdicts": "a verdict", "settings": "the settings"}
    name = what.get(op["t"], op["t"])
    subject = f"{name} '{op['k']}'" if op["t"] != "settings" else name
    return (
        f"{subject} has been changed since (in another copy of watchlist, or by a later "
        "change); nothing was undone"
    )


def step_doc(seq: int, at: str, label: str, origin: str, ops: list[Doc]) -> Doc:
    return {"id": key_of(seq), "seq": seq, "at": at, "label": label, "origin": origin, "ops": ops}


def key_of(seq: int) -> str:
    return f"{seq:06d}"


def steps(rows: Iterable[Any]) -> list[Doc]:
    """The journal's steps, oldest first; a step that is not whole is left out."""
    found = [
        doc
        for doc in rows
        if isinstance(doc, dict)
        and isinstance(doc.get("seq"), int)
        and isinstance(doc.get("ops"), list)
        and isinstance(doc.get("label"), str)
    ]
    return sorted(found, key=lambda doc: doc["seq"])


def listed(doc: Doc) -> Step:
    try:
        at = datetime.fromisoformat(str(doc.get("at")))
    except ValueError:
        at = datetime.min
    return Step(doc["seq"], at, doc["label"], str(doc.get("origin", "")))


FILE = "file"


def file_op(suffix: str, kept: str | None, payload: bytes) -> Doc:
    """The op that undoes replacing the file `suffix` names with `payload`."""
    return {"t": FILE, "k": suffix, "op": FILE, "kept": kept, "h": bytes_digest(payload)}


def bytes_digest(payload: bytes) -> str:
    return f"{zlib.crc32(payload):08x}"


def kept_files(step: Doc) -> list[str]:
    """Names of the earlier file versions a step keeps (deleted when it is forgotten)."""
    return [op["kept"] for op in step.get("ops", []) if op.get("op") == FILE and op.get("kept")]


def record(
    changes: Iterable[Any],
    find: Any,
    rows: Iterable[Any],
    *,
    label: str,
    origin: str,
    at: str,
    extra: Iterable[Doc] = (),
) -> tuple[list[tuple[str, str, Doc | None]], list[Doc]]:
    """The journal's own changes for saving `changes` (DocChange values), and the `extra`
    ops (files), as one step: the step itself and the oldest steps it pushes out, which
    are returned too (their kept files can go). Nothing when nothing changed."""
    latest: dict[tuple[str, str], Doc | None] = {}
    for change in changes:
        if change.table != TABLE:
            latest[(change.table, change.key)] = change.doc
    counts = Counter(table for table, _ in latest)
    bulky = {table for table, count in counts.items() if count >= FOLD_FROM}
    ops: list[Doc] = []
    folded: dict[str, Doc] = {}
    for (table, key), doc in latest.items():
        before = find(table, key)
        if before is None and doc is not None and table in bulky:
            adds = folded.get(table)
            if adds is None:
                adds = folded[table] = {"t": table, "op": ADDS, "k": [], "h": []}
                ops.append(adds)
            adds["k"].append(key)
            adds["h"].append(digest(_kept(doc)))
            continue
        op = diff(table, key, _copy(before), doc)
        if op is not None:
            ops.append(op)
    ops += list(extra)
    if not ops:
        return [], []
    kept = steps(rows)
    seq = (kept[-1]["seq"] + 1) if kept else 1
    out: list[tuple[str, str, Doc | None]] = [
        (TABLE, key_of(seq), step_doc(seq, at, label, origin, ops))
    ]
    forgotten = kept[: max(0, len(kept) + 1 - MAX_STEPS)]
    for old in forgotten:
        out.append((TABLE, old["id"], None))
    return out, forgotten


ADDS = "adds"


def _unfolded(ops: list[Doc]) -> list[Doc]:
    """A step's ops with each "adds" op written out as the "add" op of each of its keys."""
    if not any(op.get("op") == ADDS for op in ops):
        return ops
    unfolded = []
    for op in ops:
        if op.get("op") != ADDS:
            unfolded.append(op)
            continue
        keys, digests = op.get("k"), op.get("h")
        if not (isinstance(keys, list) and isinstance(digests, list)) or len(keys) != len(digests):
            raise UndoConflict(DAMAGED)
        table = op.get("t")
        unfolded += [
            {"t": table, "k": key, "op": "add", "h": value}
            for key, value in zip(keys, digests, strict=True)
        ]
    return unfolded


def _copy(doc: Doc | None) -> Doc | None:
    # A shallow copy: an adapter may update the stored document in place as it saves.
    return dict(doc) if doc is not None else None


def undo_newest(
    find: Any, rows: Iterable[Any], now: str, file_digest: Any, *, prefer: str | None = None
) -> tuple[Doc, list[tuple[str, str, Doc | None]], list[Doc]]:
    """The newest step (the newest made by the copy `prefer` names, when it made any), the
    record changes that undo it (the step's removal last) and its file ops, checked;
    NothingToUndo or UndoConflict, with nothing changed, when it cannot be undone.
    `file_digest(suffix)` is the digest of a file beside the database now."""
    kept = steps(rows)
    if not kept:
        raise NothingToUndo("there is nothing to undo")
    own = [doc for doc in kept if prefer is not None and doc.get("origin") == prefer]
    step = (own or kept)[-1]
    out: list[tuple[str, str, Doc | None]] = []
    files = []
    for op in reversed(_unfolded(step["ops"])):
        if op.get("op") == FILE:
            if file_digest(op["k"]) != op["h"]:
                raise UndoConflict(
                    "the imported catalog has been changed since (another import, or "
                    "another copy of watchlist); nothing was undone"
                )
            files.append(op)
            continue
        out.append((op["t"], op["k"], revert(op, find(op["t"], op["k"]), now)))
    out.append((TABLE, step["id"], None))
    return step, out, files
