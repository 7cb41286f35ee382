"""A season's recap as documents: JSON for scripts, Markdown for a forum post, and one
self-contained HTML page with inline SVG charts. Each format is its own module, loaded
only when that format is asked for (Jinja2 and pygal cost nothing to a command that
never writes a page)."""
