"""Lets `python -m watchlist` behave like the `watchlist` command."""

from watchlist.cli.entry import main

raise SystemExit(main())
