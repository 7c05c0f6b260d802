"""Template benchmarks (issue 22 part A; run on demand, they print numbers, no asserts):

1. merge: the pure `merge` of a 10,000-character message holding 400 fields.
2. list: `templates.list_templates` with 500 practice templates and 50 of each of 20
   providers (what Ctrl+T reads before the picker opens; far more than a practice has).
3. resolve: `templates.resolve_template` for one patient (what Enter in the picker reads).
   (Numbers from a loaded machine vary several-fold; compare runs on one machine.)

    PYTHONPATH=. .venv/bin/python bench/bench_templates.py     # SQLite in a temp folder
"""

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from opendesk.core import migrate
from opendesk.core.actors import StaffActor
from opendesk.core.db import Database
from opendesk.core.enums import Permission
from opendesk.core.models import GroupPermission, Patient, Provider, User, UserGroup
from opendesk.core.models import WebMailTemplate as Template
from opendesk.core.services import templates
from opendesk.core.services.merge_fields import MergeRequest, merge


def _ms(fn: Callable[[], Any], repeat: int = 30) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def _fill(db: Database) -> tuple[StaffActor, MergeRequest, int]:
    with db.session() as s:
        group = UserGroup(name="Providers")
        group.permissions.append(GroupPermission(permission=Permission.WEBMAIL_SEND.value))
        providers = [Provider(abbr=f"P{i}", first_name=f"Doc{i}", last_name="X") for i in range(20)]
        s.add_all([group, *providers])
        s.flush()
        user = User(username="doc", password_hash="x", provider_id=providers[0].id, groups=[group])
        patient = Patient(last_name="Lee", first_name="Ann", primary_provider_id=providers[0].id)
        s.add_all([user, patient])
        body = "Dear [PatientFName], " * 50
        s.add_all(Template(name=f"T{i}", subject="S [Today]", body=body) for i in range(500))
        s.add_all(
            Template(name=f"P{i}", subject="S", body=body, provider_id=p.id)
            for p in providers
            for i in range(50)
        )
        s.commit()
        first = s.execute(select(func.min(Template.id))).scalar_one()
        return StaffActor(user.id), MergeRequest(patient.id, patient.id, providers[0].id), first


def main() -> None:
    text = ("Hello [PatientFName] [PatientLName], from [ProviderName] at [OfficeName]. " * 100)[
        :10000
    ]
    values = {f: "value" for f in ("[PatientFName]", "[PatientLName]", "[ProviderName]")}
    median, worst = _ms(lambda: merge(text, values), 200)
    print(f"merge 10,000 chars / 400 fields: median {median:.2f} ms, max {worst:.2f} ms")
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{Path(tmp) / 'bench.db'}")
        migrate.upgrade(db.engine)
        actor, request, template_id = _fill(db)

        def listing() -> int:
            with db.readonly_session() as s:
                return len(templates.list_templates(s, actor, for_provider_id=request.provider_id))

        def resolving() -> None:
            with db.readonly_session() as s:
                templates.resolve_template(s, actor, template_id, request)

        print(f"list ({listing()} of 1,500 templates offered):", end=" ")
        median, worst = _ms(listing)
        print(f"median {median:.1f} ms, max {worst:.1f} ms")
        median, worst = _ms(resolving)
        print(f"resolve one template: median {median:.1f} ms, max {worst:.1f} ms")
        db.dispose()


if __name__ == "__main__":
    main()
