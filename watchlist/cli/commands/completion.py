"""`watchlist completion SHELL`: the shell code that asks `watchlist` itself at each TAB."""

from __future__ import annotations

import argparse

from watchlist.cli.command import Command
from watchlist.cli.output import EXIT_OK


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "shell", choices=["bash", "zsh", "fish"], help="the shell to print the code for"
    )


def run(args: argparse.Namespace) -> int:
    from watchlist.cli.completion import shellcode

    print(shellcode(args.shell))
    return EXIT_OK


COMMAND = Command(
    name="completion",
    summary="print the shell code that completes commands, options and show names",
    example='eval "$(watchlist completion bash)"',
    listed_at=230,
    arguments=arguments,
    run_alone=run,
)
