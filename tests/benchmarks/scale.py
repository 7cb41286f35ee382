"""Large libraries: every command at 20,000 shows against the floor of reading the file,
a durable mark and My list at 20,000, and a 100,000-entry list imported and used.

Floors, measured in the same run, each right after the run it is held against:
- a CLI command: a fresh `python -c` that reads and parses the same database file
  with orjson, the cycle collector off (the least any command on that file costs); for
  a command that saves, that plus encoding the same data and writing it durably (temp
  file, fsync, rename, folder fsync); for an export, reading and parsing plus writing a
  file of the output's size durably;
- a mark: the durable write of the same data (temp file, fsync, rename, folder fsync);
- My list's first frame: a bare Textual app with a DataTable of the same rows;
- the import: a fresh `python -c` that parses the same XML file whole with
  ElementTree (time and peak memory), after each of three imports, each into a new
  database; medians.
Reported: the read floor parsed with msgspec instead of orjson, against the orjson one.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.benchmarks.cli import watchlist_script
from tests.benchmarks.library import build_library
from tests.benchmarks.marking import measure_marks
from tests.benchmarks.report import Result, median
from tests.benchmarks.startup import first_frames, frame_results, probe_env

SCALE = 20_000
HUGE = 100_000
SCALE_FOLDER = "scale-cli"
"""Where the 20,000-show commands run, inside the benchmark's folder."""
HUGE_LIST = "list-100k.xml"
"""The 100,000-entry MAL list, inside the benchmark's folder."""


@dataclass(frozen=True)
class Command:
    """A command as the rows run it, the floor it is held against and its target."""

    args: list[str]
    target: float
    floor: str = "read"
    """"read": reading and parsing the file; "save": that plus writing the same data back
    durably; "output": reading and parsing plus writing a file the size of the output."""
    zone: str | None = None
    """The time zone the command runs in, as the rows name it; None: the machine's (UTC
    here, where every stored moment's written day is its local day)."""
    tz: str = ""
    """That zone as TZ: a POSIX rule, which needs no time zone data on the machine."""

    @property
    def titled(self) -> str:
        """How its rows and profiles name it (its words without the filled-in ones, and
        the zone it runs in): "`stats --json` in New York time"."""
        return f"`{command_name(self.args)}`" + (f" in {self.zone}" if self.zone else "")

    def environment(self) -> dict[str, str]:
        return probe_env() | ({"TZ": self.tz} if self.tz else {})


READ_ONE = 1.3
"""The issue's bound for a command about one show, against reading the file."""
READ_ALL = 2.0
"""For a command that goes through the whole library (stats, every season, export)."""
READ_LIST = 1.5
"""For the current season's list, which the issue's rows do not name: the spec's bound."""
SAVE = 1.3
"""For a command that saves, against reading plus the durable write of the same data."""

COMMANDS = [
    Command(["list", "--json"], READ_LIST),
    Command(["list"], READ_LIST),
    Command(["show", "metallic", "--json"], READ_ONE),
    Command(["watch", "metallic", "{episode}"], SAVE, "save"),
    Command(["verdict", "metallic", "--score", "7"], SAVE, "save"),
    Command(["critics", "metallic", "--json"], READ_ONE),
    Command(["compare", "metallic", "--json"], READ_ONE),
    Command(["stats", "--json"], READ_ALL),
    # Most users' zones cut each day the moments are written in (New York's midnight is
    # 05:00 UTC): stats place those by another way than the machine's UTC takes.
    Command(["stats", "--json"], READ_ALL, zone="New York time", tz="EST5EDT,M3.2.0,M11.1.0"),
    Command(["list", "--season", "all", "--json"], READ_ALL),
    Command(["export", "--format", "json", "-o", "{folder}/backup.json"], READ_ALL, "output"),
    Command(["export", "--format", "mal-xml", "-o", "{folder}/list.xml"], READ_ALL, "output"),
    Command(["export", "--format", "csv", "-o", "{folder}/diary.csv"], READ_ALL, "output"),
]

