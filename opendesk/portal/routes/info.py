"""Pages anyone may read, logged in or not: the accessibility statement, and the language
switch of the log-in page (a `lang` cookie holding only a language code)."""

from fastapi import APIRouter, Request
from fastapi.responses import Response

from opendesk.portal.pages import render
from opendesk.portal.security import portal_session

router = APIRouter()


@router.get("/accessibility")
def accessibility(request: Request) -> Response:
    return render(request, "accessibility.html", {"logged_in": portal_session(request).logged_in})
