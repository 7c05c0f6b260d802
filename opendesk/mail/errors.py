"""Delivery errors, split into the two kinds the outbox acts on: permanent (retrying cannot
help: the server refused the recipient, the address is invalid) and temporary (connection
refused, timeout, a 4xx reply, a setting to fix). Reasons are short and PHI-free: they go into
`notification_outbox.last_error`, the log and the desktop's Notifications mailbox, so they
never quote a server reply (which often repeats the address)."""


class DeliveryError(Exception):
    """One notice could not be delivered. `connection` marks failures of the SMTP session
    itself (connect, TLS, login): the rest of a batch would fail the same way."""

    def __init__(self, reason: str, *, permanent: bool, connection: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent
        self.connection = connection
