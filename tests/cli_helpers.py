"""Running the CLI in-process, the way a user would from a shell."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest

from watchlist.cli.main import main

Capsys = pytest.CaptureFixture[str]


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


def run(capsys: Capsys, *args: str) -> Result:
    code = main(list(args))
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)
