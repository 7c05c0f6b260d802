"""Compile the Qt Designer forms in `forms/` and the icons in `resources/` into Python modules
in `opendesk/desktop/forms_generated/` (Picard's and Anki's way: no .ui parsing at start-up, the
forms ship inside the package, and mypy sees every widget's type).

    python -m opendesk.desktop.forms_build          # after editing a .ui file or an icon
    python -m opendesk.desktop.forms_build --check  # exit 1 when a generated module is stale

The generated modules are committed, marked "do not edit" and excluded from ruff; `setupUi` and
`retranslateUi` get type annotations so strict mypy accepts calls to them.
`tests/desktop/test_forms.py` fails when a generated module does not match its source.
"""

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORMS = ROOT / "forms"
RESOURCES = ROOT / "resources"
OUT = Path(__file__).resolve().parent / "forms_generated"

_HEADER_BLOCK = re.compile(r"\A(?:#[^\n]*\n|\s*\n)*")
_SETUP = re.compile(r"def (setupUi|retranslateUi)\(self, (\w+)\):")


def _tool(name: str) -> str:
    local = Path(sys.executable).parent / name
    found = str(local) if local.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found (it comes with PySide6)")
    return found


def _run(args: list[str]) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def compile_form(ui: Path) -> str:
    code = _run([_tool("pyside6-uic"), "--no-autoconnection", str(ui)])
    code = _HEADER_BLOCK.sub("", code)
    code = _SETUP.sub(r"def \1(self, \2: Any) -> None:", code)
    return (
        f'"""Generated from forms/{ui.name} by opendesk.desktop.forms_build: do not edit."""\n'
        "# mypy: disable-error-code=no-untyped-def\n"
        "from typing import Any\n\n" + code
    )


def compile_resources(qrc: Path) -> str:
    code = _run([_tool("pyside6-rcc"), "--format-version", "1", str(qrc)])
    code = _HEADER_BLOCK.sub("", code)
    return (
        f'"""Generated from resources/{qrc.name} by opendesk.desktop.forms_build: do not '
        'edit."""\n# mypy: ignore-errors\n' + code
    )


def expected() -> dict[Path, str]:
    files = {OUT / f"ui_{ui.stem}.py": compile_form(ui) for ui in sorted(FORMS.glob("*.ui"))}
    files[OUT / "icons_rc.py"] = compile_resources(RESOURCES / "icons.qrc")
    files[OUT / "__init__.py"] = (
        '"""Python modules generated from forms/*.ui and resources/*.qrc (see forms_build)."""\n'
    )
    return files


def stale() -> list[Path]:
    return [
        path
        for path, code in expected().items()
        if not path.exists() or path.read_text(encoding="utf-8") != code
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--check", action="store_true", help="only report stale modules")
    args = parser.parse_args(argv)
    if args.check:
        old = stale()
        for path in old:
            print(f"stale: {path.relative_to(ROOT)}")
        return 1 if old else 0
    OUT.mkdir(exist_ok=True)
    for path, code in expected().items():
        path.write_text(code, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
