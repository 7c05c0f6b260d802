#!/usr/bin/env python3
"""Build the OpenDesk MSI.

On Windows: freeze OpenDesk with PyInstaller (one folder: OpenDesk.exe, opendesk-portal.exe,
opendesk-admin.exe and their shared `_internal` runtime, see installer/opendesk.spec), then
compile installer/OpenDesk.wxs with the WiX Toolset 3.x (candle, light).

Elsewhere: compile the same OpenDesk.wxs with wixl (Debian packages wixl, msitools) over a
stand-in payload with the file names of the frozen build, so CI proves the definition valid
and complete. The result is a real MSI; only its programs are placeholders.

Both ways the payload folder is harvested into a generated Payload.wxs (one component per file,
every file except the two executables OpenDesk.wxs declares itself), and the version comes from
pyproject.toml ([project] version).

    python installer/build.py                 # the build for this platform
    python installer/build.py --out DIR --version 0.2.0
    python installer/build.py --payload DIR   # an existing one-folder build
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
import uuid
from pathlib import Path
from xml.sax.saxutils import quoteattr

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WXS = HERE / "OpenDesk.wxs"
SPEC = HERE / "opendesk.spec"
DEFAULT_OUT = HERE / "out"

# The executables of the one-folder build; OpenDesk.wxs declares the first two itself
# (the Start Menu shortcut and the Windows service need their File ids).
DESKTOP_EXE = "OpenDesk.exe"
PORTAL_EXE = "opendesk-portal.exe"
ADMIN_EXE = "opendesk-admin.exe"
DECLARED_IN_WXS = {DESKTOP_EXE, PORTAL_EXE}

# Public properties an administrator may pass to msiexec. wixl ignores Secure="yes", so the
# wixl build lists them (and the saved command-line copies) in SecureCustomProperties itself.
PUBLIC_PROPERTIES = ("DBURL", "PORTALURL", "INSTALLPORTAL", "PORTALSERVICEACCOUNT")
SECURE_PROPERTIES = PUBLIC_PROPERTIES + tuple(f"CMDLINE_{p}" for p in PUBLIC_PROPERTIES)

# Custom action type 51 (set a property) + 0x100 msidbCustomActionTypeFirstSequence: what
# WiX makes of Execute="firstSequence"; wixl drops the attribute.
TYPE_SET_PROPERTY_FIRST_SEQUENCE = 51 + 0x100
# Registry table roots: -1 is HKMU (HKLM in a per-machine install); wixl writes 4 for it.
ROOT_HKMU, WIXL_HKMU = -1, 4


# OpenDesk.wxs's UpgradeCode; every version's ProductCode is derived from it (product_code).
UPGRADE_CODE = uuid.UUID("28F68273-A364-406F-B4E8-BC1CB6300C54")


class BuildError(Exception):
    """A build step failed; the message says which and why."""


def project_version(pyproject: Path = ROOT / "pyproject.toml") -> str:
    """[project] version from pyproject.toml, checked to be a valid MSI ProductVersion."""
    version = str(tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"])
    return msi_version(version)


def msi_version(version: str) -> str:
    """An MSI ProductVersion is major.minor.build (major, minor <= 255, build <= 65535); only
    those three fields count when Windows Installer compares versions for a major upgrade."""
    match = re.fullmatch(r"(\d+)\.(\d+)\.(\d+)", version)
    if not match:
        raise BuildError(
            f"version {version!r} is not major.minor.patch with numbers only, which an MSI "
            "needs (pre-release and local suffixes cannot be compared by Windows Installer)"
        )
    major, minor, build = (int(x) for x in match.groups())
    if major > 255 or minor > 255 or build > 65535:
        raise BuildError(f"version {version!r} is out of range for an MSI (255.255.65535)")
    return version


def product_code(version: str) -> str:
    """The ProductCode of `version`: the same for every build of one version, new for each
    version. A rebuilt MSI of an installed version is then the same product, which Windows
    Installer refuses to install beside it (1638, "another version of this product is already
    installed") instead of registering a second OpenDesk; a new version is a major upgrade."""
    return str(uuid.uuid5(UPGRADE_CODE, f"OpenDesk {version} x64")).upper()


# ----------------------------------------------------------------------------- payload


def make_standin_payload(folder: Path) -> Path:
    """A folder laid out like the PyInstaller one-folder build, with placeholder programs.

    The real build holds the three executables and `_internal` (python311.dll, the PYZ archive
    inside the executables, extension modules, Qt, and OpenDesk's data files). The stand-in
    has the executables, the runtime's main files, and OpenDesk's real data files (migration
    scripts, templates), so nested folders are harvested as in the real thing."""
    if folder.exists():
        shutil.rmtree(folder)
    internal = folder / "_internal"
    internal.mkdir(parents=True)
    for exe in (DESKTOP_EXE, PORTAL_EXE, ADMIN_EXE):
        (folder / exe).write_bytes(b"MZ stand-in for " + exe.encode() + b"\n")
    for name in ("python311.dll", "base_library.zip", "VCRUNTIME140.dll"):
        (internal / name).write_bytes(b"stand-in " + name.encode() + b"\n")
    package = ROOT / "opendesk"
    for src in sorted(package.rglob("*")):
        if not src.is_file() or "__pycache__" in src.parts:
            continue
        rel = src.relative_to(ROOT)
        # Data files go in as they are; alembic also needs the migration scripts on disk.
        if src.suffix != ".py" or "migrations" in rel.parts:
            dest = internal / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dest)
    return folder


