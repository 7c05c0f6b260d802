"""RFC 6238 time-based codes: the RFC's own test vectors, the skew window, no replay."""

import base64

from opendesk.core import totp

RFC_SECRET = base64.b32encode(b"12345678901234567890").decode().rstrip("=")


def test_rfc_6238_vectors() -> None:
    # Appendix B (SHA1): the 8-digit values; a 6-digit code is their last six digits.
    for when, code in [
        (59, "94287082"),
        (1111111109, "07081804"),
        (1111111111, "14050471"),
        (1234567890, "89005924"),
        (2000000000, "69279037"),
        (20000000000, "65353130"),
    ]:
        assert totp.code_at(RFC_SECRET, when) == code[-6:]


def test_verify_accepts_one_step_of_skew_and_no_replay() -> None:
    secret, now = totp.new_secret(), 1_800_000_000.0
    code = totp.code_at(secret, now)
    step = totp.verify(secret, code, now)
    assert step == totp.step_at(now)
    assert totp.verify(secret, code, now + 30) == step  # the phone is 30 s behind
    assert totp.verify(secret, code, now + 61) is None  # too old
    assert totp.verify(secret, code, now, last_step=step) is None  # used already
    assert totp.verify(secret, "12 34", now) is None and totp.verify(secret, "", now) is None


def test_provisioning_uri_for_the_apps() -> None:
    uri = totp.provisioning_uri("ABCDEF", "ann.k7mq2x", "Maple Street Dental")
    assert uri.startswith("otpauth://totp/Maple%20Street%20Dental%3Aann.k7mq2x?secret=ABCDEF&")
    assert "issuer=Maple+Street+Dental" in uri and "digits=6" in uri and "period=30" in uri
