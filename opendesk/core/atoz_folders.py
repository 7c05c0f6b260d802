"""The practice's A-to-Z folder layout (Open Dental's): <root>/<Letter>/<LastFirst><PatNum>.

In core because more than the attachment dialogs need it: filing a conversation to the chart
(`core.services.chart_filing`) writes into the patient's folder. `ensure_patient_folder`
creates the letter and patient folders when missing (never the root: a missing root means the
network share is offline or the Data Paths setting is wrong).
"""

import re
from pathlib import Path

from opendesk.core.errors import ConfigurationError

_NOT_ALNUM = re.compile(r"[^A-Za-z0-9]")


def patient_folder_name(last_name: str, first_name: str, patient_id: int) -> str:
    """Open Dental's folder name: last and first name without spaces or punctuation, then the
    patient number ("O'Brien", "Mary Ann", 12 → "OBrienMaryAnn12")."""
    return f"{_NOT_ALNUM.sub('', last_name)}{_NOT_ALNUM.sub('', first_name)}{patient_id}"


def patient_folder(root: Path, last_name: str, first_name: str, patient_id: int) -> Path:
    """Where the patient's folder is (whether or not it exists yet)."""
    name = patient_folder_name(last_name, first_name, patient_id)
    letter = name[0].upper() if name and name[0].isalpha() else "_"
    return root / letter / name


def ensure_patient_folder(
    root: Path | str, last_name: str, first_name: str, patient_id: int
) -> Path:
    """The patient's folder, created (with its letter folder) when missing. `root` is the
    ATOZ_PATH preference: it must be set, absolute (a drive or \\\\server\\share path) and
    reachable."""
    if not str(root).strip() or str(root).strip() == ".":
        raise ConfigurationError("No A-to-Z images folder is set. Set it in Setup, Data Paths.")
    root = Path(root)
    if not root.is_absolute():
        raise ConfigurationError(
            "The A-to-Z images folder must be a full path (for example \\\\server\\AtoZ)."
        )
    if not root.is_dir():
        raise ConfigurationError(
            "The A-to-Z images folder cannot be reached. Check that the network share is "
            "available and the Data Paths setting is right."
        )
    folder = patient_folder(root, last_name, first_name, patient_id)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigurationError(
            "The patient's folder could not be created in the A-to-Z images folder "
            f"({exc.strerror or 'write error'})."
        ) from exc
    return folder
