"""The recap's parts as terminal text, each fitted to the width it is given: the same
sections and words as the page and the Markdown (`domain.recap_text`), charts as
text bars. Titles are data: never markup, cut with an ellipsis where room runs out."""

from __future__ import annotations

from textual.content import Content

from watchlist.domain import recap_text as words
from watchlist.domain.agreement import Affinity
from watchlist.domain.recap import Recap, RecapShow
from watchlist.domain.text import plural
from watchlist.tui.text import lines, plain, styled

YOU, CRITICS = "$primary", "$warning"
"""The two sides' colours, as the page's blue and orange."""
WARM, COLD = "$error", "$primary"
BARS = 48
"""The longest text bar: longer says nothing more."""


def fit(text: object, width: int, style: str = "") -> Content:
    """Data in exactly `width` cells: padded, or cut with an ellipsis."""
    return plain(text).truncate(max(1, width), ellipsis=True, pad=True).stylize(style)


def heading(text: str) -> Content:
    return styled(text, "bold underline")


def bar(count: float, top: float, width: int) -> str:
    return "█" * round(width * count / top) if top else ""


def rankings(recap: Recap, width: int) -> Content:
    half = (width - 2) // 2
    name = half - 9  # "nn. " before, " 100 " after
    parts = [
        heading(words.RANKINGS),
        Content.assemble(fit("You", half + 2, "bold"), fit("The critics", half, "bold")),
    ]
    for n, (mine, theirs) in enumerate(recap.rankings(), 1):
        left = (
            Content.assemble(
                fit(f"{n:>2}. ", 4), fit(mine.show.title, name), fit(f"{mine.you:>4}", 5, YOU)
            )
            if mine
            else fit("", half)
        )
        right = (
            Content.assemble(
                fit(f"{n:>2}. ", 4),
                fit(theirs.show.title, name),
                fit(f"{theirs.reception.score:>4}" if theirs.reception else "", 5, CRITICS),
            )
            if theirs
            else Content("")
        )
        parts.append(Content.assemble(left, "  ", right))
    return lines(*parts)


def differences(title: str, rows: list[RecapShow], empty: str, width: int, style: str) -> Content:
    parts = [heading(title)]
    said = [words.difference(row) for row in rows]
    room = max((len(line) for line in said), default=0)
    for row, line in zip(rows, said, strict=True):
        parts.append(
            Content.assemble(
                fit(row.show.title, width - room - 2, "bold"),
                "  ",
                styled(f"{line:>{room}}", style),
            )
        )
    if not rows:
        parts.append(styled(empty, "dim"))
    return lines(*parts)


def critics(title: str, found: list[Affinity], empty: str, width: int) -> Content:
    parts = [heading(title)]
    for a in found:
        said = f"{a.mean_difference:.1f} points off, {plural(a.shows, 'show')}"
        parts.append(
            Content.assemble(fit(a.critic, width - len(said) - 2, "bold"), "  ", plain(said))
        )
    if not found:
        parts.append(styled(empty, "dim"))
    return lines(*parts)


def hype(recap: Recap, width: int) -> Content:
    rows = recap.reception_order
    parts = [heading(words.HYPE)]
    if not rows:
        return lines(*parts, styled(words.NO_HYPE, "dim"))
    parts.append(plain(words.hype_summary(recap)))
    parts.append(styled(words.HYPE_KEY, "dim"))
    columns = "    Hype Reviews Called  First  Called"
    name = min(width - len(columns) - 2, max(len(r.show.title) for r in rows))
    parts.append(Content.assemble(fit("Show", name + 2, "bold"), styled(columns, "bold")))
    for row in rows:
        hyped = row.hype.score if row.hype else "-"
        score = row.reception.score if row.reception else "-"
        parts.append(
            Content.assemble(
                fit(row.show.title, name),
                "  ",
                fit(f"{hyped:>8}", 9),
                fit(f"{score:>7}", 8, CRITICS),
                fit(words.called(row.previews_called_it), 7),
                fit(f"{row.first:>5}", 7, YOU),
                plain(words.called(row.you_called_it)),
            )
        )
    return lines(*parts)


def changed(recap: Recap, width: int) -> Content:
    parts = [heading(words.CHANGED)]
    for c in recap.changed_my_mind:
        said = words.changed_text(c)
        parts.append(
            Content.assemble(
                fit(recap.title(c.show), width - len(said) - 2, "bold"), "  ", plain(said)
            )
        )
    if not recap.changed_my_mind:
        parts.append(styled(words.NO_CHANGE, "dim"))
    return lines(*parts)


def called(recap: Recap, width: int) -> Content:
    parts = [heading(words.CALLED)]
    for c in recap.who_called_it:
        said = words.called_text(c)
        parts.append(
            Content.assemble(fit(c.critic, width - len(said) - 2, "bold"), "  ", plain(said))
        )
    if not recap.who_called_it:
        parts.append(styled(words.NO_CALLED, "dim"))
    return lines(*parts)


def weeks(recap: Recap, width: int) -> Content:
    parts = [heading(words.WEEKS)]
    if not recap.weeks:
        return lines(*parts, styled(words.NO_WEEKS, "dim"))
    parts.append(plain(words.total_hours(recap) + "."))
    top = max(w.episodes for w in recap.weeks)
    room = max(8, min(BARS, width - 12 - 26))
    for w in recap.weeks:
        parts.append(
            Content.assemble(
                plain(f"{w.week_start.isoformat()}  "),
                fit(bar(w.episodes, top, room), room + 1, YOU),
                plain(words.week(w)),
            )
        )
    return lines(*parts)


def spread(recap: Recap, width: int) -> Content:
    yours, theirs = recap.your_spread, recap.critics_spread
    room = max(6, min(BARS // 2, (width - 8 - 10) // 2))
    top = max([*yours.histogram, *theirs.histogram, 1])
    parts = [
        heading(words.SPREAD),
        styled(words.spread_line("You", yours), YOU),
        styled(words.spread_line("The critics", theirs), CRITICS),
        Content.assemble(fit("", 8), fit("You", room + 5, "bold"), styled("The critics", "bold")),
    ]
    for n in reversed(range(10)):
        mine, other = yours.histogram[n], theirs.histogram[n]
        parts.append(
            Content.assemble(
                fit(f"{words.bucket_label(n):>7}", 8),
                fit(f"{bar(mine, top, room)} {mine or ''}", room + 5, YOU),
                styled(f"{bar(other, top, room)} {other or ''}", CRITICS),
            )
        )
    return lines(*parts)
