"""Persistence: the only package that knows TinyDB. Domain objects in, domain objects out."""
