"""The season recap as documents (JSON, Markdown, the HTML page) and as a command: the
numbers each carries, escaping of every text from data, what the page may contain,
and what the spoiler shield and blind mode leave out. The page in a real browser is
in test_recap_browser."""

from __future__ import annotations

import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.cli_helpers import Capsys, run
from tests.recap_pages import HOSTILE_CRITIC, HOSTILE_OUTLET, HOSTILE_TITLE, hostile_tracker
from tests.test_season_views import review, verdict
from watchlist.domain.agreement import Affinity
from watchlist.domain.model import Show
from watchlist.domain.recap import recap
from watchlist.service.tracker import Tracker

SHOWS = [Show(slug, slug.upper(), episodes=12) for slug in ("a", "b", "c")]


def _critics(*gaps: float) -> list[Affinity]:
    return [Affinity(f"C{n}", gap, 3) for n, gap in enumerate(gaps)]


def test_closest_and_farthest_never_name_a_critic_twice() -> None:
    verdicts = {"a": [verdict("a", 70)]}
    six = recap("S", SHOWS, verdicts, [], _critics(9, 1, 5, 30, 12, 2), [])
    assert [a.critic for a in six.closest] == ["C1", "C5", "C2"]
    assert [a.critic for a in six.farthest] == ["C3", "C4", "C0"]
    three = recap("S", SHOWS, verdicts, [], _critics(9, 1, 5), [])
    assert [a.critic for a in three.closest] == ["C1", "C2"]
    assert [a.critic for a in three.farthest] == ["C0"]
    one = recap("S", SHOWS, verdicts, [], _critics(4), [])
    assert [a.critic for a in one.closest] == ["C0"] and one.farthest == []


def test_the_spreads_beside_each_other() -> None:
    verdicts = {"a": [verdict("a", 90)], "b": [verdict("b", 50)], "c": [verdict("c", 70)]}
    pieces = [review("Q", "a", 80), review("Q", "b", 60), review("R", "a", 100)]
    made = recap("S", SHOWS, verdicts, pieces, [], [])
    assert (made.your_spread.count, made.your_spread.mean, made.your_spread.deviation) == (
        3,
        70.0,
        16.3,
    )
    assert made.critics_spread.histogram == [0, 0, 0, 0, 0, 0, 1, 0, 1, 1]
    assert (made.previews_called, len(made.hype_checked)) == (0, 0)


def test_the_json_shape(tracker: Tracker, capsys: Capsys) -> None:
    tracker.give_verdict("metallic", score="8")
    tracker.give_verdict("metallic", score="5")
    tracker.give_verdict("solo", score="7")
    data = run(capsys, "recap", "--json").json()
    assert {
        "season",
        "shows",
        "closest_critics",
        "farthest_critics",
        "changed_my_mind",
        "who_called_it",
        "weeks",
        "spread",
    } <= set(data)
    for show in data["shows"]:
        assert {"slug", "you", "reception", "delta"} <= set(show)
        assert show["delta"] == show["you"] - show["reception"]
    assert [c["slug"] for c in data["changed_my_mind"]] == ["metallic-rouge"]
    assert (
        data["changed_my_mind"][0] | {"first": 80, "last": 50, "moved": -30}
        == (data["changed_my_mind"][0])
    )
    assert run(capsys, "recap", "--format", "json").out == run(capsys, "recap", "--json").out


def test_every_text_from_data_is_escaped(tmp_path: Path) -> None:
    tracker = hostile_tracker(tmp_path / "sample")
    page = tracker.recap_document(None, "html")
    assert "<script" not in page.lower() and "<img" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert HOSTILE_OUTLET in page  # not markup in HTML: shown as it is
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    markdown = tracker.recap_document(None, "md")
    assert r"\<script\>alert(1)\</script\>" in markdown
    assert r"\[bold\]x\[/bold\]" in markdown and HOSTILE_TITLE not in markdown
    assert HOSTILE_CRITIC not in markdown
    # As a forum renders it (CommonMark with tables, by markdown-it, which Textual uses):
    # the tables are tables, and the names come out as text, not as elements.
    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark").enable("table").render(markdown)
    assert rendered.count("<table>") == 2 and "<script" not in rendered and "<img" not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered and HOSTILE_OUTLET in rendered
    assert HOSTILE_TITLE in tracker.recap_document(None, "json").replace("\\/", "/")


