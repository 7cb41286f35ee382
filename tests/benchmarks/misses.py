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
        "The floor imports no code of ours: our own modules (about 25 ms in the import "
        "profile; as dataclasses, which Python 3.11 compiles methods for from source, "
        "their classes took about 25 ms more), msgspec (about 9 ms with what it "
        "imports), opening the store with the shipped catalog (about 2.5 ms, decoded "
        "typed in one call; it took about 5 converted field by field) and building "
        "the board are the difference. The console script loads the app with the cycle "
        "collector paused and the TUI freezes what loading made, so no collection walks "
        "those objects again. The floor itself moves by about 10% between runs on a "
        "shared two-core machine.",
    ),
    (
        (
            "mark episode, 34 shows, median",
            "mark episode, 34 shows, p95",
            "mark episode, 34 shows, median vs floor + directory fsync",
        ),
        "At 34 shows a save takes well under a millisecond, and the spec's floor leaves "
        "out the folder fsync that makes a save survive a crash. Against the floor with "
        "it (the next row), what remains is a fixed cost of the transaction: with fsync "
        "stubbed in both, a mark takes about 0.5 ms and the floor's write about 0.3 ms, "
        "timed in the same loop. The quarter of a millisecond between is spread thin "
        "(each part timed on its own, fsync included): the undo step about 85 us (18 us "
        "of it re-reading the journal's 100 steps), applying the change to the tables "
        "about 40 us, the four checks that no other program saved meanwhile (a stat "
        "each) about 40 us, and the service and transaction around them (finding the "
        "show, converting its entry, marking, the lock) the rest. A save no longer sets "
        "the file's mode again when its new file was made with it (25 us). Within 1.3x "
        "would take about half of that quarter millisecond gone.",
    ),
    (
        ("CLI `list --json`, 34 shows, vs starting Python",),
        "The spec's floor imports rich's package, which loads nothing until it is used, "
        "and TinyDB: about 25 ms over a bare interpreter's start. `list --json` imports "
        "neither rich nor TinyDB (a command that only reads makes no TinyDB) nor shutil "
        "(argparse's formatter measures the terminal without it); importing the app, "
        "with the orjson, msgspec and argparse it cannot do without, takes about 45 ms "
        "before `main` runs (orjson about 18 ms, msgspec about 10, our own modules about "
        "20; they took about 25 ms more as dataclasses), and then it opens the store and "
        "reads the shipped catalog. Python's start and "
        "importing orjson alone are more than 1.3x the spec's floor. The row above it holds "
        "the command to a floor that imports what it cannot avoid (argparse, orjson, "
        "TinyDB, and filelock, which the command does not import): about 1.5x.",
    ),
    (
        ("mark episode, 5,000 shows, median vs stock TinyDB",),
        "Stock TinyDB writes the file without any fsync; ours fsyncs the file and its "
        "folder, so the ratio is bounded by what durability costs on this disk. A save "
        "now writes the tables a mark leaves alone (the shows, the verdicts) as the "
        "bytes last read or written, so it encodes about half the file.",
    ),
    (
        (
            "CLI `list --json`, 20,000",
            "CLI `list`, 20,000",
            "CLI `show",
            "CLI `critics",
            "CLI `compare",
        ),
        "The floor only starts Python and parses the whole file. A command that only "
        "reads now leaves the shows, the entries and the verdicts unparsed: each save "
        "notes where every table lies in the `.checked` file. The show's own records are "
        "found by skimming the keys (about 25 ms for the entries and 12 for the verdicts "
        "at 20,000 shows, against about 90 for parsing them), and the few fields of "
        "every show a command needs (the keys, the seasons for a season's list, the "
        "titles for the finder) are skimmed together once, every other field passed "
        "over unread (about 20 ms, against about 35 for parsing the shows). What is "
        "left over the floor: importing the app (about 45 ms before `main` runs: orjson "
        "about 18 ms, which the floor imports too, msgspec about 10, our own modules "
        "about 20), reading the shipped catalog (about 2.5 ms), and for a show named by "
        "part of its title the finder over 20,000 titles (about 16 ms).",
    ),
    (
        ("CLI `list --json`, 100,000", "CLI `watch metallic`, 100,000"),
        "At 100,000 shows `watch`, naming its show by part of the title, builds the "
        "finder over 100,000 titles (read as the shows' skimmed titles: the shows are no "
        "longer parsed) and numbers the records of the tables its save changes; a "
        "command that changes records parses the entries as it opens (it changes them "
        "anyway), and its save writes the tables it left alone as the bytes it read; "
        "the rest is the disk, with a 63 MB file to fsync. "
        "A season's listing now looks its shows' entries and verdicts up by key (it "
        "stepped over all 200,000: 30 ms for the listing, not about 60); finding the "
        "season's shows still reads each of the 100,000 (about 20 ms, as long in C). "
        "Both rows move by a third between runs on this machine.",
    ),
    (
        ("CLI `watch", "CLI `verdict"),
        "A save reads the file and writes it again durably; against reading plus the "
        "same durable write (the issue's floor for these) it holds at 20,000 and 100,000 "
        "shows in most runs. Any miss is the disk's fsync time, which varies more "
        "between runs than the difference measured.",
    ),
    (
        ("CLI `stats",),
        "Stats count logged moments in bulk from their stored text (it was 8x, then 5x), "
        "in both forms a moment is stored in: to the second (imported or backdated) and "
        "with microseconds (marked as it happened). Only the first was read in bulk: a "
        "diary of marks was read one moment at a time, and one such moment among a "
        "length's others sent the whole list that way, as the benchmark's own marks did "
        "to these rows (at 20,000 shows with every moment marked, stats took about 730 "
        "ms, and about 460 once both were). A plain stored entry goes straight into one "
        "tally, nothing made per entry, and the shows are no longer parsed: their lengths"
        " and titles are skimmed together (about 20 ms at 20,000 shows, against about 35 "
        "for parsing them). The entries and the verdicts are parsed with msgspec, not "
        "orjson (the command took about 410 ms with orjson's parse, 350 to 365 with "
        "msgspec's). What is left, timed in-process at 20,000 shows: parsing the entries "
        "and the verdicts (about 75 ms), the tally (about 29 ms), the verdict scores "
        "(about 10 ms), the shows' skimmed lengths and titles (about 22 ms), and the "
        "stats themselves (about 73 ms, 63 of them counting days: grouping 240,000 "
        "moments by written day in C, placing 4,500 written days in the zone, each day's "
        "start turned local once). In New York time counting days takes about 140 ms: "
        "local midnight cuts every written day (at 05:00 or 04:00 UTC), so those days "
        "are counted from the moments in order, one bisection a day (about 65 ms, most "
        "of it sorting 240,000 moments as text), and placing the days about 15. "
        "Counting by written hour instead, which would settle most cut days without the "
        "sort, was measured and not built: the moments fall in about 111,000 distinct "
        "hours against 13,500 written days, and counting the largest list by hour took "
        "27 ms against 15 by day before a single hour was placed. Within 2x in New York "
        "time would take a stored summary kept up to date by every save and rebuilt "
        "whenever it could disagree with the records; not built.",
    ),
    (
        ("CLI `list --season all", "CLI `export --format mal-xml", "CLI `export --format csv"),
        "These read the stored documents without building entries, verdicts or shows "
        "(they were 9.6x, 8.4x and 15.3x). JSON now goes out as the bytes orjson makes, "
        "checked for terminal-active characters without decoding (about 7 ms for the "
        "12 MB listing, not 60, and no decoding and encoding again); listed rows and MAL "
        "entries are Structs, frozen at no cost to build, and the MAL export writes "
        "one text per entry. The shows, entries and verdicts are parsed with msgspec "
        "(about three fifths of orjson's time on these tables); the listing decodes "
        "every show's card fields typed in one call, the MAL export skims its shows' "
        "five fields and the diary their titles, none parsing the shows (the MAL export "
        "was 2.7x to 2.85x). What is left, in their profiles below, is Python per entry "
        "(summarising each stored entry, making each printed row or diary line) and, for "
        "the CSV, sorting about 240,000 lines by moment as text: within 2x would take "
        "about half the Python per entry.",
    ),
    (
        ("CLI `export --format json",),
        "The backup is written from the stored documents as read (it was 10.8x); what "
        "is left is encoding 22 MB and writing it durably, which the floor does not do.",
    ),
    (
        ("import a 100,000-entry MAL list",),
        "The floor is ElementTree's C parser building one tree. The import now reads the "
        "list with that parser too, behind defusedxml's refusal of any DTD or entity in "
        "the prolog (it was 14.8x and 4.5x). The undo journal now keeps an import's new "
        "records as one op a table (their keys and digests), not one op each: the file "
        "is 63 MB, not 73, and the peak about 17 MB lower. A document is now made by "
        "testing each field before converting it, not by building every field and then "
        "dropping the empty ones (the shows' and entries' documents took 1.7 s, now about "
        "0.9), and reading keeps each date it has read by its text and skips the tags of "
        "an entry without any (2.0 s, now about 1.3). Writing a moment or a date now "
        "reuses the text of the same object written lately (the import gives 190,000 "
        "records one moment), and a plain ASCII title is slugged without decomposing it: "
        "the documents take about 0.8 s, not 1.1. What is left (the import's profile "
        "below): reading and normalising 100,000 entries, matching and planning them, "
        "making their documents, digesting each for the undo, and the durable save: "
        "timed one by one, reading about 1.2 s (the floor's whole parse is about 1.1 s), "
        "planning 1.5 s, making the documents 0.8 s, the undo step 0.6 s, and applying "
        "and writing them 0.75 s. A closed store is now freed as soon as "
        "it is let go: a cycle through it left every record to the collector, 0.4 s "
        "after the import. Memory: the entries read (about 60 MiB), the planned shows, entries and "
        "verdicts as objects (about 160 MiB), then their documents; the store now takes "
        "the objects one by one as it makes each document, so the two are never all "
        "alive at once (the peak went from 415 to 381 MiB), and the documents share the "
        "texts of one moment and of each date (354 MiB). The undo step's keys and "
        "digests (about 30 MiB) and the tables' indexes (about 45 MiB) come on top at the "
        "save. Within 1.5x would take making documents straight from the file as it "
        "streams, with no objects between. Not built.",
    ),
    (
        ("mark episode, 34 shows, undo journal full", "mark episode, 1,000 shows, undo"),
        "Each step now keeps only the episodes a change touched (a mark on a long show "
        "kept its whole episode map: about 40 KB a step past episode 1,000, and 4 MB of "
        "journal). A mark's step is about a third of a kilobyte (its label, the show's "
        "recent marks, digests), and at 34 shows the journal's 100 steps (about 33 KB) "
        "are still larger than the library (about 27 KB), so a save writes a file over "
        "twice the floor's. At 1,000 shows the journal is about 3% of the file, and what "
        "is left is the save's fixed cost, as in the mark rows; at 5,000 the row holds.",
    ),
    (
        ("filter keystroke to painted frame, 5,000, worst",),
        "The worst of the keystrokes measured. A keystroke no longer lays the whole "
        "screen out (the filter box's size is fixed, so only its scroll range changes), "
        "and the widget's own filtering and rendering take at most about 4 ms (the rows "
        "below); the rest of a worst frame is Textual's compositor and the terminal "
        "driver on a shared two-core machine. The worst is always a round's first key, "
        "typed after a pause of 0.2 s: on this machine any keystroke after such a pause "
        "takes about twice as long, ours and a bare table's alike (typed 0.2 s apart, "
        "ours took 10 to 23 ms a key against 5 to 8 at 0.05 s, a round's first key "
        "aside, and a table that does not filter 7 to 13 against 4 to 7). The first key "
        "also leaves most of the 5,000 rows showing, so the whole table repaints.",
    ),
    (
        ("picks, ", "recap, "),
        "Picks and the recap read only the season's records (34 shows here): about 4 and "
        "7 ms on an open tracker. Nothing is parsed whole: the season's entries and "
        "verdicts are found by skimming those tables' keys (about 6 ms at 5,000 shows, "
        "against about 20 for parsing them), and its shows by the shows' skimmed "
        "seasons. The rest is what every command on this file costs beyond the bare "
        "parse, importing the app and opening the store: about 45 ms of imports "
        "(orjson, which the floor imports too, msgspec and our own modules), against a "
        "floor of about 70 to 80 ms. The page adds importing Jinja2 and pygal, about 85 "
        "to 120 ms (Jinja2 alone loads hashlib, pickle and tempfile for its bytecode "
        "cache; about a third of pygal's is importing importlib_metadata and reading "
        "every installed package's entry points for map plugins as it loads), then "
        "compiling the page's template, about 15 to 25 ms, and rendering it with three "
        "charts, about 15 ms (timed with both loaded); 1.5x of the floor is about 45 ms "
        "over it.",
    ),
    (
        ("mark episode, 1,000 shows", "mark episode, 20,000 shows"),
        "Stock TinyDB ran in the same rounds, right before ours: its pure-Python read and "
        "write of the whole file left the caches cold, and ours took about a sixth longer "
        "(1.37x and 1.54x at 1,000 shows, against 1.18x and 1.21x with stock in rounds "
        "of its own). Every save now writes table by table, the pieces gathered into one "
        "writev, so a mark at 1,000 shows encodes the entries and the journal, not the "
        "whole file (it was 1.29x to 1.34x). Any miss left is the disk's fsync time, "
        "which varies more between runs than the difference measured.",
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
