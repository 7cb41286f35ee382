"""Readable CLI output with Rich, shared by the commands. Every piece of data goes in as
`Text`, never as markup. Loaded only to print for people: `--json` never needs Rich."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.text import Text

from watchlist.domain.text import printable, printable_line


class _Stdout:
    """Standard output as Rich sees it. In a pipe each line loses the spaces Rich pads
    it with to the width of its block (they only get in the way of grep and diff); on
    a terminal, output passes as it is. Standard output is looked up at each write,
    so a redirected one (a test's capture) is the one written to."""

    def write(self, text: str) -> int:
        out = sys.stdout
        if out.isatty():
            return out.write(text)
        # Rich writes whole lines; a line's end is the only place padding sits.
        return out.write("\n".join(line.rstrip(" ") for line in text.split("\n")))

    def flush(self) -> None:
        sys.stdout.flush()

    def isatty(self) -> bool:
        return sys.stdout.isatty()


class _Console(Console):
    def on_broken_pipe(self) -> None:
        # Rich would exit with 1 on its own; the entry point ends every command the same
        # way when the reader has gone (`watchlist show x | head`).
        self.quiet = True
        raise BrokenPipeError


# Rich's annotation asks for a whole IO[str]; it only writes, flushes and asks isatty,
# which is all _Stdout has.
console = _Console(file=_Stdout(), highlight=False, emoji=False, markup=False, soft_wrap=False)  # type: ignore[arg-type]


def t(value: object, style: str = "") -> Text:
    """A cell from data: control characters made visible, brackets left alone."""
    return Text(printable_line(str(value)), style=style)


def para(value: str, style: str = "") -> Text:
    return Text(printable(value), style=style)
