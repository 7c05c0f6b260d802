"""The PHI scope of a portal account holder."""

from opendesk.core import preferences, scope
from opendesk.core.db import Database
from tests import factories as f


def test_scope_self_family_responsible_party_and_guardian(db: Database) -> None:
    with db.session() as s:
        prov = f.provider(s)
        head = f.patient(s, prov, last="Lee")
        spouse = f.patient(s, prov, last="Lee", guarantor=head)
        child = f.patient(s, prov, last="Lee", guarantor=head)
        other_head = f.patient(s, prov, last="Ng")
        grandma = f.patient(
            s, prov, last="Ng", guarantor=other_head, responsible_party_id=spouse.id
        )
        stranger = f.patient(s, prov, last="Roe")
        f.guardian(s, child, spouse)
        s.commit()

        assert scope.phi_scope(s, head.id) == {head.id, spouse.id, child.id}
        assert scope.phi_scope(s, spouse.id) == {spouse.id, child.id, grandma.id}
        assert scope.phi_scope(s, child.id) == {child.id}
        assert scope.phi_scope(s, other_head.id) == {other_head.id, grandma.id}
        assert not scope.in_scope(s, head.id, stranger.id)
        assert not scope.in_scope(s, head.id, grandma.id)

        preferences.set_many(s, {preferences.PORTAL_FAMILY_SCOPE: False})
        s.commit()
        assert scope.phi_scope(s, head.id) == {head.id}
        assert scope.phi_scope(s, spouse.id) == {spouse.id, child.id, grandma.id}


def test_family_of_lists_the_guarantor_first(db: Database) -> None:
    with db.session() as s:
        prov = f.provider(s)
        head = f.patient(s, prov, last="Lee")
        kid = f.patient(s, prov, last="Lee", guarantor=head)
        s.commit()
        assert [p.id for p in scope.family_of(s, kid.id)] == [head.id, kid.id]
        assert scope.family_of(s, 999_999) == []
