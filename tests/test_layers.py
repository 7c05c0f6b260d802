"""The layering of DESIGN.md: core imports neither Qt nor the web stack, and the desktop client
and the portal never import each other."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "opendesk"

FORBIDDEN = {
    "core": (
        "PySide6",
        "shiboken6",
        "fastapi",
        "starlette",
        "uvicorn",
        "jinja2",
        "requests",
        "httpx",
        "opendesk.desktop",
        "opendesk.portal",
        "opendesk.mail",
        "opendesk.attachments",
        "opendesk.admin",
    ),
    "mail": ("PySide6", "fastapi", "starlette", "opendesk.desktop", "opendesk.portal"),
    "attachments": ("fastapi", "starlette", "opendesk.desktop", "opendesk.portal"),
    "desktop": ("opendesk.portal", "fastapi", "starlette", "uvicorn"),
    "portal": ("opendesk.desktop", "PySide6", "shiboken6"),
}


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports(layer: str) -> None:
    offences = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        for name in imported_modules(path):
            for banned in FORBIDDEN[layer]:
                if name == banned or name.startswith(banned + "."):
                    offences.append(f"{path.relative_to(PACKAGE.parent)} imports {name}")
    assert not offences, "\n".join(offences)


def test_the_check_sees_a_forbidden_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from PySide6.QtWidgets import QWidget\nimport opendesk.portal.app\n")
    assert {"PySide6.QtWidgets", "opendesk.portal.app"} <= imported_modules(bad)


def test_every_module_has_a_docstring() -> None:
    missing = [
        str(p.relative_to(PACKAGE.parent))
        for p in PACKAGE.rglob("*.py")
        if "migrations/versions" not in p.as_posix()
        and p.stat().st_size > 0
        and ast.get_docstring(ast.parse(p.read_text(encoding="utf-8"))) is None
    ]
    assert not missing, missing
