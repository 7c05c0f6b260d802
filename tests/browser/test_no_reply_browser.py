"""A message sent with "Allow reply" off, in headless Chromium: the portal says it does not
accept replies, shows no reply form and links to a new message; a reply posted anyway (a form
built in the page, with the session's CSRF token) gets the 403 page and nothing is stored.
Screenshots: artifacts/portal_no_reply*.png."""

from playwright.sync_api import Browser
from sqlalchemy import func, select

from opendesk.core.db import Database
from opendesk.core.enums import MessageStatus
from opendesk.core.models import WebMailMessage
from opendesk.core.services.message_settings import MessageSettings
from opendesk.portal.app import create_app
from tests.browser.portal_pages import log_in
from tests.browser.test_portal_browser import chromium as chromium
from tests.browser.test_portal_browser import shot
from tests.portal.conftest import Practice, config, send
from tests.portal.conftest import practice as practice
from tests.portal.live import serve

FORGE_REPLY = """(messageId) => {
  const form = document.createElement("form");
  form.method = "post";
  form.action = `/messages/${messageId}/reply`;
  const add = (name, value) => {
    const input = document.createElement("input");
    input.type = "hidden"; input.name = name; input.value = value; form.appendChild(input);
  };
  add("csrf_token", document.querySelector("input[name=csrf_token]").value);
  add("request_id", "forged-1");
  add("body", "Are you open on Saturday?");
  document.body.appendChild(form);
  form.submit();
}"""


def test_a_message_without_replies_in_chromium(
    db: Database, practice: Practice, chromium: Browser
) -> None:
    message_id = send(
        db,
        practice.doc_a,
        practice.head,
        practice.prov_a,
        "Office closed on Friday",
        "We are closed on Friday for staff training.",
        settings=MessageSettings(allow_reply=False),
    )
    problems: list[str] = []
    with serve(create_app(config(), db)) as url:
        context = chromium.new_context(viewport={"width": 1100, "height": 800})
        page = context.new_page()
        page.on(
            "console",
            lambda m: (
                problems.append(m.text)
                if m.type == "error" and "status of 403" not in m.text
                else None
            ),
        )
        page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
        log_in(page, url)
        page.wait_for_url(f"{url}/inbox")
        page.get_by_role("link", name="Office closed on Friday").click()
        page.wait_for_url(f"{url}/messages/{message_id}")
        notice = page.get_by_role("region", name="No replies to this message")
        assert "This message does not accept replies" in notice.inner_text()
        assert page.get_by_label("Your reply").count() == 0
        assert page.get_by_role("button", name="Send reply").count() == 0
        shot(page, "no_reply")

        with page.expect_navigation() as navigation:
            page.evaluate(FORGE_REPLY, message_id)
        response = navigation.value
        assert response is not None and response.status == 403
        assert "does not accept replies" in page.content()
        shot(page, "no_reply_refused")

        page.goto(f"{url}/messages/{message_id}")
        page.get_by_role("link", name="write a new message").click()
        page.wait_for_url(f"{url}/compose")
        context.close()
    with db.readonly_session() as s:
        received = s.execute(
            select(func.count()).where(WebMailMessage.status == int(MessageStatus.WEBMAIL_RECEIVED))
        ).scalar_one()
    assert received == 0
    assert problems == []
