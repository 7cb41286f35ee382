"""The command line. It never imports Textual: scripts start fast and run anywhere."""
