"""A module made of registered pages, created when first shown and kept afterwards."""

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from opendesk.desktop.changes import OpChanges
from opendesk.desktop.modules.base import Module, ModulePage, PageSpec, pages

if TYPE_CHECKING:
    from opendesk.desktop.context import AppContext, PatientSelection


class PagedModule(Module):
    """Keeps `self.page_widgets` (key → page) for the pages created so far; subclasses lay the
    pages out (tabs, a button list...) and call `page_widget(spec)` to create one."""

    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.page_widgets: dict[str, ModulePage] = {}

    def specs(self) -> list[PageSpec]:
        return pages(self.key)

    def page_widget(self, spec: PageSpec) -> ModulePage:
        page = self.page_widgets.get(spec.key)
        if page is None:
            page = spec.factory(self.ctx, self)
            self.page_widgets[spec.key] = page
            if self.ctx.selection is not None:
                page.patient_changed(self.ctx.selection)
        return page

    def page(self, key: str) -> ModulePage | None:
        return self.page_widgets.get(key)

    def patient_changed(self, selection: "PatientSelection | None") -> None:
        for page in self.page_widgets.values():
            page.patient_changed(selection)

    def changes(self, changes: OpChanges, initiator: object | None) -> None:
        for page in self.page_widgets.values():
            page.changes(changes, initiator)
