"""Tests of the attachment widgets (opendesk.desktop.attach)."""