def freeze_with_pyinstaller(work: Path) -> Path:  # pragma: no cover - Windows only
    """Run PyInstaller on installer/opendesk.spec; returns the one-folder build."""
    dist, build = work / "dist", work / "pyinstaller"
    run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--distpath",
            str(dist),
            "--workpath",
            str(build),
            str(SPEC),
        ],
        "PyInstaller (pip install -e .[installer] first)",
    )
    return dist / "OpenDesk"


def check_payload(payload: Path) -> None:
    missing = [n for n in (DESKTOP_EXE, PORTAL_EXE, ADMIN_EXE) if not (payload / n).is_file()]
    if not (payload / "_internal").is_dir():
        missing.append("_internal/")
    if missing:
        raise BuildError(f"the payload {payload} lacks {', '.join(missing)}")


def _wix_id(prefix: str, rel: str) -> str:
    # Stable, valid (<= 72 characters, [A-Za-z_][A-Za-z0-9_.]*) and unique per path.
    return f"{prefix}{hashlib.sha1(rel.encode(), usedforsecurity=False).hexdigest()[:24]}"


def payload_fragment(payload: Path) -> str:
    """Payload.wxs: the payload's folders under INSTALLFOLDER and one component per file
    (Guid="*": the component GUID follows from the install path), in ComponentGroup Payload."""
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<!-- Generated by installer/build.py from the payload folder. Do not edit. -->",
        '<Wix xmlns="http://schemas.microsoft.com/wix/2006/wi">',
        "  <Fragment>",
    ]
    components: list[str] = []

    def walk(folder: Path, depth: int) -> None:
        pad = "  " * depth
        for entry in sorted(folder.iterdir(), key=lambda p: (p.is_dir(), p.name.lower())):
            rel = entry.relative_to(payload).as_posix()
            if entry.is_dir():
                lines.append(
                    f'{pad}<Directory Id="{_wix_id("d", rel)}" Name={quoteattr(entry.name)}>'
                )
                walk(entry, depth + 1)
                lines.append(f"{pad}</Directory>")
            elif rel not in DECLARED_IN_WXS:
                cid = _wix_id("c", rel)
                components.append(cid)
                lines.append(f'{pad}<Component Id="{cid}" Guid="*" Win64="yes">')
                lines.append(
                    f'{pad}  <File Id="{_wix_id("f", rel)}" Name={quoteattr(entry.name)} '
                    f'Source="$(var.PayloadDir)/{rel}" KeyPath="yes"/>'
                )
                lines.append(f"{pad}</Component>")

    lines.append('    <DirectoryRef Id="INSTALLFOLDER">')
    walk(payload, 3)
    lines.append("    </DirectoryRef>")
    lines.append('    <ComponentGroup Id="Payload">')
    lines.extend(f'      <ComponentRef Id="{cid}"/>' for cid in components)
    lines.append("    </ComponentGroup>")
    lines.extend(["  </Fragment>", "</Wix>", ""])
    return "\n".join(lines)


# ----------------------------------------------------------------------------- compilers


def run(cmd: list[str], what: str, cwd: Path | None = None) -> str:
    try:
        done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False)  # noqa: S603
    except FileNotFoundError as exc:
        raise BuildError(f"{what}: {cmd[0]} is not installed ({exc})") from exc
    if done.returncode != 0:
        raise BuildError(
            f"{what} failed (exit {done.returncode}): {' '.join(cmd)}\n{done.stdout}{done.stderr}"
        )
    return done.stdout


def build_with_wixl(sources: list[Path], defines: dict[str, str], msi: Path) -> None:
    """wixl resolves File sources against its working folder and rejects absolute ones: it
    runs in the payload folder with PayloadDir=".", and writes the MSI elsewhere."""
    wixl = shutil.which("wixl")
    if not wixl:
        raise BuildError("wixl is not installed: apt-get install wixl msitools (./dev does)")
    payload = Path(defines["PayloadDir"])
    cmd = [wixl, "-a", "x64", "-o", str(msi.resolve())]
    for name, value in {**defines, "PayloadDir": "."}.items():
        cmd += ["-D", f"{name}={value}"]
    run(cmd + [str(s.resolve()) for s in sources], "wixl", cwd=payload)
    fix_wixl_build(msi)


