"""The shipped catalog: verified facts only, and critics' pieces in our own words."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from watchlist.storage.catalog import load_catalog, seeds_folder
from watchlist.storage.converters import piece_from_doc, show_from_doc

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REFERENCE = SHARED / "reference" / "winter-2024-facts.json"
SOURCES = SHARED / "seeds"

needs_reference = pytest.mark.skipif(not REFERENCE.exists(), reason="reference facts not present")
needs_sources = pytest.mark.skipif(not SOURCES.exists(), reason="critic source texts not present")

SEED = json.loads((ROOT / "seeds" / "winter-2024.json").read_text())
SHOWS = {doc["slug"]: doc for doc in SEED["shows"]}
ALL_PIECES = SEED["pieces"]
SEED_TEXT_PIECES = {
    "metallic-rouge/anime-feminist-premiere",
    "metallic-rouge/cosmic-circus-premiere",
    "metallic-rouge/unknown-outlet-preview",
    "metallic-rouge/lets-weaboo-preview",
}
PIECES = [p for p in ALL_PIECES if p["id"] in SEED_TEXT_PIECES]
"""The four pieces written from the source texts supplied with the project."""
SOURCES_FILE = json.loads((ROOT / "seeds" / "sources" / "critic-pieces.json").read_text())

# reference field -> seed field
FIELDS = {
    "title_en": "title",
    "title_romaji": "title_romaji",
    "title_native": "title_native",
    "studios": "studios",
    "premiere_date": "premiere",
    "run_start_date": "run_start",
    "streaming": "streaming",
    "source_material": "source",
    "mal_id": "mal_id",
    "episodes_winter2024": "episodes_in_season",
    "continuing": "continuing",
}


def test_every_document_reads_as_a_domain_object() -> None:
    for doc in SEED["shows"]:
        show_from_doc(doc)
    for doc in ALL_PIECES:
        piece_from_doc(doc)
    assert len(SHOWS) == len(SEED["shows"]) == 34


@needs_reference
def test_facts_match_the_reference_and_unverified_ones_are_empty() -> None:
    reference = json.loads(REFERENCE.read_text())
    by_title = {doc["title"]: doc for doc in SEED["shows"]}
    assert set(by_title) == {r["title_en"] for r in reference}
    for ref in reference:
        show = by_title[ref["title_en"]]
        verified = set(ref["verified_fields"])
        for ref_field, seed_field in FIELDS.items():
            expected = ref.get(ref_field) if ref_field in verified else None
            assert show[seed_field] == expected, (ref["title_en"], seed_field)
        # The entry's episode count is the verified total, or the season's count
        # where the MyAnimeList id is for that part alone.
        assert show["episodes"] in (ref["episodes_total"], ref.get("episodes_winter2024"))
        assert "episodes_total" in verified


def test_every_show_has_a_synopsis_and_a_stable_slug() -> None:
    for slug, show in SHOWS.items():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug)
        assert 80 < len(show["synopsis"]) < 600, slug
    assert "metallic-rouge" in SHOWS


def test_the_four_metallic_rouge_pieces_are_as_the_spec_describes() -> None:
    by_outlet = {p["outlet"]: p for p in PIECES}
    assert set(by_outlet) == {"Anime Feminist", "The Cosmic Circus", None, "Let's Weaboo"}
    feminist = by_outlet["Anime Feminist"]
    assert (feminist["critic"], feminist["published"], feminist["kind"], feminist["episode"]) == (
        "Vrai Kaiser",
        "2024-01-12",
        "premiere",
        1,
    )
    circus = by_outlet["The Cosmic Circus"]
    assert (circus["kind"], circus["verdict"], circus["critic"]) == ("premiere", "We'll see", None)
    assert by_outlet[None]["kind"] == "preview" and by_outlet[None]["critic"] is None
    assert by_outlet["Let's Weaboo"]["kind"] == "preview"
    for piece in PIECES:
        assert piece["rating"] is None  # none of the four gives a rating; never invent one
        assert piece["show"] == "metallic-rouge"
        assert 0 <= piece["score"] <= 100 and piece["score_reason"]
        if piece["kind"] == "preview":
            assert piece["published"] is None and piece["episode"] is None


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))


def source_texts() -> list[str]:
    return [path.read_text() for path in sorted(SOURCES.glob("*.txt"))]


@needs_sources
def test_quotations_are_short_verbatim_and_one_per_piece() -> None:
    sources = [" ".join(words(text)) for text in source_texts()]
    for piece in PIECES:
        quote = piece["quote"]
        if quote is None:
            continue
        assert len(quote.split()) < 15
        assert any(" ".join(words(quote)) in source for source in sources), quote


@needs_sources
def test_summaries_highlights_and_concerns_are_in_our_own_words() -> None:
    """No run of eight words from a source text appears in what we wrote."""
    grams: set[tuple[str, ...]] = set()
    for text in source_texts():
        w = words(text)
        grams |= {tuple(w[i : i + 8]) for i in range(len(w) - 7)}
    for piece in PIECES:
        ours = " ".join(
            [piece["summary"], piece["score_reason"], *piece["highlights"], *piece["concerns"]]
        )
        w = words(ours)
        copied = [" ".join(w[i : i + 8]) for i in range(len(w) - 7) if tuple(w[i : i + 8]) in grams]
        assert copied == [], (piece["id"], copied)


def test_the_catalog_loads_from_the_checkout() -> None:
    catalog = load_catalog()
    assert len(catalog.shows) == 34 and len(catalog.pieces) >= 100 and len(catalog.version) == 16
    assert set(catalog.seasons) == {"winter-2024"}
    assert {show.season for show in catalog.shows.values()} == {"winter-2024"}
    assert (Path(str(seeds_folder())) / "winter-2024.json").exists()


def test_the_shipped_files_decoded_typed_are_what_checking_each_field_gives() -> None:
    """Starts decode the package's own files straight into records: every record must be
    what the field-by-field conversion makes."""
    typed, checked = load_catalog(), load_catalog(checked=True)
    assert typed == checked and typed.pieces and typed.shows and typed.seasons


@pytest.mark.parametrize(
    "spoil",
    [
        lambda doc: doc["pieces"][0].update(score="high"),
        lambda doc: doc.update(format=2),
    ],
    ids=["a field of the wrong type", "another format"],
)
def test_a_shipped_file_that_is_off_is_read_the_checked_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spoil: Any
) -> None:
    """What the typed decoding refuses is read field by field, which says what is off."""
    from watchlist.storage import catalog
    from watchlist.storage.errors import RecordError

    doc = json.loads((ROOT / "seeds" / "winter-2024.json").read_text())
    spoil(doc)
    (tmp_path / "winter-2024.json").write_text(json.dumps(doc))
    monkeypatch.setattr(catalog, "seeds_folder", lambda: tmp_path)
    with pytest.raises(RecordError, match=r"'score' must be a whole number|format 2"):
        catalog.load_catalog()


def test_a_slug_given_by_two_catalog_files_is_an_error(tmp_path: Path) -> None:
    from watchlist.storage.errors import RecordError

    shipped = (ROOT / "seeds" / "winter-2024.json").read_text()
    (tmp_path / "a.json").write_text(shipped)
    other = json.loads(shipped)
    other["season"] = {**other["season"], "slug": "spring-2024", "name": "Spring 2024"}
    other["shows"], other["pieces"] = other["shows"][:1], []
    (tmp_path / "b.json").write_text(json.dumps(other))
    with pytest.raises(RecordError, match="'metallic-rouge' is already in the catalog"):
        load_catalog(tmp_path)


def test_synopses_say_what_their_sources_say() -> None:
    assert "modern Japan" in SHOWS["doctor-elise"]["synopsis"]
    assert "Korea" not in SHOWS["doctor-elise"]["synopsis"]
    loop = SHOWS["7th-time-loop"]["synopsis"]
    assert "dies at twenty" in loop and "the moment her engagement is broken off" in loop
    pon = SHOWS["the-way-of-pon"]["synopsis"]
    assert "Onomichi" in pon and "father's" in pon and "seaside" not in pon
    assert "Hana Asakura" in SHOWS["shaman-king-flowers"]["synopsis"]
    assert "knight" not in SHOWS["delicious-in-dungeon"]["synopsis"]  # Laios is an adventurer
    assert "Arnold Hein, now the crown prince" in loop
    basue = SHOWS["snack-basue"]["synopsis"]
    assert "run night to night by the young hostess Akemi" in basue and "insults" in basue


def test_critic_pieces_say_what_the_critics_said() -> None:
    by_id = {piece["id"]: piece for piece in PIECES}
    feminist = by_id["metallic-rouge/anime-feminist-premiere"]
    assert not any("Joker" in c or "villain" in c for c in feminist["concerns"])
    assert "80s cult classics" in by_id["metallic-rouge/unknown-outlet-preview"]["summary"]
    assert "about half mech fights" in by_id["metallic-rouge/lets-weaboo-preview"]["summary"]
    by_any_id = {piece["id"]: piece for piece in ALL_PIECES}
    orianime = by_any_id["metallic-rouge/orianime-season"]
    assert "nowhere" not in orianime["summary"] and "romantic" in orianime["summary"]
    corner = by_any_id["a-sign-of-affection/anime-corner-premiere"]
    assert not any("lips" in c for c in corner["concerns"])  # they came to make sense
    geek = by_any_id["metallic-rouge/the-review-geek-season"]
    assert "Episodes 2-4 and 11 scored 3.5/5" in geek["highlights"]
    for piece in ALL_PIECES:
        # The project's own caveats are never filed as the critic's concerns.
        assert not any("before" in c and "aired" in c for c in piece["concerns"]), piece["id"]
        if piece["kind"] == "preview":
            assert piece["caveats"], piece["id"]


def test_every_critic_score_says_whether_it_is_a_reading(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from tests.cli_helpers import run

    pieces = run(capsys, "critics", "metallic", "--json", "--spoilers", "show").json()
    for p in pieces:
        assert p["score_source"] == ("rating" if p["rating"] else "reading")
        assert bool(p["rating"]) == bool(p["rating_scale"])
    rated = [p for p in pieces if p["rating"]]
    assert rated  # The Review Geek's 3/5 for the premiere
    text = run(capsys, "critics", "metallic", "--spoilers", "show").out
    assert text.count("our reading") == len(pieces) - len(rated)
    assert text.count("from their ") == len(rated)
    assert "Our note: Written before any episode aired" in text
    compare = run(capsys, "compare", "metallic", "--spoilers", "show").out
    assert "Critic score /100" in compare and "(our reading)" in compare


# ------------------------------------------------------- critics across the season


def test_critics_cover_the_season_as_far_as_real_sources_allow() -> None:
    from collections import Counter, defaultdict

    per_show = Counter(p["show"] for p in ALL_PIECES)
    assert len(per_show) >= 20 and sum(1 for n in per_show.values() if n >= 2) >= 12
    shows_of: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
    for p in ALL_PIECES:
        if p["critic"]:
            shows_of[(p["critic"], p["outlet"])].add(p["show"])
    assert sum(1 for shows in shows_of.values() if len(shows) >= 4) >= 3
    premiere_critics = {p["critic"] for p in ALL_PIECES if p["show"] == "metallic-rouge"}
    assert "James Beckett" in premiere_critics  # another critic of the premiere, from ANN


def test_every_piece_is_attributed_sourced_and_checked() -> None:
    from watchlist.domain.scoring import STANCE_BANDS, Stance

    sources = {entry["id"]: entry for entry in SOURCES_FILE["pieces"]}
    ids = [p["id"] for p in ALL_PIECES]
    assert len(ids) == len(set(ids)) == len(sources)
    for p in ALL_PIECES:
        source = sources[p["id"]]
        assert source["read"] and source["read_from"], p["id"]
        assert p["kind"] in ("preview", "premiere", "episode", "season")
        if p["id"] == "metallic-rouge/unknown-outlet-preview":
            # The one piece whose page is not known: its source entry says so.
            assert p["outlet"] is None and p["url"] is None and "not known" in source["read_from"]
        else:
            assert p["outlet"], p["id"]
        assert p["url"] == source["url"], p["id"]
        if p["url"] is None:
            # Read on a listing or a repost whose original address no stored page holds:
            # the source entry says where it was read and that the address is not known.
            assert "not known" in source["read_from"], p["id"]
        assert p["critic"] is None or p["critic"].strip()  # None shows as "critic not named"
        if p["rating"] is not None:
            assert p["rating_scale"], p["id"]
        band = STANCE_BANDS[Stance(p["stance"])]
        assert band.low <= p["score"] <= band.high, p["id"]
        if p["quote"] is not None:
            assert len(p["quote"].split()) < 15, p["id"]
        if p["kind"] in ("preview", "season"):
            assert p["episode"] is None, p["id"]
        else:
            episodes = SHOWS[p["show"]]["episodes"]
            assert p["episode"] and (episodes is None or p["episode"] <= episodes), p["id"]
        if p["published"]:
            assert "2023-07-01" <= p["published"] <= "2024-12-31", p["id"]


def test_piece_texts_carry_no_notes_about_how_they_were_read() -> None:
    for p in ALL_PIECES:
        text = " ".join([p["summary"], p["score_reason"], *p["highlights"], *p["concerns"]])
        assert not re.search(r"page read|cut off|portion read|unofficial copy", text), p["id"]


def test_each_site_is_named_one_way() -> None:
    """Pieces from one site carry one outlet name, so the critics of an outlet group."""
    from collections import defaultdict
    from urllib.parse import urlparse

    names: defaultdict[str, set[str]] = defaultdict(set)
    for p in ALL_PIECES:
        if p["url"]:
            names[(urlparse(p["url"]).hostname or "").removeprefix("www.")].add(p["outlet"])
    assert {site: spelt for site, spelt in names.items() if len(spelt) > 1} == {}


def test_every_quote_in_the_catalog_is_under_fifteen_words() -> None:
    """PRODUCT.md: at most one quotation per piece, under 15 words (words counted by
    whitespace split). A piece holds one `quote` field, so one quotation at most."""
    long_quotes = {
        p["id"]: len(p["quote"].split())
        for p in ALL_PIECES
        if p["quote"] is not None and len(p["quote"].split()) >= 15
    }
    assert long_quotes == {}
    for p in ALL_PIECES:
        if p["quote"] is not None:
            assert p["quote"].strip() == p["quote"] and p["quote"], p["id"]


LISTING = re.compile(r"/tag/|[?&]tag=|/category/|/page/\d+|[?&]paged?=|/\d{4}/\d{2}/(\d{2}/)?$")


def test_every_address_is_the_piece_s_own_page() -> None:
    """A piece's `url` is its own permalink: never a tag, category, date-archive or
    paginated listing, and without tracking or display parameters."""
    for p in ALL_PIECES:
        if p["url"]:
            assert not LISTING.search(p["url"]), p["id"]
            assert not re.search(r"[?&](utm_|replytocom=|amp=|amp_markup=|format=amp)", p["url"])


KIND_SUFFIX = re.compile(r"-(preview|premiere|season|episode-\d+)$")


def slug(text: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", plain.replace("'", "")))


def outlet_id(piece: dict) -> str:
    """The outlet part of a piece id `<show>/<outlet>[-<critic>]-<kind or episode>`."""
    rest = KIND_SUFFIX.sub("", piece["id"].split("/", 1)[1])
    if piece["critic"]:
        critic = slug(piece["critic"].split(" (")[0])
        rest = rest.removesuffix("-" + critic)
    return rest


def test_outlet_ids_map_one_to_one_to_outlet_names() -> None:
    """One spelling per outlet: the outlet part of the piece ids and the outlet names
    pair off one to one, so a site never appears under two ids or two names."""
    from collections import defaultdict

    names: defaultdict[str, set[str | None]] = defaultdict(set)
    ids: defaultdict[str | None, set[str]] = defaultdict(set)
    for p in ALL_PIECES:
        assert p["id"].startswith(p["show"] + "/") and KIND_SUFFIX.search(p["id"]), p["id"]
        names[outlet_id(p)].add(p["outlet"])
        ids[p["outlet"]].add(outlet_id(p))
    assert {o: n for o, n in names.items() if len(n) > 1} == {}
    assert {n: o for n, o in ids.items() if len(o) > 1} == {}
    for name in ids:
        # The site's own name: no bracketed domain or note, and no affiliation of a critic.
        assert name is None or "(" not in name, name


LETTER_POINTS = {
    **{"A+": 4.0, "A": 4.0, "A-": 3.7, "B+": 3.3, "B": 3.0, "B-": 2.7, "C+": 2.3},
    **{"C": 2.0, "C-": 1.7, "D+": 1.3, "D": 1.0, "D-": 0.7, "F": 0.0},
}


def converted(rating: str, scale: str) -> int:
    """A critic's rating on 0-100: a number out of N scaled (3.5 of 5 is 70); a letter
    grade by its points on the 4-point grade scale (A- is 3.7, so 93), rounded half up."""
    from decimal import ROUND_HALF_UP, Decimal

    if scale == "letter grade":
        value = Decimal(str(LETTER_POINTS[rating])) * 25
    else:
        top = re.fullmatch(r"(?:/|of |out of )(\d+)", scale)
        assert top, scale
        value = Decimal(rating) * 100 / Decimal(top.group(1))
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def test_a_critic_s_own_rating_is_the_score_converted() -> None:
    """Where the page states a grade, stars or a score, the piece records it with its
    scale, and the 0-100 score is exactly that rating converted."""
    rated = [p for p in ALL_PIECES if p["rating"] is not None]
    for p in rated:
        assert p["score"] == converted(p["rating"], p["rating_scale"]), p["id"]
    by_id = {p["id"]: p for p in ALL_PIECES}
    beat = by_id["metallic-rouge/the-beat-premiere"]  # four stars out of five in its heading
    assert (beat["rating"], beat["rating_scale"], beat["score"]) == ("4", "/5", 80)


def test_hype_from_before_the_season_for_at_least_twelve_shows() -> None:
    """Hype = pieces of kind `preview`: written before the show's first episode of the
    season aired. At least 12 shows have two or more, each saying so in its caveats and,
    where dated, dated before the show's premiere."""
    from collections import Counter

    previews = [p for p in ALL_PIECES if p["kind"] == "preview"]
    per_show = Counter(p["show"] for p in previews)
    assert sum(1 for n in per_show.values() if n >= 2) >= 12, per_show
    for p in previews:
        assert p["episode"] is None and p["caveats"], p["id"]
        assert any(c.startswith("Written before") for c in p["caveats"]), p["id"]
        premiere = SHOWS[p["show"]]["premiere"]
        if p["published"] and premiere:
            assert p["published"] < premiere, p["id"]


