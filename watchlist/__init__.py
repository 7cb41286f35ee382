"""watchlist: a terminal tracker for the anime season you are watching."""

__version__ = "0.1.0"
