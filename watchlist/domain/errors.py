"""Errors the domain raises; each message is one plain line a user can act on."""


class InvalidInput(ValueError):
    """Input from a user or a file that the rules refuse. Nothing has been changed."""
