"""Practice setup in the desktop client: the first-run dialog on an empty database and the
Setup menu (practice, providers, users, groups and permissions, e-mail, patient portal, data
paths, audit report). See docs/DESKTOP.md, section Setup."""

from opendesk.desktop.setup.first_run import FirstRunDialog, run_first_run_if_needed
from opendesk.desktop.setup.menu import SetupMenu, install_setup_menu

__all__ = ["FirstRunDialog", "SetupMenu", "install_setup_menu", "run_first_run_if_needed"]
