"""The Manage module: a list of the pages registered for it (the Email Inbox among them) and
the page chosen."""

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QWidget,
)

from opendesk.desktop.icons import icon
from opendesk.desktop.modules.base import register_module
from opendesk.desktop.modules.paged import PagedModule

if TYPE_CHECKING:
    from opendesk.desktop.context import AppContext

KEY_ROLE = Qt.ItemDataRole.UserRole


@register_module
class ManageModule(PagedModule):
    key = "manage"
    title = "Manage"
    icon_name = "manage"

    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("manage_module")
        layout = QHBoxLayout(self)
        self.page_list = QListWidget()
        self.page_list.setObjectName("manage_pages")
        self.stack = QStackedWidget()
        self.empty = QLabel("Nothing to manage yet.")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.empty)
        layout.addWidget(self.page_list)
        layout.addWidget(self.stack, 1)
        for spec in self.specs():
            item = QListWidgetItem(spec.title)
            if spec.icon_name:
                item.setIcon(icon(spec.icon_name))
            item.setData(KEY_ROLE, spec.key)
            self.page_list.addItem(item)
        # As wide as the longest page name, no wider: the pages get the room (issue 16).
        width = self.page_list.sizeHintForColumn(0) + 2 * self.page_list.frameWidth() + 12
        self.page_list.setFixedWidth(max(120, min(width, 200)))
        self.page_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.page_list.currentItemChanged.connect(self._on_item)
        if self.page_list.count():
            self.page_list.setCurrentRow(0)

    def _on_item(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is not None:
            self.open_page(str(item.data(KEY_ROLE)))

    def open_page(self, key: str) -> bool:
        spec = next((s for s in self.specs() if s.key == key), None)
        if spec is None:
            return False
        page = self.page_widget(spec)
        if self.stack.indexOf(page) < 0:
            self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        for row in range(self.page_list.count()):
            item = self.page_list.item(row)
            if item.data(KEY_ROLE) == key and self.page_list.currentRow() != row:
                self.page_list.setCurrentRow(row)
        page.activated()
        return True
