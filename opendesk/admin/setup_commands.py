"""`opendesk-admin` commands for setting a practice up and running it from scripts: init,
preferences, providers, users, groups, audit export. They act as a SystemActor and are audited."""

import argparse
import getpass
import sys
from collections.abc import Callable
from datetime import date
from typing import Any, TypeAlias

from sqlalchemy import select
from sqlalchemy.orm import Session

from opendesk.core import migrate, preference_rules, preferences
from opendesk.core.actors import SystemActor
from opendesk.core.db import Database
from opendesk.core.enums import Permission
from opendesk.core.errors import ValidationError
from opendesk.core.models import Provider, User, UserGroup
from opendesk.core.services import audit_report, practice_setup
from opendesk.core.settings import resolve_database_url

ACTOR = SystemActor("opendesk-admin")
Handler = Callable[[argparse.Namespace], int]
Adder = Callable[..., argparse.ArgumentParser]


def _db(args: argparse.Namespace) -> Database:
    return Database(resolve_database_url(args.db).url)


def _password(args: argparse.Namespace, prompt: str) -> str:
    if getattr(args, "password_stdin", False):
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass(prompt)
    if getpass.getpass("Again: ") != first:
        raise ValidationError("The two passwords differ.")
    return first


def _user_id(session: Session, name: str) -> int:
    found = session.execute(select(User.id).where(User.username == name)).scalar_one_or_none()
    if found is None:
        raise ValidationError(f"No user is named {name!r}.")
    return found


def _provider_id(session: Session, abbr: str | None) -> int | None:
    if not abbr:
        return None
    found = session.execute(select(Provider.id).where(Provider.abbr == abbr)).scalar_one_or_none()
    if found is None:
        raise ValidationError(f"No provider has the abbreviation {abbr!r}.")
    return found


def _group_ids(session: Session, names: list[str]) -> tuple[int, ...]:
    ids = []
    for name in names:
        found = session.execute(select(UserGroup.id).where(UserGroup.name == name)).scalar()
        if found is None:
            raise ValidationError(f"No group is named {name!r}.")
        ids.append(found)
    return tuple(ids)


def cmd_init(args: argparse.Namespace) -> int:
    db = _db(args)
    try:
        migrate.upgrade(db.engine)
        with db.session() as s:
            if not practice_setup.needs_init(s):
                raise ValidationError("This practice is already set up.")
        password = _password(args, f"Password for {args.admin_user}: ")
        with db.session() as s:
            practice_setup.init_practice(
                s,
                ACTOR,
                practice_setup.PracticeInfo(args.practice_name, args.phone, args.address),
                args.admin_user,
                password,
            )
        print(
            f"Practice {args.practice_name!r} created; administrator {args.admin_user!r} "
            "can now log into the desktop client."
        )
    finally:
        db.dispose()
    return 0


def cmd_prefs_list(args: argparse.Namespace) -> int:
    db = _db(args)
    with db.readonly_session() as s:
        for name, value in preferences.get_all(s).items():
            print(f"{name:<26} {value!r:<40} {preferences.ALL[name].label}")
    db.dispose()
    return 0


def cmd_prefs_set(args: argparse.Namespace) -> int:
    """Set preferences NAME=VALUE ...: the rules of core.preference_rules, as in Setup."""
    values: dict[preferences.Pref[Any], Any] = {}
    for item in args.assignments:
        name, sep, raw = item.partition("=")
        pref = preferences.ALL.get(name.strip())
        if not sep or pref is None:
            raise ValidationError(
                f"{item!r} is not NAME=VALUE with a preference name ({', '.join(preferences.ALL)})."
            )
        values[pref] = preference_rules.parse(pref, raw)
    db = _db(args)
    try:
        with db.session() as s:
            practice_setup.set_preferences(s, ACTOR, values)
    finally:
        db.dispose()
    print(f"{len(values)} preference{'s' if len(values) != 1 else ''} saved.")
    return 0


