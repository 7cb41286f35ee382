"""One transaction's working copy: the snapshot as the transaction changes it, and the
documents its save will write."""

from __future__ import annotations

from typing import Any

from watchlist.domain.settings import Settings
from watchlist.storage import converters as conv
from watchlist.storage import journal
from watchlist.storage.records import KINDS, RECORDS, Doc, DocChange, Snapshot, changes_for
from watchlist.storage.tables import Table


class WorkingCopy:
    """Shares every table of the published snapshot until the transaction changes one,
    so readers keep the published one intact and a save at 5,000 shows does not copy
    tables it leaves alone."""

    def __init__(self, published: Snapshot) -> None:
        self.data = published.copy()
        self.changes: list[DocChange] = []
        self.label: str | None = None
        """What the change is called in the undo journal (None: it is not journaled, as
        an undo itself is not)."""
        self.file_ops: list[Doc] = []
        """Files beside the database this change replaced (see `journal.file_op`)."""
        self._owned: set[str] = set()

    def _own(self, name: str) -> Any:
        """The working snapshot's own copy of one of its tables, made on first change."""
        if name not in self._owned:
            self._owned.add(name)
            setattr(self.data, name, getattr(self.data, name).copy())
        return getattr(self.data, name)

    def put(self, objects: list[Any]) -> None:
        self.changes.extend(changes_for(objects))
        for obj in objects:
            self._apply(obj)

    def put_many(self, objects: list[Any]) -> None:
        """As `put`, for many records at once (an import): each is kept as its document
        alone (converted again only if read), not as the object and its document. The
        list is emptied as it goes, so each object can go once its document is made: a
        100,000-show import never holds all its objects and all their documents."""
        objects.reverse()  # popped from the end, in the order given
        owned: dict[str, Table[Any]] = {}  # each table made our own once, not per record
        while objects:
            obj = objects.pop()
            kind = RECORDS[type(obj)]
            key = getattr(obj, kind.key)
            doc = kind.write(obj)
            self.changes.append(DocChange(kind.table, key, doc))
            if kind.table == "verdicts":
                self._apply(obj)  # a show's verdicts are kept in order, as objects
                continue
            table = owned.get(kind.table)
            if table is None:
                table = owned[kind.table] = self._own(kind.table)
            table.set_document(key, doc)

    def _apply(self, obj: Any) -> None:
        kind = RECORDS[type(obj)]
        if kind.table == "verdicts":
            timelines = self._own("verdicts")
            history = [v for v in timelines.get(obj.show, []) if v.id != obj.id]
            timelines.set(obj.show, sorted([*history, obj], key=lambda v: v.given_at))
        else:
            self._own(kind.table).set(getattr(obj, kind.key), obj)

    def put_document(self, table: str, key: str, doc: Doc | None) -> None:
        """Store a document as it is (an undo puts back exactly what was there)."""
        if table == "settings":
            self.data.settings = conv.settings_from_doc(doc) if doc is not None else Settings()
        elif doc is None and table != journal.TABLE:
            self.remove(KINDS[table], key)
            return
        elif table != journal.TABLE:
            self._apply(RECORDS[KINDS[table]].read(doc, f"{table} record '{key}'"))
        self.changes.append(DocChange(table, key, doc))

    def remove(self, kind: type, key: str) -> None:
        record = RECORDS[kind]
        self.changes.append(DocChange(record.table, key, None))
        if record.table == "verdicts":
            timelines = self._own("verdicts")
            for show, history in timelines.items():
                if any(v.id == key for v in history):
                    timelines.set(show, [v for v in history if v.id != key])
        else:
            self._own(record.table).discard(key)

    def put_settings(self, settings: Settings) -> None:
        self.changes.append(DocChange("settings", "settings", conv.settings_to_doc(settings)))
        self.data.settings = settings


class Writer:
    """What a transaction may do. Obtained only from `Store.transaction()`."""

    def __init__(self, working: WorkingCopy) -> None:
        self._working = working

    @property
    def data(self) -> Snapshot:
        """The data as this transaction has changed it so far."""
        return self._working.data

    def put(self, *objects: Any) -> None:
        """Store seasons, shows, pieces, entries or verdicts (replacing earlier versions)."""
        self._working.put(list(objects))

    def put_many(self, objects: list[Any]) -> None:
        """Store many records at once (an import), kept only as their documents. The
        list is taken: it is emptied as each record is stored."""
        self._working.put_many(objects)

    def remove(self, kind: type, key: str) -> None:
        """Remove one record of `kind` (Season, Show, CriticPiece, Entry, Verdict) by its key."""
        self._working.remove(kind, key)

    def put_document(self, table: str, key: str, doc: Doc | None) -> None:
        """Store (or with None remove) one document exactly as given."""
        self._working.put_document(table, key, doc)

    def put_settings(self, settings: Settings) -> None:
        self._working.put_settings(settings)

    def journal(self, label: str, *file_ops: Doc) -> None:
        """Keep this change in the undo journal, under `label` ("watched Metallic Rouge
        episode 3"), with any files beside the database it replaced (`journal.file_op`);
        a change without a label cannot be undone."""
        self._working.label = label
        self._working.file_ops += file_ops
