"""The import formats by name: the one list the CLI's --format choices and the importer
registry share. Kept apart from the importers so the command line's grammar can name
them without loading the XML and JSON readers."""

FORMATS = {
    "json": "a watchlist backup",
    "mal-xml": "a MyAnimeList XML list (from MAL, AniList, Taiga, MAL Updater...)",
    "anilist-json": "AniList's MediaListCollection JSON",
    "seeds": "shows and a season of your own, in the seeds format",
}