class Tags(HTMLParser):
    """Every element of a page, with its attributes, and the text of its style sheets."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.styles: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        if self.tags and self.tags[-1][0] == "style":
            self.styles.append(data)


def test_the_page_is_self_contained_and_the_same_every_time(tmp_path: Path) -> None:
    tracker = hostile_tracker(tmp_path / "sample")
    page = tracker.recap_document(None, "html")
    assert page == tracker.recap_document(None, "html")  # no random ids, no dates
    parsed = Tags()
    parsed.feed(page)
    names = [tag for tag, _ in parsed.tags]
    # Nothing that runs or fetches: no script, link, image or frame; no src or href.
    assert not {"script", "link", "img", "image", "iframe", "object", "embed", "use"} & set(names)
    assert [attrs for _, attrs in parsed.tags if {"src", "href", "xlink:href"} & set(attrs)] == []
    assert not [a for _, attrs in parsed.tags for a in attrs if a.startswith("on")]
    sheets = " ".join(parsed.styles)
    assert "url(" not in sheets and "@import" not in sheets and "@font-face" not in sheets
    assert names.count("svg") == 3 and "<!--" not in page
    assert "prefers-color-scheme: dark" in sheets and "@media print" in sheets


def test_the_command_writes_files_by_their_ending(tracker: Tracker, capsys: Capsys) -> None:
    tracker.give_verdict("metallic", score="8")
    folder = Path(tracker.recap_file() or "").parent
    for name, start in (("r.html", "<!DOCTYPE html>"), ("r.json", "{"), ("r.md", "# Winter")):
        done = run(capsys, "recap", "-o", str(folder / name))
        assert done.code == 0 and (folder / name).read_text().startswith(start), name
    assert run(capsys, "recap", "-o", "-").out.startswith("# Winter 2024: you against")
    assert run(capsys, "recap", "--format", "html").out.startswith("<!DOCTYPE html>")
    refused = run(capsys, "recap", "-o", str(folder / "watchlist.json"))
    assert refused.code == 2 and "is the database" in refused.err


def test_a_season_with_no_verdicts_says_so_in_every_format(capsys: Capsys) -> None:
    assert "No verdicts on Winter 2024 yet" in run(capsys, "recap").out
    assert run(capsys, "recap", "--json").json()["empty"] is True
    page = run(capsys, "recap", "--format", "html").out
    assert "No verdicts on Winter 2024 yet" in page and "<svg" not in page


def test_the_shield_and_blind_mode_apply(tracker: Tracker) -> None:
    tracker.give_verdict("metallic", score="8")
    tracker.give_verdict("frieren", score="9")
    shielded = tracker.recap()
    tracker.spoilers = tracker.settings().spoilers.__class__("show")
    everything = tracker.recap()
    assert len(shielded.critic_scores) < len(everything.critic_scores)
    tracker.spoilers = None
    tracker.update_settings(blind=True)
    blind = tracker.recap()
    assert blind.critic_scores == shielded.critic_scores  # every show in it is judged


def test_jinja2_and_pygal_load_only_for_the_page(tmp_path: Path) -> None:
    code = (
        "import sys, io, contextlib\n"
        "from watchlist.cli.main import main\n"
        "def loaded():\n"
        "    return sorted(m for m in ('jinja2', 'pygal') if m in sys.modules)\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    for args in (['list', '--json'], ['recap'], ['recap', '--json'], ['picks']):\n"
        "        main(args)\n"
        "    print(loaded(), file=sys.stderr)\n"
        "    import watchlist.tui.app\n"
        "    print(loaded(), file=sys.stderr)\n"
        "    main(['recap', '--format', 'html'])\n"
        "    print(loaded(), file=sys.stderr)\n"
    )
    env = {"WATCHLIST_DB": str(tmp_path / "db.json"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[-3:] == ["[]", "[]", "['jinja2', 'pygal']"]


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_each_format_names_the_season(tracker: Tracker, fmt: str) -> None:
    tracker.give_verdict("metallic", score="8")
    assert "Winter 2024" in tracker.recap_document("winter-2024", fmt)


def test_every_surface_says_a_change_of_mind_and_a_called_critic_alike(tmp_path: Path) -> None:
    """The Markdown and the page write the lines stats and the recap screen write."""
    from watchlist.domain.hindsight import called_text, changed_text

    tracker = hostile_tracker(tmp_path / "sample")
    made = tracker.recap()
    assert made.changed_my_mind and made.who_called_it
    changed, called = changed_text(made.changed_my_mind[0]), called_text(made.who_called_it[0])
    assert changed == "80 → 60 (-20)" and " points off, " in called
    for fmt in ("md", "html"):
        document = tracker.recap_document(None, fmt)
        assert changed in document and called in document, fmt
