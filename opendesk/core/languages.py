"""The languages OpenDesk speaks to patients in (issue 24): the portal's interface and the
notice e-mails. A patient's preferred language is one of these codes (`Patient.language`,
default English). Adding a language: add its code here and a catalog under
`opendesk/portal/locale/<code>/LC_MESSAGES/` (docs/PORTAL.md, "Languages")."""

DEFAULT = "en"
# code -> the name staff read (English) and the name a patient picks on the log-in page
LANGUAGES: dict[str, tuple[str, str]] = {
    "en": ("English", "English"),
    "es": ("Spanish", "Español"),
}


def known(code: str | None) -> str:
    """`code` when OpenDesk speaks it, else the default (a stored code of a language taken
    out again, an empty cookie...)."""
    return code if code in LANGUAGES else DEFAULT


def staff_name(code: str | None) -> str:
    return LANGUAGES[known(code)][0]


def native_name(code: str | None) -> str:
    return LANGUAGES[known(code)][1]