def season_span(show: dict) -> tuple[int, int]:
    """First and last episode of the show that aired in the season: from
    `first_in_season` and `episodes_in_season`; where those facts are not verified,
    the whole entry (episode 1 to `episodes`)."""
    first = show["first_in_season"] or 1
    count = show["episodes_in_season"] or show["episodes"] - first + 1
    return first, first + count - 1


def points_covered(slug: str) -> set[str]:
    """Where in the season a show's critics wrote, counting episodes relative to the
    season's span (Frieren's season runs from episode 17 to 28):

    - start: a premiere piece, or an episode piece within the first quarter of the
      season's episodes (or at relative episode 3 or earlier);
    - end: a season piece, or an episode piece at the season's last episode or in its
      last quarter;
    - middle: an episode piece strictly between the start and the end ranges.
    """
    first, last = season_span(SHOWS[slug])
    quarter = (last - first + 1) / 4
    points = set()
    for p in ALL_PIECES:
        if p["show"] != slug:
            continue
        if p["kind"] == "premiere":
            points.add("start")
        elif p["kind"] == "season":
            points.add("end")
        elif p["kind"] == "episode" and first <= p["episode"] <= last:
            if p["episode"] - first + 1 <= max(3, quarter):
                points.add("start")
            elif p["episode"] == last or last - p["episode"] < quarter:
                points.add("end")
            else:
                points.add("middle")
    return points


