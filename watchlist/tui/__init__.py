"""The Textual TUI. It talks to the tracker service only, never to storage."""
