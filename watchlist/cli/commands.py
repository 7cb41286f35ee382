"""One function per CLI command: call the tracker, then print JSON or a readable view."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from watchlist.cli import jsonout
from watchlist.domain.errors import InvalidInput
from watchlist.domain.numbers import parse_whole
from watchlist.domain.progress import parse_status, progress_phrase
from watchlist.domain.scoring import show_score
from watchlist.domain.show_facts import airs_text
from watchlist.domain.text import MAX_NOTE_CHARS, episodes_phrase, printable_line
from watchlist.service.tracker import Tracker
from watchlist.service.verdicts import VerdictInput

Command = Callable[[Tracker, argparse.Namespace], int]


def _human():  # type: ignore[no-untyped-def]
    from watchlist.cli import render  # deferred: Rich is not needed for --json

    return render


def emit(args: argparse.Namespace, shape: Callable[[], Any], show: Callable[[], None]) -> int:
    """Print `shape()` as JSON with --json, else let `show` print it for people."""
    if getattr(args, "json", False) or getattr(args, "format", None) == "json":
        print(jsonout.dumps(shape()))
    else:
        show()
    return 0


def read_note_file(name: str) -> str:
    """Notes from a file or stdin, refused past the limit without reading it all."""
    try:
        if name == "-":
            text = sys.stdin.read(MAX_NOTE_CHARS + 1)
        else:
            with open(name, encoding="utf-8") as handle:
                text = handle.read(MAX_NOTE_CHARS + 1)
    except UnicodeDecodeError:
        raise InvalidInput(f"{name} is not UTF-8 text") from None
    except OSError as error:
        raise InvalidInput(f"cannot read notes from {name}: {error.strerror}") from None
    if len(text) > MAX_NOTE_CHARS:
        raise InvalidInput(f"notes are too long: the limit is {MAX_NOTE_CHARS:,} characters")
    return text.removeprefix("\ufeff")  # some editors start a file with a byte-order mark


def cmd_list(tracker: Tracker, args: argparse.Namespace) -> int:
    season = None
    if args.season != "all":
        season = tracker.season(args.season).slug if args.season else tracker.default_season()
    status = parse_status(args.status) if args.status else None
    rows = tracker.rows(season, status=status)
    fmt = tracker.settings().score_format
    shape = _shape(args)
    if shape == "json":
        print(jsonout.dumps([jsonout.row_json(row, fmt) for row in rows]))
    elif shape == "table":
        _human().print_rows(rows, fmt, tracker.season(season).name if season else None)
    else:
        from watchlist.cli.plain import write_rows

        write_rows(rows, fmt, sys.stdout, csv_format=shape == "csv")
    return 0


def _shape(args: argparse.Namespace) -> str:
    """json, table (on a terminal), tsv (in a pipe) or csv: what a table command prints."""
    if args.json:
        return "json"
    return args.format or ("table" if sys.stdout.isatty() else "tsv")


def _plain_table(shape: str, header: list[str], rows: list[list[str]]) -> None:
    from watchlist.cli.plain import write_table

    write_table(header, rows, sys.stdout, csv_format=shape == "csv")


def cmd_show(tracker: Tracker, args: argparse.Namespace) -> int:
    detail = tracker.detail(args.show)
    fmt = tracker.settings().score_format
    return emit(
        args,
        lambda: jsonout.detail_json(detail, fmt),
        lambda: _human().print_detail(detail, fmt),
    )


def cmd_watch(tracker: Tracker, args: argparse.Namespace) -> int:
    result = tracker.watch(args.show, args.episodes, upto=args.upto, on=args.on)
    show, entry, added = result.show, result.entry, result.added
    for note in result.notes:
        print(f"watchlist: note: {_safe(note)}", file=sys.stderr)
    if added:
        what = episodes_phrase(added)
        day = f" on {entry.watched[added[0]]}" if args.on else ""
        print(f"{_safe(show.title)}: {what} watched{day} ({progress_phrase(show, entry)})")
    else:
        print(f"{_safe(show.title)}: already marked ({progress_phrase(show, entry)})")
    return 0


def cmd_unwatch(tracker: Tracker, args: argparse.Namespace) -> int:
    result = tracker.unwatch(args.show, args.episodes)
    show, entry = result.show, result.entry
    print(f"{_safe(show.title)}: unmarked ({progress_phrase(show, entry)})")
    return 0


def cmd_status(tracker: Tracker, args: argparse.Namespace) -> int:
    result = tracker.set_status(args.show, args.status)
    print(f"{_safe(result.show.title)}: {_safe(result.status_phrase())}")
    return 0


def cmd_verdict(tracker: Tracker, args: argparse.Namespace) -> int:
    show = tracker.find(args.show)
    fmt = tracker.settings().score_format
    if args.delete is not None:
        if args.edit is not None or any(
            x is not None for x in (args.score, args.stance, args.note, args.note_file)
        ):
            raise InvalidInput("--delete takes no other verdict option")
        gone = tracker.delete_verdict(show.slug, args.delete)
        print(
            f"{_safe(show.title)}: verdict {gone.id} deleted "
            f"({show_score(gone.effective_score, fmt)}, {gone.effective_stance.value})"
        )
        return 0
    notes = read_note_file(args.note_file) if args.note_file else args.note
    typed = VerdictInput(args.score, args.stance, notes, args.episode)
    if args.edit is not None:
        verdict = tracker.edit_verdict(show.slug, args.edit, typed)
        done = f"verdict {verdict.id} corrected"
    else:
        mismatch = tracker.check_verdict(show.slug, typed).mismatch
        if mismatch:
            print(f"watchlist: note: {mismatch}", file=sys.stderr)
        verdict = tracker.give_verdict(show.slug, typed)
        done = "verdict saved"
    at = "before episode 1" if not verdict.episode else f"at episode {verdict.episode}"
    print(
        f"{_safe(show.title)}: {done}, {show_score(verdict.effective_score, fmt)} "
        f"({verdict.effective_stance.value}) {at}"
    )
    return 0


def cmd_note(tracker: Tracker, args: argparse.Namespace) -> int:
    show = tracker.find(args.show)
    text = read_note_file(args.file) if args.file else args.text
    if text is None:
        raise InvalidInput("give the note's text, '' to clear it, or --file")
    entry = tracker.set_note(show.slug, text)
    said = "note saved" if entry.comments else "note cleared"
    print(f"{_safe(show.title)}: {said}")
    return 0


def cmd_edit(tracker: Tracker, args: argparse.Namespace) -> int:
    from watchlist.service.entries import DetailsInput

    show = tracker.find(args.show)
    typed = DetailsInput(started=args.started, finished=args.finished, rewatches=args.rewatches)
    if typed == DetailsInput():
        raise InvalidInput("give --started, --finished or --rewatches")
    entry = tracker.set_details(show.slug, typed)
    started = entry.started.isoformat() if entry.started else "none"
    finished = entry.finished.isoformat() if entry.finished else "none"
    print(
        f"{_safe(show.title)}: started {started}, finished {finished}, "
        f"rewatched {entry.rewatch_count} times"
    )
    return 0


def cmd_add(tracker: Tracker, args: argparse.Namespace) -> int:
    show = tracker.add_show(
        args.title,
        episodes=args.episodes,
        season=args.season,
        mal_id=args.mal_id,
        studio=args.studio,
    )
    where = f" in {show.season}" if show.season else ""
    print(f"Added {_safe(show.title)} as {show.slug}{where}")
    return 0


def cmd_rate(tracker: Tracker, args: argparse.Namespace) -> int:
    if args.score is None and args.note is None:
        raise InvalidInput("give --score, --note or both")
    show = tracker.find(args.show)
    entry = tracker.rate_episode(show.slug, args.episode, score=args.score, note=args.note).entry
    number = parse_whole(args.episode, what="episode", low=1, high=None)
    fmt = tracker.settings().score_format
    score = show_score(entry.ratings.get(number), fmt)
    print(f"{_safe(show.title)} episode {number}: score {score}")
    return 0


def cmd_critics(tracker: Tracker, args: argparse.Namespace) -> int:
    show, pieces, hidden = tracker.pieces(args.show)
    return emit(
        args,
        lambda: [jsonout.piece_json(p, hidden) for p in pieces],
        lambda: _human().print_pieces(show, pieces, hidden),
    )


def cmd_compare(tracker: Tracker, args: argparse.Namespace) -> int:
    comparison = tracker.compare(args.show)
    fmt = tracker.settings().score_format
    return emit(
        args,
        lambda: jsonout.comparison_json(comparison, fmt),
        lambda: _human().print_comparison(comparison, fmt),
    )


def cmd_stats(tracker: Tracker, args: argparse.Namespace) -> int:
    season = tracker.season(args.season).slug if args.season else None
    report = tracker.stats(season)
    fmt = tracker.settings().score_format
    return emit(
        args,
        lambda: jsonout.stats_json(report, fmt),
        lambda: _human().print_stats(report, fmt),
    )


def cmd_settings(tracker: Tracker, args: argparse.Namespace) -> int:
    blind = None if args.blind is None else args.blind == "on"
    if args.season is not None:
        tracker.season(args.season)  # a wrong name is refused before anything changes
    if args.score_format is not None or args.theme is not None or blind is not None:
        settings = tracker.update_settings(
            score_format=args.score_format, theme=args.theme, blind=blind
        )
    if args.season is not None:
        tracker.choose_season(args.season)
    settings = tracker.settings()
    shape = {
        "score_format": settings.score_format.value,
        "theme": settings.theme,
        "blind": settings.blind,
        "season": tracker.default_season(),
    }

    def show() -> None:
        for key, value in shape.items():
            shown = ("on" if value else "off") if isinstance(value, bool) else value
            print(f"{key.replace('_', ' ')}: {_safe(str(shown))}")

    return emit(args, lambda: shape, show)


def cmd_export(tracker: Tracker, args: argparse.Namespace) -> int:
    exported = tracker.export(args.format, excel=args.excel)
    if args.output in (None, "-"):
        sys.stdout.buffer.write(exported.payload)
        sys.stdout.flush()
        # Standard output holds the data: what was written goes to standard error.
        print(f"Exported {_safe(exported.what)} ({args.format})", file=sys.stderr)
        return 0
    tracker.write_export(Path(args.output), exported.payload)
    print(f"Exported {_safe(exported.what)} to {_safe(args.output)} ({args.format})")
    return 0


def cmd_import(tracker: Tracker, args: argparse.Namespace) -> int:
    report = tracker.import_file(
        args.file,
        fmt=args.format,
        progress=_progress_line if sys.stderr.isatty() else None,
        dry_run=args.dry_run,
        strict=args.strict,
        overwrite=args.overwrite,
        add_unmatched=args.add_unmatched,
        score_format=args.score_format,
    )
    if sys.stderr.isatty():
        print("\r\033[K", end="", file=sys.stderr)
    for line in report.lines:
        print(_safe(line))
    return 1 if report.skipped else 0


def cmd_behind(tracker: Tracker, args: argparse.Namespace) -> int:
    from watchlist.domain.dates import parse_day

    today = tracker.now.astimezone().date()
    on = parse_day(args.on, what="--on", today=today) if args.on else None
    report = tracker.behind(on)
    shape = _shape(args)
    if shape in ("tsv", "csv"):
        header = ["slug", "title", "behind", "aired", "watched", "next", "next airs"]
        rows = [
            [
                item.show.slug,
                item.show.title,
                str(item.behind),
                str(item.aired),
                str(len(item.entry.watched)),
                str(item.next.number) if item.next else "",
                airs_text(item.next) if item.next and item.next.airs else "",
            ]
            for item in report.items
        ]
        _plain_table(shape, header, rows)
        return 0
    return emit(args, lambda: jsonout.behind_json(report), lambda: _human().print_behind(report))


def cmd_seasons(tracker: Tracker, args: argparse.Namespace) -> int:
    counts = tracker.season_counts()
    current = tracker.default_season()
    shape = _shape(args)
    if shape in ("tsv", "csv"):
        rows = [[s.slug, s.name, str(n), "yes" if s.slug == current else ""] for s, n in counts]
        _plain_table(shape, ["slug", "name", "shows", "current"], rows)
        return 0

    def show() -> None:
        for season, count in counts:
            mark = "*" if season.slug == current else " "
            print(f"{mark} {season.slug:<12} {_safe(season.name):<12} {count:>5,} shows")
        print("* the season the board and `list` open on (watchlist settings --season)")

    return emit(args, lambda: jsonout.seasons_json(counts, current), show)


def cmd_catalog(tracker: Tracker, args: argparse.Namespace) -> int:
    report = tracker.import_catalog(
        args.file, seasons=args.season, fmt=args.format, dry_run=args.dry_run
    )
    for line in report.lines:
        print(_safe(line))
    return 0


def _progress_line(done: int, total: int) -> None:
    print(f"\rImporting: {done:,} of {total:,} entries", end="", file=sys.stderr, flush=True)


def cmd_review(tracker: Tracker, args: argparse.Namespace) -> int:
    piece = tracker.add_piece(args.show, args.file)
    show = tracker.find(piece.show)
    print(
        f"{_safe(show.title)}: added {_safe(piece.byline)}'s {piece.kind.value} "
        f"({piece.score}/100, {piece.stance.value}) as {piece.id}"
    )
    return 0


def _safe(text: str) -> str:
    return printable_line(text)


COMMANDS: dict[str, Command] = {
    "list": cmd_list,
    "show": cmd_show,
    "watch": cmd_watch,
    "unwatch": cmd_unwatch,
    "status": cmd_status,
    "verdict": cmd_verdict,
    "rate": cmd_rate,
    "critics": cmd_critics,
    "compare": cmd_compare,
    "stats": cmd_stats,
    "settings": cmd_settings,
    "export": cmd_export,
    "import": cmd_import,
    "review": cmd_review,
    "seasons": cmd_seasons,
    "behind": cmd_behind,
    "note": cmd_note,
    "edit": cmd_edit,
    "add": cmd_add,
    "catalog": cmd_catalog,
}