def cmd_providers_list(args: argparse.Namespace) -> int:
    db = _db(args)
    with db.readonly_session() as s:
        for p in s.execute(select(Provider).order_by(Provider.abbr)).scalars():
            hidden = " (hidden)" if p.is_hidden else ""
            print(f"{p.abbr:<8} {p.display_name}  {p.specialty}{hidden}")
    db.dispose()
    return 0


def cmd_providers_add(args: argparse.Namespace) -> int:
    db = _db(args)
    with db.session() as s:
        practice_setup.save_provider(
            s,
            ACTOR,
            practice_setup.ProviderInput(
                args.abbr, args.first, args.last, args.suffix, args.specialty
            ),
        )
    db.dispose()
    print(f"Provider {args.abbr} added.")
    return 0


def cmd_users_list(args: argparse.Namespace) -> int:
    db = _db(args)
    with db.readonly_session() as s:
        for u in s.execute(select(User).order_by(User.username)).scalars():
            state = "disabled" if u.is_disabled else ("locked" if u.locked_until else "active")
            prov = u.provider.abbr if u.provider else "-"
            groups = ", ".join(g.name for g in u.groups)
            print(f"{u.username:<16} {prov:<8} {state:<9} {groups}")
    db.dispose()
    return 0


def cmd_users_add(args: argparse.Namespace) -> int:
    db = _db(args)
    with db.session() as s:
        data = practice_setup.UserInput(
            args.username, _provider_id(s, args.provider), _group_ids(s, args.group or [])
        )
        password = practice_setup.temporary_password()
        practice_setup.create_user(s, ACTOR, data, password)
    db.dispose()
    print(
        f"User {args.username} added. Temporary password (shown once, to be changed at "
        f"first login): {password}"
    )
    return 0


def _user_action(action: Callable[[Session, SystemActor, int], object], done: str) -> Handler:
    def handler(args: argparse.Namespace) -> int:
        db = _db(args)
        with db.session() as s:
            result = action(s, ACTOR, _user_id(s, args.username))
        db.dispose()
        print(done.format(user=args.username, result=result))
        return 0

    return handler


def cmd_groups_list(args: argparse.Namespace) -> int:
    db = _db(args)
    with db.readonly_session() as s:
        for g in s.execute(select(UserGroup).order_by(UserGroup.name)).scalars():
            perms = ", ".join(
                p.permission + (f"(provider {p.provider_id})" if p.provider_id else "")
                for p in g.permissions
            )
            print(f"{g.name:<20} {perms}")
    db.dispose()
    return 0


def cmd_groups_save(args: argparse.Namespace) -> int:
    db = _db(args)
    with db.session() as s:
        grants = [practice_setup.Grant(Permission(p)) for p in args.permission or []]
        for abbr in args.delegate or []:
            grants.append(practice_setup.Grant(Permission.INBOX_DELEGATE, _provider_id(s, abbr)))
        existing = s.execute(select(UserGroup.id).where(UserGroup.name == args.name)).scalar()
        practice_setup.save_group(s, ACTOR, args.name, grants, existing)
    db.dispose()
    print(f"Group {args.name} saved.")
    return 0


def cmd_audit_export(args: argparse.Namespace) -> int:
    db = _db(args)
    flt = audit_report.AuditFilter(
        date_from=date.fromisoformat(args.date_from) if args.date_from else None,
        date_to=date.fromisoformat(args.date_to) if args.date_to else None,
        patient_id=args.patient,
        action=args.action or "",
    )
    with db.session() as s:
        if args.user:
            flt = audit_report.AuditFilter(
                flt.date_from, flt.date_to, _user_id(s, args.user), flt.patient_id, flt.action
            )
        if args.csv == "-":
            count = audit_report.export_csv(s, ACTOR, flt, sys.stdout)
        else:
            with open(args.csv, "w", newline="", encoding="utf-8") as out:
                count = audit_report.export_csv(s, ACTOR, flt, out)
    db.dispose()
    print(f"{count} audit rows exported.", file=sys.stderr)
    return 0


Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def register(sub: Subparsers, add: Adder, audit_sub: Subparsers) -> None:
    """Add the set-up commands to `opendesk-admin`'s parser."""
    _register_init_and_prefs(sub, add)
    _register_providers_and_users(sub, add)
    _register_groups_and_export(sub, add, audit_sub)


