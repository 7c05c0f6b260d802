"""Icons from `resources/icons/*.svg`, compiled into the package (forms_generated.icons_rc)."""

from PySide6.QtGui import QIcon

from opendesk.desktop.forms_generated import icons_rc

assert icons_rc  # imported for its side effect: registers the ":/icons/..." resources


def icon(name: str) -> QIcon:
    """The icon `resources/icons/<name>.svg`."""
    return QIcon(f":/icons/{name}.svg")
