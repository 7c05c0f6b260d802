"""Pages anyone may read, logged in or not: the accessibility statement, and the language
switch of the log-in page (a `lang` cookie holding only a language code: no PHI)."""

from fastapi import APIRouter, Request
from fastapi.responses import Response

from opendesk.core import languages
from opendesk.portal import i18n
from opendesk.portal.pages import render
from opendesk.portal.routes.helpers import see_other

router = APIRouter()


@router.get("/accessibility")
def accessibility(request: Request) -> Response:
    return render(request, "accessibility.html")


@router.get("/language/{code}")
def choose_language(request: Request, code: str) -> Response:
    """The log-in page's switch: remember the language in a cookie and go back to log in."""
    response = see_other("/login")
    if code in languages.LANGUAGES:
        response.set_cookie(
            i18n.COOKIE,
            code,
            max_age=i18n.COOKIE_MAX_AGE,
            path="/",
            httponly=True,
            samesite="lax",
            secure=request.url.scheme == "https",
        )
    return response
