"""Password hashing (Argon2id) and the practice's password rules."""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# OWASP's minimum Argon2id profile: 19 MiB, 2 passes, 1 lane (about 20 ms here).
_hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)

MIN_LENGTH = 8


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


# Verifying against this keeps a login for an unknown user name as slow as a real one.
DUMMY_HASH = _hasher.hash("opendesk-timing-equaliser")


def password_problems(password: str, username: str = "") -> list[str]:
    """What is wrong with a new password (Open Dental's rules: 8+ characters with upper case,
    lower case and a digit), plus: not the user name. Empty when it is acceptable."""
    problems = []
    if len(password) < MIN_LENGTH:
        problems.append(f"at least {MIN_LENGTH} characters")
    if not any(c.isupper() for c in password):
        problems.append("an upper-case letter")
    if not any(c.islower() for c in password):
        problems.append("a lower-case letter")
    if not any(c.isdigit() for c in password):
        problems.append("a digit")
    if username and password.casefold() == username.casefold():
        problems.append("to differ from the user name")
    return problems


def password_rule_message(password: str, username: str = "") -> str | None:
    """A sentence for the user, or None when the password is acceptable."""
    problems = password_problems(password, username)
    if not problems:
        return None
    return "The password needs " + ", ".join(problems) + "."
