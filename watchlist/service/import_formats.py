"""The import formats by name: the one list the CLI's --format choices and the importer
registry share. Kept apart from the importers so the command line's grammar can name
them without loading the XML and JSON readers."""

FORMATS = {
    "json": "a watchlist backup",
    "mal-xml": "a MyAnimeList XML list (from MAL, AniList, Taiga, MAL Updater...)",
    "anilist-json": "AniList's MediaListCollection JSON",
    "seeds": "shows and a season of your own, in the seeds format",
}

CATALOG_FORMATS = {
    "bangumi-data": "bangumi-data's dist/data.json (CC BY 4.0)",
    "anime-offline-database": "manami-project's anime-offline-database, JSON or JSON Lines",
}
"""The season-catalog datasets `catalog import` reads."""
