"""Shell completion with argcomplete: commands and options from the parser, and SHOW from
the catalog and your own shows.

argcomplete rather than shtab: it completes in bash, zsh and fish alike, and asks the
program itself at each TAB, so show names come from the database as it is now (shtab
writes a static script, and knows no fish). It is imported only when a shell asks.
"""

from __future__ import annotations

import argparse
from typing import Any


def shows(prefix: str, parsed_args: argparse.Namespace, **_: Any) -> list[str]:
    """Slugs starting with what was typed; nothing is written to find them."""
    from watchlist.service.tracker import Tracker

    try:
        tracker = Tracker.open(getattr(parsed_args, "db", None), create=False)
        return [show.slug for show in tracker.shows() if show.slug.startswith(prefix)]
    except Exception:  # a completion must never print a traceback into the shell
        return []


def complete(parser: argparse.ArgumentParser) -> None:
    """Answer the shell (argcomplete exits the process when it has)."""
    import argcomplete

    for action in _show_arguments(parser):
        # argcomplete reads a `completer` it asks us to set on the action, which
        # argparse's stub does not declare.
        action.completer = shows  # type: ignore[attr-defined]
    argcomplete.autocomplete(parser)


def shellcode(shell: str) -> str:
    from argcomplete.shell_integration import shellcode  # argcomplete's own home for it

    return shellcode(["watchlist"], shell=shell)


def _show_arguments(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    found = []
    for action in parser._actions:  # argparse offers no public walk of its tree
        if action.dest == "show":
            found.append(action)
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                found += _show_arguments(child)
    return found
