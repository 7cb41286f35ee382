"""Lets `python -m watchlist` behave like the `watchlist` command."""

from watchlist.cli.main import main

raise SystemExit(main())
