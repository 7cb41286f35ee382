"""Plain data and pure rules: no Textual, no TinyDB, no I/O."""