PEAK = (
    "import resource, sys, runpy\n"
    "def peak():\n"
    "    for line in open('/proc/self/status'):\n"
    "        if line.startswith('VmHWM:'):\n"
    "            return int(line.split()[1])\n"
    "    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
)
FLOOR_READ = "import gc, orjson, sys\ngc.disable()\norjson.loads(open(sys.argv[1], 'rb').read())\n"
DURABLY = (
    "import os\n"
    "def durably(path, data):\n"
    "    temp = path + '.tmp'\n"
    "    with open(temp, 'wb') as out:\n"
    "        out.write(data)\n"
    "        out.flush()\n"
    "        os.fsync(out.fileno())\n"
    "    os.replace(temp, path)\n"
    "    folder = os.open(os.path.dirname(path), os.O_RDONLY)\n"
    "    os.fsync(folder)\n"
    "    os.close(folder)\n"
)
FLOOR_SAVE = (
    FLOOR_READ.replace("orjson.loads(", "data = orjson.loads(")
    + DURABLY
    + "durably(sys.argv[2], orjson.dumps(data))\n"
)
FLOOR_OUTPUT = FLOOR_READ + DURABLY + "durably(sys.argv[2], b'x' * int(sys.argv[3]))\n"
FLOOR_PARSE = PEAK + (
    "import xml.etree.ElementTree as ET\n"
    "tree = ET.parse(sys.argv[1])\n"
    "print(len(tree.getroot().findall('anime')), peak())\n"
)
OURS_IMPORT = PEAK + (
    "from watchlist.cli.entry import main\n"  # as the console script runs it
    "code = main()\n"
    "print(code, peak(), file=sys.stderr)\n"
)


def run(
    command: list[str], timeout: float = 600, env: dict[str, str] | None = None
) -> tuple[float, str, str]:
    import time

    start = time.monotonic()
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        env=env or probe_env(),
        timeout=timeout,
        check=False,
    )
    took = time.monotonic() - start
    if done.returncode not in (0, 1):
        raise RuntimeError(f"{command} failed: {done.stderr[-2000:]}")
    return took, done.stdout, done.stderr


def command_name(args: list[str]) -> str:
    """A command as its rows name it: its words without the filled-in ones."""
    return " ".join(a for a in args if "{" not in a)


def floor_command(command: Command, db: Path, folder: Path, filled: list[str]) -> list[str]:
    """The floor run right after `command` (whose output, for an export, is on disk)."""
    if command.floor == "save":
        return [sys.executable, "-c", FLOOR_SAVE, str(db), str(folder / "floor-save.json")]
    if command.floor == "output":
        size = Path(filled[-1]).stat().st_size
        out = str(folder / "floor-output")
        return [sys.executable, "-c", FLOOR_OUTPUT, str(db), out, str(size)]
    return [sys.executable, "-c", FLOOR_READ, str(db)]