def _register_init_and_prefs(sub: Subparsers, add: Adder) -> None:
    init = add("init", cmd_init, "first run: create the practice and its first administrator")
    init.add_argument("--practice-name", required=True)
    init.add_argument("--phone", default="")
    init.add_argument("--address", default="")
    init.add_argument("--admin-user", default="admin")
    init.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the administrator's password from standard input",
    )

    prefs = sub.add_parser("prefs", help="practice preferences: list, set (checked as in Setup)")
    prefs_sub = prefs.add_subparsers(dest="prefs_command", required=True, metavar="ACTION")
    add("list", cmd_prefs_list, "list the practice preferences and their values", prefs_sub)
    pset = add("set", cmd_prefs_set, "set preferences; a bad value is refused", prefs_sub)
    pset.add_argument("assignments", nargs="+", metavar="NAME=VALUE")


def _register_providers_and_users(sub: Subparsers, add: Adder) -> None:
    prov = sub.add_parser("providers", help="list and add providers")
    prov_sub = prov.add_subparsers(dest="providers_command", required=True, metavar="ACTION")
    add("list", cmd_providers_list, "list providers", prov_sub)
    padd = add("add", cmd_providers_add, "add a provider", prov_sub)
    padd.add_argument("abbr")
    padd.add_argument("first")
    padd.add_argument("last")
    padd.add_argument("--suffix", default="")
    padd.add_argument("--specialty", default="")

    users = sub.add_parser(
        "users", help="staff users: list, add, reset password, unlock, disable, enable"
    )
    users_sub = users.add_subparsers(dest="users_command", required=True, metavar="ACTION")
    add("list", cmd_users_list, "list users with provider, state and groups", users_sub)
    uadd = add(
        "add", cmd_users_add, "add a user with a temporary password (printed once)", users_sub
    )
    uadd.add_argument("username")
    uadd.add_argument("--provider", metavar="ABBR", help="link the user to this provider")
    uadd.add_argument("--group", action="append", metavar="NAME", help="a group (repeatable)")
    for name, action, done, help_ in (
        (
            "reset-password",
            practice_setup.reset_password,
            "Temporary password for {user} (shown once; change at next login): {result}",
            "give a user a temporary password to change at next login",
        ),
        ("unlock", practice_setup.unlock_user, "{user} unlocked.", "unlock after lockout"),
        (
            "disable",
            lambda s, a, u: practice_setup.set_user_disabled(s, a, u, True),
            "{user} disabled.",
            "refuse the user's logins",
        ),
        (
            "enable",
            lambda s, a, u: practice_setup.set_user_disabled(s, a, u, False),
            "{user} enabled.",
            "allow the user's logins again",
        ),
    ):
        add(name, _user_action(action, done), help_, users_sub).add_argument("username")


def _register_groups_and_export(sub: Subparsers, add: Adder, audit_sub: Subparsers) -> None:

    groups = sub.add_parser("groups", help="user groups and their permissions")
    groups_sub = groups.add_subparsers(dest="groups_command", required=True, metavar="ACTION")
    add("list", cmd_groups_list, "list groups and permissions", groups_sub)
    gsave = add("save", cmd_groups_save, "create a group or replace its permissions", groups_sub)
    gsave.add_argument("name")
    gsave.add_argument(
        "--permission",
        action="append",
        choices=[p.value for p in Permission],
        help="a permission (repeatable)",
    )
    gsave.add_argument(
        "--delegate",
        action="append",
        metavar="ABBR",
        help="may work in this provider's inbox (repeatable)",
    )

    export = add("export", cmd_audit_export, "export the audit report as CSV", audit_sub)
    export.add_argument("--csv", default="-", metavar="FILE", help="output file (- = stdout)")
    export.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD")
    export.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD")
    export.add_argument("--user", metavar="USERNAME")
    export.add_argument("--patient", type=int, metavar="PATNUM")
    export.add_argument("--action", metavar="PREFIX", help="e.g. webmail. or portal.login")
