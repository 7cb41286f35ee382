"""Finding the commands: each is the `COMMAND` of the module of `watchlist.cli.commands`
named after it (`import_` for `import`, which Python keeps for itself). Running one
imports that module alone; only the whole list (`--help`, completion) imports them all.
"""

from __future__ import annotations

import importlib
import keyword
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from watchlist.cli.command import Command

PACKAGE = "watchlist.cli.commands"
_NAME = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")


def module_name(command: str) -> str:
    """The module that declares `command`."""
    name = command.replace("-", "_")
    return name + "_" if keyword.iskeyword(name) else name


def command_name(module: str) -> str:
    """The command that the module `module` declares."""
    return module.removesuffix("_").replace("_", "-")


def load(name: str) -> Command | None:
    """The command called `name`, or None when there is none."""
    if not _NAME.fullmatch(name):
        return None
    module = f"{PACKAGE}.{module_name(name)}"
    try:
        found = importlib.import_module(module)
    except ModuleNotFoundError as error:
        if error.name == module:
            return None
        raise  # a command's module that cannot import is a bug, not an unknown command
    command: Command = found.COMMAND
    return command


def names() -> list[str]:
    """Every command's name, from the modules there are."""
    import pkgutil

    package = importlib.import_module(PACKAGE)
    return [
        command_name(info.name)
        for info in pkgutil.iter_modules(package.__path__)
        if not info.name.startswith("_")
    ]


def every_command() -> list[Command]:
    """Every command, in the order `watchlist --help` lists them."""
    found = [load(name) for name in names()]
    return sorted((c for c in found if c is not None), key=lambda c: c.listed_at)
