"""FHIR R4 export (issue 23): every resource of the demo practice's Bundle validates with
`fhir.resources` (its R4B models: R4's Communication, Patient, Practitioner, Organization,
Binary and Bundle are the same there), and the Bundle read back from its JSON matches the
database: messages, threads, senders, recipients, bodies, attachments (SHA-1) and patients."""

import base64
import hashlib
import json
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle
from sqlalchemy import select
from sqlalchemy.engine import URL

from opendesk.admin.cli import main
from opendesk.admin.demo import make_demo
from opendesk.core import fhir_export
from opendesk.core.actors import SystemActor
from opendesk.core.blobs import read_attachment
from opendesk.core.db import Database
from opendesk.core.enums import MessageStatus
from opendesk.core.models import AuditEntry, Patient, WebMailMessage
from opendesk.core.services import webmail
from opendesk.core.services.webmail import Outgoing
from tests import filing_support as fs

ACTOR = SystemActor("test")
EVENT_STATUS = {
    "preparation",
    "in-progress",
    "not-done",
    "on-hold",
    "stopped",
    "completed",
    "entered-in-error",
    "unknown",
}


def validation_errors(bundle: dict[str, Any]) -> list[str]:
    """Each resource validated on its own (and the Bundle as a whole): the problems found."""
    errors = []
    for entry in bundle["entry"]:
        resource = entry["resource"]
        try:
            get_fhir_model_class(resource["resourceType"]).model_validate(resource)
        except Exception as exc:  # pydantic's ValidationError: collect them all
            errors.append(f"{resource['resourceType']}/{resource['id']}: {exc}")
    try:
        Bundle.model_validate(bundle)
    except Exception as exc:
        errors.append(f"Bundle: {exc}")
    return errors


def by_type(bundle: dict[str, Any]) -> dict[str, dict[str, dict[str, Any]]]:
    found: dict[str, dict[str, dict[str, Any]]] = {}
    for entry in bundle["entry"]:
        r = entry["resource"]
        found.setdefault(r["resourceType"], {})[r["id"]] = r
        assert entry["fullUrl"].endswith(f"/{r['resourceType']}/{r['id']}")
    return found


