"""Use cases: one object with a method per thing a user can do. The CLI and the TUI call it."""
