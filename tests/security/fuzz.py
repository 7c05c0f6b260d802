"""The fuzzing harness shared by the CI run and the long run: the real portal under uvicorn on a
free port, an anonymous and a logged-in `requests` session (cookie from a real log-in, the
session's CSRF token put into every form), and the checks every answer must pass.

Each answer must have a status below 500, no stack trace or exception class name that the
request did not itself contain, and no PHI of patients outside the session's scope. The number
of generated examples per operation comes from `OPENDESK_FUZZ_EXAMPLES` (CI default below).
"""

import os
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import requests
from sqlalchemy import update

from opendesk.core.models import PortalAccount
from opendesk.core.passwords import hash_password
from tests.security.conftest import PASSWORD, Families, csrf_of

CI_EXAMPLES = 20
ENV = "OPENDESK_FUZZ_EXAMPLES"
TRACE_RE = re.compile(
    r"Traceback|File \"/|\b[A-Z][A-Za-z]+(?:Error|Exception)\b|sqlalchemy|psycopg|pymysql|"
    r"sqlite3\.|opendesk/"
)


def examples() -> int:
    return int(os.environ.get(ENV, CI_EXAMPLES))


@dataclass
class Tally:
    """What the run did: requests by operation and status, and the problems found."""

    requests: int = 0
    by_operation: Counter[str] = field(default_factory=Counter)
    by_status: Counter[int] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        ops = ", ".join(f"{k}: {v}" for k, v in sorted(self.by_operation.items()))
        statuses = dict(sorted(self.by_status.items()))
        return f"{self.requests} requests; statuses {statuses}; by operation {ops}"


class Client:
    """One browser session against the live server, anonymous or logged in as `username`."""

    def __init__(self, base: str, fam: Families, username: str | None) -> None:
        self.base, self.fam, self.username = base, fam, username
        self.http = requests.Session()
        self.token = ""
        self.forbidden = fam.foreign_phi(username) if username else _all_phi(fam)
        self.reset()

    def reset(self) -> None:
        """(Re)start the session: anonymous with a token, or logged in again."""
        self.http.cookies.clear()
        if self.username is None:
            self.token = csrf_of(self.http.get(self.base + "/login", timeout=30).text)
            return
        with self.fam.db.session() as s:  # undo what a fuzzed form may have changed
            s.execute(
                update(PortalAccount)
                .where(PortalAccount.id == self.fam.account_ids[self.username])
                .values(
                    username=self.username,
                    password_hash=hash_password(PASSWORD),
                    must_change_password=False,
                    must_change_username=False,
                    failed_logins=0,
                    locked_until=None,
                    is_active=True,
                )
            )
            s.commit()
        token = csrf_of(self.http.get(self.base + "/login", timeout=30).text)
        r = self.http.post(
            self.base + "/login",
            data={"username": self.username, "password": PASSWORD, "csrf_token": token},
            allow_redirects=False,
            timeout=30,
        )
        assert r.status_code == 303, r.status_code
        self.token = csrf_of(self.http.get(self.base + "/compose", timeout=30).text)

    def still_logged_in(self) -> bool:
        r = self.http.get(self.base + "/account", allow_redirects=False, timeout=30)
        return r.status_code == 200

    def after(self, method: str, path: str, response: requests.Response) -> None:
        """Keep the session usable: log-in, log-out and account changes end or change it."""
        if method != "POST":
            return
        if self.username is None:
            if response.status_code == 303 or path in ("/login", "/logout"):
                self.reset()
        elif (
            path.startswith(("/account", "/logout", "/login")) and not self.still_logged_in()
        ) or response.status_code == 403:
            self.reset()


def _all_phi(fam: Families) -> list[str]:
    from tests.security.conftest import PATIENTS

    return [p for name in PATIENTS for p in fam.phi_of(name)]


def check_response(
    tally: Tally, client: Client, label: str, sent: str, response: requests.Response
) -> None:
    """Record the answer and any problem with it (the caller asserts none at the end)."""
    tally.requests += 1
    tally.by_operation[label] += 1
    tally.by_status[response.status_code] += 1
    text = response.content.decode("utf-8", "replace")
    where = f"{label} [{client.username or 'anonymous'}] -> {response.status_code}"
    if response.status_code >= 500:
        tally.problems.append(f"{where}: server error; request {sent[:300]!r}")
    for match in TRACE_RE.finditer(text):
        if match.group(0) not in sent:
            tally.problems.append(f"{where}: {match.group(0)!r} in the answer")
            break
    for phi in client.forbidden:
        if phi in text and phi not in sent:
            tally.problems.append(f"{where}: PHI {phi!r} in the answer")
            break


def describe(data: Any) -> str:
    return repr(data)


def send(
    tally: Tally,
    client: Client,
    method: str,
    path: str,
    *,
    params: dict[str, Any] | None = None,
    form: dict[str, Any] | None = None,
    label: str | None = None,
) -> requests.Response:
    """One request with the session's CSRF token in the form; checks the answer."""
    data = None
    if method == "POST":
        data = {**(form or {}), "csrf_token": client.token}
    response = client.http.request(
        method,
        client.base + path,
        params=params,
        data=data,
        allow_redirects=False,
        timeout=60,
    )
    check_response(
        tally, client, label or f"{method} {path}", describe((path, params, form)), response
    )
    client.after(method, path, response)
    return response
