"""Texts of the core services that the portal shows a patient (error messages of log-in,
reset, password and user-name rules, two-step codes), marked here for the catalog: the core
does not translate (it has no idea of a request's language); the portal's templates translate
them when they show them (`|translate`). A core text missing here shows in English."""

from opendesk.portal.i18n import N_

CORE_TEXTS = (
    N_(
        "The user name or password is not correct, or the account is locked for a while after "
        "too many attempts. Try again, or use Forgot password."
    ),
    N_("The code is not correct or has expired. Ask for a new code."),
    N_(
        "The code is not correct, or the account is locked for a while after too many "
        "attempts. Enter the 6 digits your app shows now, or one of your recovery codes."
    ),
    N_("The code is not correct. Enter the 6 digits your app shows now, or a recovery code."),
    N_("The current password is not correct."),
    N_("Choose a password different from the current one."),
    N_("The user name cannot be your password."),
    N_("That user name is taken. Choose another."),
    N_("This form was already used. Reload the page and write your message again."),
    N_("The practice has not turned on two-step log-in."),
    N_("Start the set-up again."),
    N_("Your portal account is no longer active."),
    N_(
        "This message does not accept replies. If you need the office, write a new message "
        "from your inbox."
    ),
)
