"""Modules and module pages, and their registries.

A *module* is one of the big buttons on the module bar (Open Dental: Chart, Manage...). A
*page* is a part another feature adds to a module: the Email Inbox is a page of Manage, the
patient's WebMail list a page (tab) of Chart.

    from opendesk.desktop.modules import ModulePage, register_page

    class EmailInboxPage(ModulePage):
        def __init__(self, ctx, parent=None):
            super().__init__(ctx, parent)
            ...
        def changes(self, changes, initiator):          # OpChanges after any operation
            if changes.messages: self.model.reload(self.ctx)

    register_page("manage", "email_inbox", "Email Inbox", EmailInboxPage, icon_name="webmail")

Modules and pages get `patient_changed(selection)` when the selected patient changes and
`changes(changes, initiator)` after every writing operation; `activated()` when shown.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from PySide6.QtWidgets import QWidget

from opendesk.desktop.changes import OpChanges

if TYPE_CHECKING:
    from opendesk.desktop.context import AppContext, PatientSelection


class ModulePage(QWidget):
    """Base of a page inside a module; override the hooks you need."""

    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    def patient_changed(self, selection: "PatientSelection | None") -> None:
        """The selected patient changed (None: no patient)."""

    def changes(self, changes: OpChanges, initiator: object | None) -> None:
        """An operation changed data; refresh if it concerns this page."""

    def activated(self) -> None:
        """The page was brought to the front."""

    def show_start(self) -> None:
        """Go to the page's start view (the WebMail alert opens WebMail Inbox, not the folder
        last used)."""


class Module(ModulePage):
    """Base of a module: `key` (stable name), `title` (button text), `icon_name`."""

    key: ClassVar[str] = ""
    title: ClassVar[str] = ""
    icon_name: ClassVar[str] = ""

    def open_page(self, key: str) -> bool:
        """Bring the page `key` to the front; False when no such page is registered."""
        return False

    def page(self, key: str) -> ModulePage | None:
        """The page `key` once it was created (None before, or when there is none)."""
        return None


@dataclass(frozen=True)
class PageSpec:
    module: str
    key: str
    title: str
    factory: Callable[["AppContext", QWidget | None], ModulePage]
    icon_name: str = ""
    order: int = 100


_modules: dict[str, type[Module]] = {}
_pages: dict[str, dict[str, PageSpec]] = {}


def register_module(cls: type[Module]) -> type[Module]:
    """Class decorator: add a module to the module bar (in registration order)."""
    if not cls.key:
        raise ValueError("a module needs a key")
    _modules[cls.key] = cls
    return cls


def module_classes() -> list[type[Module]]:
    return list(_modules.values())


def register_page(
    module: str,
    key: str,
    title: str,
    factory: Callable[["AppContext", QWidget | None], ModulePage],
    *,
    icon_name: str = "",
    order: int = 100,
) -> PageSpec:
    """Add a page to a module (registering the same key again replaces it)."""
    spec = PageSpec(module, key, title, factory, icon_name, order)
    _pages.setdefault(module, {})[key] = spec
    return spec


def unregister_page(module: str, key: str) -> None:
    _pages.get(module, {}).pop(key, None)


def pages(module: str) -> list[PageSpec]:
    return sorted(_pages.get(module, {}).values(), key=lambda p: (p.order, p.title))