def command_times(
    db: Path, folder: Path, repeats: int, commands: list[Command] = COMMANDS
) -> dict[str, tuple[float, float]]:
    """Each command's median and its own floor's, the two alternating, the first round
    warming up; by `Command.titled`."""
    ours: dict[str, list[float]] = {}
    floors: dict[str, list[float]] = {}
    for n in range(repeats + 1):
        for command in commands:
            name = command.titled
            # Marks alternate with unmarks of the same episode of a show watched to its
            # end, so that every run saves.
            filled = [a.format(episode=1 + n // 2 % 13, folder=folder) for a in command.args]
            if command.args[0] == "watch" and n % 2 == 0:
                filled[0] = "unwatch"
            took, _, _ = run(
                [watchlist_script(), "--db", str(db), *filled], env=command.environment()
            )
            floor_took, _, _ = run(floor_command(command, db, folder, filled))
            if n:
                ours.setdefault(name, []).append(took)
                floors.setdefault(name, []).append(floor_took)
    return {name: (median(times), median(floors[name])) for name, times in ours.items()}


def command_results(
    db: Path, folder: Path, repeats: int, label: str, commands: list[Command] = COMMANDS
) -> list[Result]:
    """A row per command: `CLI `<command>`, <label>`, against its own floor."""
    times = command_times(db, folder, repeats, commands)
    return [
        Result(
            f"CLI {c.titled}, {label}"
            + (" vs reading and saving the file" if c.floor == "save" else "")
            + (" vs reading the file and writing the output" if c.floor == "output" else ""),
            *times[c.titled],
            "s",
            max_ratio=c.target,
        )
        for c in commands
    ]


FLOOR_READ_MSGSPEC = FLOOR_READ.replace("orjson", "msgspec").replace(".loads(", ".json.decode(")


def parser_result(db: Path, repeats: int, size: str) -> Result:
    """Reported, for reading the rows above: the floors parse with orjson, and msgspec,
    which the app parses a large file's big tables with, parses this file faster (it
    builds each repeated key once); the two take turns, the first round warming up."""
    ours: list[float] = []
    floors: list[float] = []
    for n in range(repeats + 1):
        took, _, _ = run([sys.executable, "-c", FLOOR_READ_MSGSPEC, str(db)])
        floor_took, _, _ = run([sys.executable, "-c", FLOOR_READ, str(db)])
        if n:
            ours.append(took)
            floors.append(floor_took)
    return Result(
        f"reading and parsing the file, {size} shows: msgspec's parse vs the floors' orjson",
        median(ours),
        median(floors),
        "s",
    )


def big_list(path: Path, entries: int) -> None:
    """A list as MAL writes it: a few catalog shows, the rest shows of the user's own."""
    rng = random.Random(entries)
    statuses = ["Watching", "Completed", "On-Hold", "Dropped", "Plan to Watch"]
    with open(path, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8" ?>\n<myanimelist>\n')
        out.write("<myinfo><user_name>big</user_name><user_export_type>1</user_export_type>")
        out.write("</myinfo>\n")
        for n in range(entries):
            episodes = rng.randint(1, 26)
            out.write(
                f"<anime><series_animedb_id>{3_000_000 + n}</series_animedb_id>"
                f"<series_title><![CDATA[Listed Show {n}]]></series_title>"
                f"<series_type>TV</series_type><series_episodes>{episodes}</series_episodes>"
                f"<my_watched_episodes>{rng.randint(0, episodes)}</my_watched_episodes>"
                f"<my_start_date>2019-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                "</my_start_date><my_finish_date>0000-00-00</my_finish_date>"
                f"<my_score>{rng.randint(0, 10)}</my_score>"
                f"<my_status>{rng.choice(statuses)}</my_status>"
                "<my_comments><![CDATA[]]></my_comments><update_on_import>0</update_on_import>"
                "</anime>\n"
            )
        out.write("</myanimelist>\n")


def import_results(folder: Path, rounds: int) -> tuple[list[Result], Path]:
    """The import and its floor, taking turns `rounds` times (one run of each moved by a
    fifth between benchmark runs on a shared machine), each import into a new database."""
    source = folder / HUGE_LIST
    big_list(source, HUGE)
    db = folder / "huge" / "watchlist.json"
    took: list[float] = []
    peaks: list[int] = []
    floor_took: list[float] = []
    floor_peaks: list[int] = []
    for _ in range(rounds):
        shutil.rmtree(db.parent, ignore_errors=True)
        db.parent.mkdir()  # watchlist makes no folder for a --db it is given
        args = ["--db", str(db), "import", str(source), "--add-unmatched"]
        ours, _, err = run([sys.executable, "-c", OURS_IMPORT, *args])
        code, ours_peak = (int(x) for x in err.strip().splitlines()[-1].split())
        floor, out, _ = run([sys.executable, "-c", FLOOR_PARSE, str(source)])
        count, floor_peak = (int(x) for x in out.split())
        assert count == HUGE and code == 0
        took.append(ours)
        peaks.append(ours_peak)
        floor_took.append(floor)
        floor_peaks.append(floor_peak)
    size = f"{HUGE:,}"
    mib = source.stat().st_size / 2**20
    return [
        Result(
            f"import a {size}-entry MAL list ({mib:.0f} MB), time",
            median(took),
            median(floor_took),
            "s",
            max_ratio=5.0,
        ),
        Result(
            f"import a {size}-entry MAL list, peak memory",
            median(peaks),
            median(floor_peaks),
            "KiB",
            max_ratio=1.5,
        ),
    ], db


def scale_results(folder: Path, repeats: int) -> list[Result]:
    library = build_library(folder, SCALE)
    work = folder / SCALE_FOLDER
    work.mkdir(exist_ok=True)
    db = work / "watchlist.json"
    shutil.copyfile(library.path, db)
    size = f"{SCALE:,}"
    results = command_results(db, work, repeats, f"{size} shows")
    results.append(parser_result(db, repeats, size))
    marks = measure_marks(library, folder, 20)
    results.append(
        Result(
            f"mark episode, {size} shows, median vs floor + directory fsync",
            median(marks.ours),
            median(marks.durable),
            "s",
            max_ratio=1.3,
        )
    )
    frames = first_frames(library, "my-list", max(3, repeats))
    results += frame_results(f"My list, {size} shows", frames, 1.25, best_run=False)
    imported, huge = import_results(folder, min(3, repeats))
    results += imported
    # The first open of a file this size checks every record; a warm-up run takes it.
    run([watchlist_script(), "--db", str(huge), "list", "--json"])
    run([watchlist_script(), "--db", str(huge), "watch", "metallic", "--upto", "13"])
    # "Every command on the resulting library within 1.5x": a save against reading and
    # saving, as at 20,000.
    after = [
        Command(["list", "--json"], READ_LIST),
        Command(["watch", "metallic", "{episode}"], READ_LIST, "save"),
    ]
    # Three rounds, not one: a single run of a 73 MB save is at the mercy of the disk.
    label = f"{HUGE:,} shows (after the import)"
    results += command_results(huge, folder, min(3, repeats), label, after)
    return results
