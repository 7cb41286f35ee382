"""Why a measurement can miss its target: said beside the table for each row that did.

Each reason was found by profiling (the profiles below the table, with --profile)
or by an experiment recorded in the text; a row that misses for a reason not
listed here says so, rather than guessing.
"""

from __future__ import annotations

from collections.abc import Sequence

from tests.benchmarks.report import Result

REASONS: list[tuple[tuple[str, ...], str]] = [
    (
        ("start-up to first frame, board",),
        "The floor imports no code of ours: our own modules (about 40 ms in the import "
        "profile) and building the board are the difference. The floor itself moves "
        "by about 10% between runs on a shared two-core machine, and the best runs "
        "(the row below) come close to the target.",
    ),
    (
        (
            "mark episode, 34 shows, median",
            "mark episode, 34 shows, p95",
            "mark episode, 34 shows, median vs floor + directory fsync",
        ),
        "At 34 shows a save takes well under a millisecond, and the spec's floor leaves "
        "out the folder fsync that makes a save survive a crash; against the floor with "
        "it (the next row) what remains is the lock and the re-read check, fixed costs "
        "of a few system calls each.",
    ),
    (
        ("mark episode, 5,000 shows, median vs stock TinyDB",),
        "Stock TinyDB writes the file without any fsync; ours fsyncs the file and its "
        "folder, so the ratio is bounded by what durability costs on this disk.",
    ),
    (
        (
            "CLI `list --json`, 20,000",
            "CLI `list`, 20,000",
            "CLI `show",
            "CLI `critics",
            "CLI `compare",
        ),
        "The floor only parses the file. A command also imports the app (about 120 ms of "
        "our own modules in the profile: dataclasses, storage and service), indexes "
        "60,000 stored records and, for a show named by part of its title, builds the "
        "finder over 20,000 shows' titles (about 75 ms since the titles are read in one "
        "pass and folding skips ASCII; it was 135 ms).",
    ),
    (
        ("CLI `watch", "CLI `verdict"),
        "A command that saves reads the file and writes it again durably (encode, "
        "write, fsync, rename, folder fsync), where the floor only reads it: about twice "
        "the floor by its nature. The save alone is measured against its own floor in "
        "the 'mark episode' rows.",
    ),
    (
        ("CLI `stats",),
        "Stats count stored records without building entries or verdicts (it was 8x); "
        "what remains is parsing about 240,000 watched moments from text and placing "
        "each in a local day, in Python. Within 2x would take a stored summary kept up "
        "to date on every save, with a check that rebuilds it when it cannot be "
        "trusted; not built.",
    ),
    (
        ("CLI `list --season all", "CLI `export --format mal-xml", "CLI `export --format csv"),
        "These convert every entry and show into domain objects (plain_entry is the "
        "largest cost in the profile: about 240,000 moments parsed into datetimes), and "
        "the CSV then sorts a quarter of a million rows by moment. The JSON export, "
        "which writes the stored documents as they were read, shows what a bulk path "
        "over documents gains; these three do not have one yet.",
    ),
    (
        ("CLI `export --format json",),
        "The backup is written from the stored documents as read (it was 10.8x); what "
        "is left is encoding 22 MB and writing it durably, which the floor does not do.",
    ),
    (
        ("import a 100,000-entry MAL list",),
        "The floor is ElementTree's C parser building one tree with no Python per "
        "element. The import streams the file through defusedxml (a Python event for each "
        "of 2.4 million elements, about 40% of the time), normalises each record, "
        "matches it by id and title, then adds 100,000 shows and entries, journals them "
        "for undo and saves the file durably. Memory is the 200,000 new records, held as "
        "objects and as documents while the save encodes them. Streaming the save and "
        "keeping new records only as documents are the next steps; not built.",
    ),
    (
        ("CLI `list --json`, 100,000", "CLI `watch metallic`, 100,000"),
        "As at 20,000 shows: importing the app and indexing the records for `list`; "
        "for `watch`, the save rewrites the whole file durably, about twice the read.",
    ),
    (
        ("mark episode, 34 shows, undo journal full", "mark episode, 1,000 shows, undo"),
        "A full journal (100 steps) is larger than a 34-show library, so a save encodes "
        "and writes a file several times the size of the floor's; at 5,000 shows the "
        "journal is a small part of the file and the row holds.",
    ),
    (
        ("filter keystroke to painted frame, 5,000, worst",),
        "The worst of the keystrokes measured; the median is about 11 ms and the widget's "
        "own filtering and rendering at most 3.6 ms (the rows below), so the rest of the "
        "worst frame is Textual's compositor and the terminal driver on a shared two-core "
        "machine. The row held (9.9 ms) in the run before.",
    ),
    (
        ("picks, ", "recap, "),
        "Picks and the recap read only the season's records (34 shows here): about 4 and "
        "7 ms on an open tracker. The rest is what every command on this file costs "
        "beyond the bare parse, importing the app and opening the store, as for `show "
        "--json` at this size. The page adds importing Jinja2 and pygal (about 40 ms) and "
        "rendering it with three charts (about 40 ms).",
    ),
    (
        ("mark episode, 1,000 shows", "mark episode, 20,000 shows"),
        "The disk's fsync time varies more between runs than the difference measured: "
        "a separate harness (ours and the durable floor alternating on the same "
        "20,000-show file) gave 1.15x, 1.15x and 1.46x in three runs in a row, and this "
        "row held at 1,000 shows in the run before. Not a cost of ours that a profile "
        "shows.",
    ),
]


def reason(name: str) -> str | None:
    for prefixes, text in REASONS:
        if name.startswith(prefixes):
            return text
    return None


def why_missed(results: Sequence[Result]) -> str:
    """A paragraph for each row that missed its target (empty when all held)."""
    missed = [r for r in results if r.holds == "NO"]
    if not missed:
        return ""
    lines = ["## What missed its target, and why", ""]
    for result in missed:
        text = reason(result.name) or "Not explained yet: see the profiles, if any."
        ratio = f"{result.ratio:.2f}x, " if result.ratio is not None else ""
        lines.append(f"- **{result.name}** ({ratio}target {result.target}): {text}")
    return "\n".join(lines) + "\n"
