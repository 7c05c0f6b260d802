"""The practice's A-to-Z folder layout (Open Dental's): <root>/<Letter>/<LastFirst><PatNum>."""

import re
from pathlib import Path

_NOT_ALNUM = re.compile(r"[^A-Za-z0-9]")


def patient_folder_name(last_name: str, first_name: str, patient_id: int) -> str:
    """Open Dental's folder name: last and first name without spaces or punctuation, then the
    patient number ("O'Brien", "Mary Ann", 12 → "OBrienMaryAnn12")."""
    return f"{_NOT_ALNUM.sub('', last_name)}{_NOT_ALNUM.sub('', first_name)}{patient_id}"


def patient_folder(root: Path, last_name: str, first_name: str, patient_id: int) -> Path:
    name = patient_folder_name(last_name, first_name, patient_id)
    letter = name[0].upper() if name and name[0].isalpha() else "_"
    return root / letter / name
