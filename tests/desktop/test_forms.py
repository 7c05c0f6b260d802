"""The compiled forms and icons match their sources in forms/ and resources/."""

from opendesk.desktop import forms_build


def test_generated_forms_are_up_to_date() -> None:
    assert forms_build.stale() == [], "run: python -m opendesk.desktop.forms_build"


def test_every_form_is_compiled() -> None:
    names = {p.stem for p in forms_build.FORMS.glob("*.ui")}
    assert names >= {
        "login",
        "change_password",
        "select_patient",
        "provider_picker",
        "patient_edit",
    }
    for name in names:
        assert (forms_build.OUT / f"ui_{name}.py").exists()
