"""`id_chunks.chunks`: every id once, in order, at most `IN_LIST_SIZE` a statement."""

from opendesk.core.id_chunks import IN_LIST_SIZE, chunks


def test_ids_come_in_order_a_list_at_a_time() -> None:
    ids = list(range(2 * IN_LIST_SIZE + 1))
    found = list(chunks(ids))
    assert [len(c) for c in found] == [IN_LIST_SIZE, IN_LIST_SIZE, 1]
    assert [i for c in found for i in c] == ids
    assert list(chunks(())) == []
    assert list(chunks((3, 1, 2), size=2)) == [[3, 1], [2]]