def when(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00")).replace(tzinfo=None)


def test_the_demo_practice_bundle_validates_with_no_errors(db: Database, tmp_path: Path) -> None:
    make_demo(db, tmp_path / "atoz", patients=40)
    with db.session() as s:
        bundle = fhir_export.export_bundle(s, ACTOR)
    assert validation_errors(bundle) == []
    resources = by_type(bundle)
    with db.readonly_session() as s:
        messages = s.execute(select(WebMailMessage)).scalars().all()
        assert len(resources["Communication"]) == len(messages) > 0
        for m in messages:
            c = resources["Communication"][f"webmail-{m.id}"]
            assert c["subject"] == {"reference": f"Patient/{m.regarding_patient_id}"}
            assert c["payload"][0]["contentString"] == m.body.strip()
    assert set(resources["Organization"]) == {"practice"}
    assert resources["Practitioner"] and resources["Patient"]
    # codes the models do not check against their value sets
    assert {c["status"] for c in resources["Communication"].values()} <= EVENT_STATUS
    # the check finds a broken resource
    broken = json.loads(json.dumps(bundle))
    first = next(e for e in broken["entry"] if e["resource"]["resourceType"] == "Communication")
    first["resource"]["sent"] = "11/30/2026 6:36 AM"
    assert len(validation_errors(broken)) == 2  # the resource, and the Bundle holding it


def test_the_bundle_round_trips_against_the_database(db: Database, tmp_path: Path) -> None:
    p = fs.setup(db, tmp_path / "AtoZ")
    with db.session() as s:
        draft_id = webmail.save_draft(
            s,
            p.doc,
            Outgoing(
                regarding_patient_id=p.patient_id,
                provider_id=s.get(WebMailMessage, p.thread_id).provider_id,  # type: ignore[union-attr]
                subject="Unsent follow-up",
                body="Draft text",
                client_request_id=str(uuid.uuid4()),
            ),
        )
    with db.session() as s:
        bundle = fhir_export.export_bundle(s, ACTOR)
    text = json.dumps(bundle, ensure_ascii=False)
    parsed = Bundle.model_validate_json(text)  # read back through the FHIR models
    assert validation_errors(json.loads(text)) == []
    resources = by_type(json.loads(parsed.model_dump_json()))
    comms = resources["Communication"]
    with db.readonly_session() as s:
        for m in s.execute(select(WebMailMessage)).scalars():
            c = comms[f"webmail-{m.id}"]
            status = MessageStatus(m.status)
            assert c["status"] == ("preparation" if m.id == draft_id else "completed")
            assert c["topic"]["text"] == m.subject
            holder, practice = f"Patient/{m.patient_id}", f"Practitioner/{m.provider_id}"
            sender, recipient = (holder, practice) if status.is_from_patient else (practice, holder)
            assert c["sender"]["reference"] == sender
            assert [r["reference"] for r in c["recipient"]] == [recipient]
            if m.sent_at:
                assert when(c["sent"]) == m.sent_at
            else:
                assert "sent" not in c
            if m.read_at:
                assert when(c["received"]) == m.read_at
            thread = m.thread_id or m.id
            if thread != m.id:
                assert c["partOf"] == [{"reference": f"Communication/webmail-{thread}"}]
            if m.parent_id:
                assert c["inResponseTo"] == [{"reference": f"Communication/webmail-{m.parent_id}"}]
            assert c["payload"][0]["contentString"] == m.body.strip()
            contents = [x["contentAttachment"] for x in c["payload"][1:]]
            assert len(contents) == len(m.attachments)
            for a, content in zip(m.attachments, contents, strict=True):
                data = read_attachment(s, a.id)
                assert content["hash"] == base64.b64encode(hashlib.sha1(data).digest()).decode()
                assert (content["contentType"], content["size"], content["title"]) == (
                    a.content_type,
                    a.size,
                    a.display_name,
                )
                binary = resources["Binary"][content["url"].split("/")[1]]
                assert base64.b64decode(binary["data"]) == data
        robert = s.get(Patient, p.patient_id)
        assert robert is not None
        patient = resources["Patient"][str(p.patient_id)]
        assert patient["name"][0]["family"] == robert.last_name == "O'Brien"
        assert patient["name"][0]["given"] == ["Robert"]
        assert patient["birthDate"] == "1984-05-17"
        assert patient["generalPractitioner"] == [
            {"reference": f"Practitioner/{robert.primary_provider_id}"}
        ]
        assert (
            s.execute(select(AuditEntry.detail).where(AuditEntry.action == "fhir.export"))
            .scalars()
            .one()
            .startswith("communications=5 ")
        )
    # the body with markup and right-to-left text survives the trip unchanged
    assert fs.PATIENT_BODY in [c["payload"][0]["contentString"] for c in comms.values()]


def test_the_admin_command_exports_one_patient_since_a_date(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    p = fs.setup(db, tmp_path / "AtoZ")
    url: str | URL = db.engine.url
    url = url.render_as_string(hide_password=False)
    out = tmp_path / "export.json"
    argv = ["--db", url, "fhir", "export", "--patient", str(p.patient_id), "--out", str(out)]
    assert main(argv) == 0
    assert "3 Communication" in capsys.readouterr().out
    bundle = json.loads(out.read_text(encoding="utf-8"))
    assert validation_errors(bundle) == []
    comms = by_type(bundle)["Communication"]
    assert sorted(comms) == sorted(f"webmail-{i}" for i in p.message_ids)
    assert main([*argv, "--since", "2026-12-01"]) == 0
    assert "Communication" not in capsys.readouterr().out
    assert main([*argv, "--since", "2026-11-30", "--no-attachment-data"]) == 0
    bundle = json.loads(out.read_text(encoding="utf-8"))
    assert "Binary" not in by_type(bundle) and validation_errors(bundle) == []
    assert main([*argv, "--since", "yesterday"]) == 2
    assert "--since takes a date" in capsys.readouterr().err
