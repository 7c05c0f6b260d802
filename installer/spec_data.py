"""What the PyInstaller build must add to what it finds by itself: the one list of hidden imports
and data files, read by installer/opendesk.spec (Windows MSI and Linux CI build alike) and by
tests/installer/test_frozen.py.

Each entry says why: a module imported by name at run time, or a file read from disk. Removing
one breaks a frozen program in a way the frozen-program tests see.
"""

from __future__ import annotations

# Entry scripts of the three programs (installer/entry/), in build order, with their names.
PROGRAMS = (
    ("opendesk_desktop.py", "OpenDesk", False),  # windowed
    ("opendesk_portal.py", "opendesk-portal", True),  # console
    ("opendesk_admin.py", "opendesk-admin", True),  # console
)

# Packages whose every submodule goes in: OpenDesk's own (the portal, mail, attachments and
# desktop modules are imported lazily, by function), uvicorn's protocol and loop plug-ins
# (chosen by name in uvicorn.config), and fontTools' font tables, which fpdf2 (the chart PDF,
# core.chart_pdf) reaches through fontTools.ttLib by name (`__import__("...tables." + tag)`).
COLLECT_SUBMODULES = ("opendesk", "uvicorn", "fontTools.ttLib.tables")

# Single modules imported by name: the database drivers SQLAlchemy picks from the URL
# (mariadb+pymysql, postgresql+psycopg with its binary part), keyring's backends (found
# through entry points, which a frozen program lacks) and pywin32's time-zone helper (Windows).
HIDDEN_IMPORTS = (
    "pymysql",
    "psycopg",
    "psycopg_binary",
    "keyring.backends.Windows",
    "keyring.backends.SecretService",
    "keyring.backends.fail",
    "win32timezone",
)

# Data files of the opendesk package, as (subfolder, include .py files): Alembic reads the
# migration scripts and its env.py from disk; Jinja templates, static files and the compiled
# message catalogs (portal/locale/*/LC_MESSAGES/messages.mo) are read by the portal;
# core.chart_pdf reads its fonts. (Designer forms and icons are compiled into
# opendesk.desktop.forms_generated; Babel's CLDR data comes with PyInstaller's own hook for
# babel.)
PACKAGE_DATA = (
    ("core/migrations", True),
    ("portal/templates", False),
    ("portal/static", False),
    ("portal/locale", False),
    ("core/resources", False),  # the DejaVu fonts the chart PDF embeds (core.chart_pdf)
)

# importlib.metadata needs OpenDesk's dist-info for __version__.
METADATA = ("opendesk",)

# Never in the bundle: the test and lint tools a development environment also holds (pydantic
# and others pull them in through optional plug-ins), and Tk, which OpenDesk does not use.
EXCLUDES = (
    "tkinter",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "schemathesis",
    "mypy",
    "mypyc",
    "playwright",
    "IPython",
)
