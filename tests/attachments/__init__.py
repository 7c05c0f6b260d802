"""Tests of opendesk.attachments: rules, A-to-Z folders, Dropbox, thumbnails."""