def fix_wixl_build(msi: Path) -> None:
    """Give the wixl build what WiX would have written: the public properties in
    SecureCustomProperties (so they reach the server side of a UI install), the
    first-sequence flag on the actions that save the command-line values, and HKMU's root."""
    msibuild = shutil.which("msibuild")
    if not msibuild:
        raise BuildError("msibuild is not installed: apt-get install msitools (./dev does)")
    current = _msi_property(msi, "SecureCustomProperties")
    names = [n for n in current.split(";") if n]
    names += [p for p in SECURE_PROPERTIES if p not in names]
    # The statements are built from this module's constants and wixl's own property names only.
    value = ";".join(names)
    if current:
        queries = [
            f"UPDATE `Property` SET `Value` = '{value}' "  # noqa: S608
            "WHERE `Property` = 'SecureCustomProperties'"
        ]
    else:
        queries = [
            "INSERT INTO `Property` (`Property`, `Value`) "  # noqa: S608
            f"VALUES ('SecureCustomProperties', '{value}')"
        ]
    # One statement per action.
    queries += [
        f"UPDATE `CustomAction` SET `Type` = {TYPE_SET_PROPERTY_FIRST_SEQUENCE} "  # noqa: S608
        f"WHERE `Action` = 'SaveCmd{p}'"
        for p in PUBLIC_PROPERTIES
    ]
    # wixl writes Root="HKMU" as 4, which is no registry root; Windows Installer's is -1.
    queries.append(
        f"UPDATE `Registry` SET `Root` = {ROOT_HKMU} WHERE `Root` = {WIXL_HKMU}"  # noqa: S608
    )
    for query in queries:
        run([msibuild, str(msi), "-q", query], "msibuild")


def _msi_property(msi: Path, name: str) -> str:
    out = run(["msiinfo", "export", str(msi), "Property"], "msiinfo")
    for line in out.splitlines()[3:]:
        key, _, value = line.partition("\t")
        if key == name:
            return value
    return ""


def build_with_wix3(
    sources: list[Path], defines: dict[str, str], msi: Path, work: Path
) -> None:  # pragma: no cover - Windows only
    """WiX Toolset 3.x: candle compiles, light links (ICE validation included)."""
    wix_bin = Path(os.environ["WIX"]) / "bin" if os.environ.get("WIX") else None
    candle = str(wix_bin / "candle.exe") if wix_bin else shutil.which("candle") or "candle"
    light = str(wix_bin / "light.exe") if wix_bin else shutil.which("light") or "light"
    objs = work / "obj"
    objs.mkdir(exist_ok=True)
    cmd = [candle, "-nologo", "-arch", "x64", "-out", str(objs) + os.sep]
    cmd += [f"-d{name}={value}" for name, value in defines.items()]
    run(cmd + [str(s) for s in sources], "candle (install the WiX Toolset 3.14)")
    wixobjs = [str(objs / (s.stem + ".wixobj")) for s in sources]
    run([light, "-nologo", "-spdb", "-out", str(msi), *wixobjs], "light")


# ----------------------------------------------------------------------------- main


def build(
    out: Path,
    version: str,
    payload: Path | None = None,
    toolset: str | None = None,
) -> Path:
    """Build OpenDesk-<version>-x64.msi in `out` and return its path."""
    toolset = toolset or ("wix" if sys.platform == "win32" else "wixl")
    out.mkdir(parents=True, exist_ok=True)
    work = out / "work"
    work.mkdir(exist_ok=True)
    if payload is None:
        if toolset == "wix":
            payload = freeze_with_pyinstaller(work)
        else:
            payload = make_standin_payload(work / "payload")
    payload = payload.resolve()
    check_payload(payload)
    fragment = work / "Payload.wxs"
    fragment.write_text(payload_fragment(payload), encoding="utf-8")
    msi = out / f"OpenDesk-{version}-x64.msi"
    msi.unlink(missing_ok=True)
    defines = {
        "Version": version,
        "ProductCode": product_code(version),
        "PayloadDir": payload.as_posix(),
    }
    if toolset == "wix":
        build_with_wix3([WXS, fragment], defines, msi, work)
    else:
        build_with_wixl([WXS, fragment], defines, msi)
    return msi


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="installer/build.py",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="See docs/INSTALLER.md for installing, upgrading and uninstalling.",
    )
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help="output folder (default: installer/out)"
    )
    parser.add_argument(
        "--version",
        help="product version (default: [project] version in pyproject.toml)",
    )
    parser.add_argument(
        "--payload",
        type=Path,
        help="an existing one-folder build to package, instead of freezing (Windows) or the "
        "stand-in payload (elsewhere)",
    )
    parser.add_argument(
        "--toolset",
        choices=("wix", "wixl"),
        help="wix: WiX Toolset 3.x (default on Windows); wixl: msitools (default elsewhere)",
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        version = msi_version(args.version) if args.version else project_version()
        msi = build(args.out, version, args.payload, args.toolset)
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    took = time.perf_counter() - started
    print(f"{msi} ({msi.stat().st_size / 1024:.0f} KiB, {took:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