def test_critics_follow_sixteen_shows_from_start_through_middle_to_end() -> None:
    """At least 16 shows have pieces at the start, in the middle and at the end of their
    season (see `points_covered`), so the spoiler shield and checkpoint verdicts have
    critics to show at every stage."""
    followed = [slug for slug in SHOWS if points_covered(slug) == {"start", "middle", "end"}]
    assert len(followed) >= 16, sorted(followed)
    assert "frieren-beyond-journeys-end" in followed  # its season starts at episode 17


def test_six_shows_are_followed_week_by_week() -> None:
    """At least 6 shows have episode reviews (kind `episode`) at 4 or more distinct
    episodes, each episode number within the show's episode count."""
    from collections import defaultdict

    episodes: defaultdict[str, set[int]] = defaultdict(set)
    for p in ALL_PIECES:
        if p["kind"] == "episode":
            assert 1 <= p["episode"] <= SHOWS[p["show"]]["episodes"], p["id"]
            episodes[p["show"]].add(p["episode"])
    weekly = {slug for slug, seen in episodes.items() if len(seen) >= 4}
    assert len(weekly) >= 6, sorted(weekly)


def test_critics_own_ratings_are_recorded_where_pages_state_them() -> None:
    """Pages that state a grade, stars or a score carry it on the piece with its scale
    (the 4 pieces that had one grew to 15); each such piece's source entry quotes the
    text the number was taken from."""
    sources = {entry["id"]: entry for entry in SOURCES_FILE["pieces"]}
    rated = [p for p in ALL_PIECES if p["rating"] is not None]
    assert len(rated) >= 15
    for p in rated:
        assert not sources[p["id"]]["rating"].startswith("none"), p["id"]
        assert p["rating"] in sources[p["id"]]["rating"], p["id"]
