"""The recap as Markdown that pastes into a forum post (Reddit, Discourse, GitHub):
headings, lists, pipe tables, and the charts as text bars in code blocks.

Every text from data is escaped: a title like `*[Oshi no Ko]*` or `<b>` shows as
written, never as emphasis, a link or HTML."""

from __future__ import annotations

import re

from watchlist.domain import recap_text as words
from watchlist.domain.recap import Recap, RecapShow
from watchlist.domain.text import printable_line

BAR_WIDTH = 30
"""The longest text bar, in characters."""
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
"""What Markdown (CommonMark and its forum dialects) may read as syntax in the middle of
a line (data never starts one); a backslash before ASCII punctuation is taken literally.
Our own words are written so that none of them needs it."""


def md(text: object) -> str:
    """Data as literal Markdown text on one line."""
    return _SPECIAL.sub(r"\\\1", printable_line(str(text)))


def bar(count: float, top: float, width: int = BAR_WIDTH) -> str:
    return "█" * round(width * count / top) if top else ""


def _section(heading: str, body: list[str]) -> list[str]:
    return ["", f"## {heading}", "", *body]


def _rankings(recap: Recap) -> list[str]:
    rows = ["| # | You | | The critics | |", "|---:|---|---:|---|---:|"]
    for n, (mine, theirs) in enumerate(recap.rankings(), 1):
        left = f"{md(mine.show.title)} | {mine.you}" if mine else " | "
        right = (
            f"{md(theirs.show.title)} | {theirs.reception.score}"
            if theirs and theirs.reception
            else " | "
        )
        rows.append(f"| {n} | {left} | {right} |")
    return rows


def _differences(rows: list[RecapShow], empty: str) -> list[str]:
    return [f"- **{md(r.show.title)}**: {words.difference(r)}" for r in rows] or [empty]


def _hype(recap: Recap) -> list[str]:
    checked = [r for r in recap.shows if r.reception is not None]
    if not checked:
        return [words.NO_HYPE]
    rows = [
        words.hype_summary(recap),
        "",
        words.HYPE_KEY,
        "",
        "| Show | Hype | Reviews | Called | You first | Called |",
        "|---|---:|---:|---|---:|---|",
    ]
    for r in checked:
        hype = r.hype.score if r.hype else "-"
        reviews = r.reception.score if r.reception else "-"
        rows.append(
            f"| {md(r.show.title)} | {hype} | {reviews} | {words.called(r.previews_called_it)} "
            f"| {r.first} | {words.called(r.you_called_it)} |"
        )
    return rows


def _weeks(recap: Recap) -> list[str]:
    if not recap.weeks:
        return [words.NO_WEEKS]
    top = max(w.episodes for w in recap.weeks)
    lines = [words.total_hours(recap) + ":", "", "```text"]
    for w in recap.weeks:
        lines.append(
            f"{w.week_start.isoformat()}  {bar(w.episodes, top):<{BAR_WIDTH}}  {words.week(w)}"
        )
    return [*lines, "```"]


def _spread(recap: Recap) -> list[str]:
    yours, theirs = recap.your_spread, recap.critics_spread
    half = BAR_WIDTH // 2
    top = max([*yours.histogram, *theirs.histogram, 1])
    lines = ["```text", f"{'':8}{'You':<{half + 4}}The critics"]
    for n in reversed(range(10)):
        mine, other = yours.histogram[n], theirs.histogram[n]
        left = f"{bar(mine, top, half)} {mine or ''}"
        lines.append(
            f"{words.bucket_label(n):>7} {left:<{half + 4}}{bar(other, top, half)} {other or ''}"
        )
    lines += [
        "```",
        "",
        f"- {words.spread_line('You', yours)}",
        f"- {words.spread_line('The critics', theirs)}",
    ]
    return lines


def render_markdown(recap: Recap) -> str:
    season = md(recap.season)
    out = [f"# {words.TITLE.format(season=season)}", ""]
    if recap.empty:
        out.append(words.NO_VERDICTS.format(season=season))
        out += _section(words.WEEKS, _weeks(recap))
        return "\n".join(out) + "\n"
    out.append(words.summary(recap))
    out += _section(words.RANKINGS, _rankings(recap))
    out += _section(words.WARMER, _differences(recap.warmer, words.NOTHING_WARMER))
    out += _section(words.COLDER, _differences(recap.colder, words.NOTHING_COLDER))
    for heading, critics in ((words.CLOSEST, recap.closest), (words.FARTHEST, recap.farthest)):
        body = [f"- **{md(a.critic)}**: {words.critic(a)}" for a in critics]
        out += _section(heading, body or [words.no_critics(recap, critics is recap.farthest)])
    out += _section(words.HYPE, _hype(recap))
    changed = [
        f"- **{md(recap.title(c.show))}**: {words.changed_text(c)}" for c in recap.changed_my_mind
    ]
    out += _section(words.CHANGED, changed or [words.NO_CHANGE])
    called = [f"- **{md(c.critic)}**: {words.called_text(c)}" for c in recap.who_called_it]
    out += _section(words.CALLED, [words.CALLED_HOW, "", *called] if called else [words.NO_CALLED])
    out += _section(words.WEEKS, _weeks(recap))
    out += _section(words.SPREAD, _spread(recap))
    return "\n".join(out) + "\n"
