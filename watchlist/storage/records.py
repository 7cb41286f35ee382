"""The user's records as documents, and the snapshot of domain objects built from them.

This module knows the document format and nothing about where documents are
kept: every adapter (TinyDB on a file, memory) stores the same tables.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from msgspec import Struct, field

from watchlist.domain.model import CriticPiece, Entry, Origin, Season, Show, Verdict
from watchlist.domain.settings import Settings
from watchlist.storage import converters as conv
from watchlist.storage.deferred import DEFERRED, DeferredRows, LazyIndex
from watchlist.storage.errors import DamagedFile, NewerSchema, RecordError
from watchlist.storage.tables import Problem, Table, Timelines

Doc = dict[str, Any]
Tables = dict[str, dict[str, Doc]]
"""table -> record id (digits, as TinyDB writes them) -> document. As a large file is
loaded, its shows, entries and verdicts may be `DeferredRows`, which read as this same mapping
and are parsed when first read (see `deferred.py`)."""

SCHEMA_VERSION = 1
"""Bumped when the document format changes in a way older versions cannot read."""


class RecordKind(Struct, frozen=True):
    """How one kind of record is kept: its table, the field that names a record
    (never a backend's own record id, which may be reused after deletes), and its
    conversions."""

    table: str
    key: str
    read: Callable[[Any, str], Any]
    write: Callable[[Any], Doc]


RECORDS: dict[type, RecordKind] = {
    Season: RecordKind("seasons", "slug", conv.season_from_doc, conv.season_to_doc),
    Show: RecordKind("shows", "slug", conv.show_from_doc, conv.show_to_doc),
    CriticPiece: RecordKind("pieces", "id", conv.piece_from_doc, conv.piece_to_doc),
    Entry: RecordKind("entries", "show", conv.entry_from_doc, conv.entry_to_doc),
    Verdict: RecordKind("verdicts", "id", conv.verdict_from_doc, conv.verdict_to_doc),
}
SINGLE = ("meta", "settings")
"""Tables that hold one record, named after the table itself."""
_READERS: dict[str, Callable[[Any, str], Any]] = {
    kind.table: kind.read for kind in RECORDS.values()
}
RAW_TABLES = {"journal": "id"}
"""Tables kept as documents, never as domain objects (the undo journal)."""
KEYS: dict[str, str | None] = {
    **{kind.table: kind.key for kind in RECORDS.values()},
    **dict.fromkeys(SINGLE),
    **RAW_TABLES,
}
"""table -> the field that names a record (None: the table's one record)."""
KINDS: dict[str, type] = {kind.table: cls for cls, kind in RECORDS.items()}
"""table -> the kind of record it holds."""
CATALOG_TABLES = ("seasons", "shows", "pieces")
"""Tables that once also held copies of the shipped catalog (see `is_catalog_copy`)."""


class DocChange(Struct, frozen=True):
    """One record to store (`doc`) or to remove (`doc` None), named by our own key.
    `doc` is made for the change and owned by it: an adapter may keep it as it is."""

    table: str
    key: str
    doc: Doc | None


def _table(name: str) -> Table[Any]:
    return Table(name, _READERS[name])


def _by_moment(verdict: Verdict) -> Any:
    return verdict.given_at


def _timelines() -> Timelines[Verdict]:
    return Timelines(conv.verdict_from_doc, _by_moment)


class Snapshot(Struct):
    """Domain objects for one version of the stored data: the user's own records.

    The shipped catalog is not here: it ships with the app and the service lays
    the user's records over it. Records are converted from their documents when
    first read (see `tables.py`).
    """

    seasons: Table[Season] = field(default_factory=lambda: _table("seasons"))
    shows: Table[Show] = field(default_factory=lambda: _table("shows"))
    pieces: Table[CriticPiece] = field(default_factory=lambda: _table("pieces"))
    entries: Table[Entry] = field(default_factory=lambda: _table("entries"))
    verdicts: Timelines[Verdict] = field(default_factory=_timelines)
    """By show, oldest first."""
    settings: Settings = field(default_factory=Settings)
    meta: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    """Records that could not be read (shared with every table, which adds to it)."""

    def documents(self, name: str) -> list[Doc]:
        """One table of the user's records as documents, without converting what was
        read as it was written (an export of 20,000 shows converts nothing)."""
        table = getattr(self, name)
        write = next(kind.write for kind in RECORDS.values() if kind.table == name)
        documents: list[Doc] = table.documents(write)
        return documents

    def copy(self) -> Snapshot:
        """A snapshot for a transaction: it shares every table until the transaction
        changes one (see `Store`), so readers keep the published one intact and a
        save at 5,000 shows does not copy tables it leaves alone."""
        return Snapshot(
            seasons=self.seasons,
            shows=self.shows,
            pieces=self.pieces,
            entries=self.entries,
            verdicts=self.verdicts,
            settings=self.settings,
            meta=self.meta,
            problems=self.problems,
        )


def new_tables(created: str) -> Tables:
    """The documents of an empty database."""
    return {"meta": {"1": {"schema": SCHEMA_VERSION, "created": created}}}


def record_key(table: str, doc: Any) -> str | None:
    """The key a stored document is known by, or None when it names none."""
    field_name = KEYS.get(table)
    if field_name is None:
        return table if table in SINGLE else None
    value = doc.get(field_name) if isinstance(doc, dict) else None
    return value if isinstance(value, str) and value else None


def record_ids(table: str, rows: dict[str, Any]) -> dict[str, int]:
    """Each record's key and its TinyDB id (the first, when two documents name the same
    record). One comprehension where every document names its record as this version
    writes them (300,000 records at 100,000 shows); one by one otherwise."""
    field_name = KEYS.get(table)
    if field_name is not None:
        try:
            ids = dict(zip([doc[field_name] for doc in rows.values()], map(int, rows), strict=True))
        except (KeyError, TypeError, ValueError):
            ids = {}
        if len(ids) == len(rows) and "" not in ids and all(type(k) is str for k in ids):
            return ids
    ids = {}
    for rid, doc in rows.items():
        key = record_key(table, doc)
        if key is not None:
            ids.setdefault(key, int(rid))
    return ids


def header(tables: Tables) -> Doc:
    """The database's one header record; DamagedFile or NewerSchema when it has none
    this version can use."""
    meta_table = tables.get("meta", {})
    if len(meta_table) != 1:
        raise DamagedFile("it has no watchlist header (the 'meta' record)")
    meta = next(iter(meta_table.values()))
    schema = meta.get("schema") if isinstance(meta, dict) else None
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        raise DamagedFile("its header has no valid schema version")
    if schema > SCHEMA_VERSION:
        raise NewerSchema(
            f"it was written by a newer watchlist (schema {schema}; this version reads up "
            f"to {SCHEMA_VERSION}); upgrade watchlist to use it. The file was not changed"
        )
    return dict(meta)


def is_catalog_copy(table: str, doc: Any) -> bool:
    """A copy of a shipped catalog record that earlier versions kept in the file.

    The catalog now ships with the app and is never stored with the user's data;
    such copies are ignored when reading and dropped from the file when it opens.
    """
    return (
        table in CATALOG_TABLES
        and isinstance(doc, dict)
        and doc.get("origin", Origin.CATALOG.value) == Origin.CATALOG.value
    )


def has_catalog_copies(tables: Tables) -> bool:
    return any(
        is_catalog_copy(table, doc)
        for table in CATALOG_TABLES
        for doc in tables.get(table, {}).values()
    )


def build_snapshot(tables: Tables, *, trusted: bool = False) -> tuple[Snapshot, Tables]:
    """The snapshot of stored documents, and the documents it keeps.

    Unless the documents are `trusted` (this version wrote or checked exactly these),
    every record is converted now, so damage is found at once: unreadable records
    are listed in `problems` and left out of both results, so saving the returned
    tables keeps every readable record and nothing else. Trusted records convert
    when first read, and a trusted table still deferred (see `deferred.py`) is read
    only as far as its readers go.
    """
    problems: list[Problem] = []
    snap = Snapshot(meta=header(tables), problems=problems)
    clean: Tables = {"meta": dict(tables["meta"])}
    for table, rows in tables.items():
        if table == "meta":
            continue
        if table not in KEYS or table in RAW_TABLES:
            clean[table] = rows  # a table this version does not know: kept as it is
            continue
        if isinstance(rows, DeferredRows):
            if trusted and table in DEFERRED:
                clean[table] = rows  # whole: nothing in it was found damaged
                _defer(snap, table, rows, problems)
                continue
            rows = rows.rows()
        fast = _trusted_index(table, rows) if trusted else None
        items, rid_of = fast if fast is not None else _index(table, rows, problems)
        if table == "settings":
            for key, doc in items.items():
                try:
                    snap.settings = conv.settings_from_doc(doc, "settings record")
                except RecordError as error:
                    problems.append(Problem(table, key, str(error)))
                    rid_of.pop(key, None)
            clean[table] = {rid: rows[rid] for rid in rid_of.values()}
            continue
        if table == "verdicts":
            timelines: Timelines[Verdict] = Timelines(
                conv.verdict_from_doc, _by_moment, items, problems
            )
            snap.verdicts = timelines
            converted: Table[Any] | Timelines[Any] = timelines
        else:
            converted = Table(table, _READERS[table], items, problems)
            setattr(snap, table, converted)
        before = len(problems)
        if not trusted:
            converted.values()  # converting is checking: damage is found now
        for problem in problems[before:]:
            if problem.key is not None:
                rid_of.pop(problem.key, None)
        clean[table] = (
            rows
            if fast is not None or len(rid_of) == len(rows)
            else {rid: rows[rid] for rid in rid_of.values()}
        )
    return snap, clean


def _defer(snap: Snapshot, table: str, rows: DeferredRows, problems: list[Problem]) -> None:
    def index(parsed: dict[str, Doc]) -> dict[str, Any]:
        fast = _trusted_index(table, parsed)
        return fast[0] if fast is not None else _index(table, parsed, problems)[0]

    source = LazyIndex(rows, index)
    if table == "verdicts":
        snap.verdicts = Timelines(conv.verdict_from_doc, _by_moment, None, problems, source)
    else:
        setattr(snap, table, Table(table, _READERS[table], None, problems, source))


def _trusted_index(
    table: str, rows: dict[str, Doc]
) -> tuple[dict[str, Any], dict[str, str]] | None:
    """The index of documents this version wrote itself, at the speed of one dict
    comprehension; None when anything looks off (then `_index` checks one by one)."""
    field_name = KEYS[table]
    try:
        if table == "verdicts":
            grouped: dict[str, Any] = {}
            for doc in rows.values():
                grouped.setdefault(doc["show"], []).append(doc)
            ids = {doc["id"] for doc in rows.values()}
            return (grouped, {}) if len(ids) == len(rows) else None
        items = {doc[field_name] if field_name else table: doc for doc in rows.values()}
    except (KeyError, TypeError):
        return None
    return (items, {}) if len(items) == len(rows) else None


def _index(
    table: str, rows: dict[str, Doc], problems: list[Problem]
) -> tuple[dict[str, Any], dict[str, str]]:
    """The documents of one table by key, not converted yet, and each key's record id.
    A document that names no record, or one already named, is a problem now (finding
    that costs nothing)."""
    rid_of: dict[str, str] = {}
    items: dict[str, Any] = {}
    field_name = KEYS[table]
    catalog = table in CATALOG_TABLES
    verdicts = table == "verdicts"
    for rid, doc in rows.items():
        if type(doc) is not dict:
            problems.append(Problem(table, None, f"{table} record {rid}: not an object"))
            continue
        if catalog and doc.get("origin", "catalog") == "catalog":
            continue  # a copy of the shipped catalog an earlier version kept
        key = doc.get(field_name) if field_name else table
        if type(key) is not str or not key:
            problems.append(Problem(table, None, f"{table} record {rid}: it names no record"))
            continue
        if key in rid_of:
            problems.append(Problem(table, key, f"{table} record {rid}: a second '{key}'"))
            continue
        rid_of[key] = rid
        if verdicts:
            show = doc.get("show")
            items.setdefault(show if type(show) is str else "", []).append(doc)
        else:
            items[key] = doc
    return items, rid_of


def changes_for(objects: Iterable[Any]) -> list[DocChange]:
    """The document changes that store `objects` (seasons, shows, pieces, entries, verdicts)."""
    changes = []
    for obj in objects:
        kind = RECORDS[type(obj)]
        changes.append(DocChange(kind.table, getattr(obj, kind.key), kind.write(obj)))
    return changes


def summarise(problems: list[Problem]) -> str:
    """ "2 damaged records could not be read and were left out (first...; and 1 more)"."""
    count = len(problems)
    more = f"; and {count - 1} more" if count > 1 else ""
    return (
        f"{count} damaged record{'s' if count != 1 else ''} could not be read and "
        f"{'were' if count != 1 else 'was'} left out ({problems[0].message}{more})"
    )
