"""Settings <-> their document (one record, in the `settings` table)."""

from __future__ import annotations

from typing import Any

from watchlist.domain.model import Status, TitleLanguage
from watchlist.domain.scoring import ScoreFormat
from watchlist.domain.settings import ListView, Settings, Spoilers
from watchlist.storage.fields import Fields

Doc = dict[str, Any]


def settings_to_doc(settings: Settings) -> Doc:
    return {
        "score_format": settings.score_format.value,
        "theme": settings.theme,
        "blind": settings.blind,
        "season": settings.season,
        "spoilers": settings.spoilers.value,
        "opened": list(settings.opened),
        "views": [
            {
                "screen": v.screen,
                "sort": v.sort,
                "reverse": v.reverse,
                "status": v.status.value if v.status else None,
            }
            for v in settings.views
        ],
        "titles": settings.titles.value,
        "timezone": settings.timezone,
    }


def settings_from_doc(doc: Any, where: str = "settings") -> Settings:
    f = Fields(doc, where)
    defaults = Settings()
    return Settings(
        score_format=f.choice("score_format", ScoreFormat)
        if f.has("score_format")
        else defaults.score_format,
        theme=f.text("theme", optional=True) or defaults.theme,
        blind=f.flag("blind", default=defaults.blind),
        season=f.text("season", optional=True),
        spoilers=f.choice("spoilers", Spoilers) if f.has("spoilers") else defaults.spoilers,
        opened=f.texts("opened"),
        views=tuple(_views(f.items("views"), where)),
        titles=f.choice("titles", TitleLanguage) if f.has("titles") else defaults.titles,
        timezone=f.text("timezone", optional=True) or None,
    )


def _views(items: list[Any], where: str) -> list[ListView]:
    views = []
    for n, item in enumerate(items):
        v = Fields(item, f"{where}: views[{n}]")
        status = v.text("status", optional=True)
        views.append(
            ListView(
                screen=v.text("screen"),
                sort=v.text("sort"),
                reverse=v.flag("reverse", default=False),
                status=Status(status) if status in {s.value for s in Status} else None,
            )
        )
    return views
