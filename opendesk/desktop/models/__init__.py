"""Lazy item models: they hold row ids and fetch rows a page at a time as plain dataclasses."""
