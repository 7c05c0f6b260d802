"""Expected errors that services raise; their messages never contain PHI.

The UI shows these as clear messages (dialog, form error, HTTP 4xx page). Anything else that
escapes a service is a bug and reaches the crash dialog or a 500 page.
"""


class OpenDeskError(Exception):
    """Base of the expected errors: the message is safe to show to the user."""


class PermissionDenied(OpenDeskError):
    """The actor may not do this."""


class NotFound(OpenDeskError):
    """The object does not exist or is outside the actor's scope (the two look the same)."""


class ValidationError(OpenDeskError):
    """Input is invalid; `field` names the form field where that helps."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class ConfigurationError(OpenDeskError):
    """A setting is missing or wrong (database URL, SMTP server, portal URL)."""
