"""The main window's modules (Chart, Manage) and the registry other parts add pages to.

Importing this package registers the built-in modules and imports every module named in
`PAGE_PROVIDERS`, whose import registers its pages (see `base.register_page`).
"""

import importlib

from opendesk.desktop.modules import chart, manage
from opendesk.desktop.modules.base import (
    Module,
    ModulePage,
    PageSpec,
    module_classes,
    pages,
    register_module,
    register_page,
)

# Modules whose import calls register_page (one line each; e.g. "opendesk.desktop.inbox").
PAGE_PROVIDERS: tuple[str, ...] = (
    "opendesk.desktop.inbox",
    "opendesk.desktop.portal_access",
)

_loaded = False


def load_pages() -> None:
    global _loaded
    if not _loaded:
        for name in PAGE_PROVIDERS:
            importlib.import_module(name)
        _loaded = True


assert chart and manage  # imported to register them

__all__ = [
    "PAGE_PROVIDERS",
    "Module",
    "ModulePage",
    "PageSpec",
    "load_pages",
    "module_classes",
    "pages",
    "register_module",
    "register_page",
]
