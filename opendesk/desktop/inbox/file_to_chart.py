"""File to Chart (issue 23), from the message window and the Chart module's WebMail tab: the
whole conversation of a message becomes a PDF in the patient's A-to-Z folder (`WebMail/`),
made by `core.services.chart_filing.file_thread` on a worker thread with a progress dialog.
The result names the file; a refusal (no A-to-Z folder, full disk, not allowed to read the
conversation) is the core's clear message."""

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from opendesk.core.services import chart_filing
from opendesk.core.services.chart_filing import Filed
from opendesk.desktop.changes import OpChanges
from opendesk.desktop.context import AppContext
from opendesk.desktop.message_channel import info, show_error
from opendesk.desktop.operations import WriteOp

PROGRESS_TEXT = "Filing the conversation to the patient's chart…"


def result_text(filed: Filed) -> str:
    """What the user is told: the file's name, where it went, which version."""
    again = f" (version {filed.version}; the earlier ones are kept)" if filed.version > 1 else ""
    count = f"{filed.message_count} message" + ("s" if filed.message_count != 1 else "")
    return (
        f"The conversation ({count}) is filed to the chart as "
        f"“{filed.file_name}”{again}, in the patient's A-to-Z folder under WebMail."
    )


def file_to_chart(
    ctx: AppContext,
    parent: QWidget,
    message_id: int,
    on_done: Callable[[Filed | None], None] | None = None,
) -> WriteOp[Filed]:
    """Start filing the conversation of `message_id`; `on_done(filed)` after the result was
    shown (None after a refusal, which the message channel showed)."""

    def filed(result: Filed) -> None:
        info(parent, result_text(result), "File to Chart")
        if on_done is not None:
            on_done(result)

    def refused(exc: BaseException) -> None:
        show_error(parent, exc)
        if on_done is not None:
            on_done(None)

    op = WriteOp(
        ctx,
        lambda s: chart_filing.file_thread(s, ctx.actor, message_id),
        changes=lambda f: OpChanges(patient_ids=frozenset({f.patient_id})),
        parent=parent,
        success=filed,
    )
    op.failure(refused).with_progress(PROGRESS_TEXT).run_in_background()
    return op
