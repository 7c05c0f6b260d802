"""Long id lists split for SQL `IN (...)`: one statement per `IN_LIST_SIZE` ids, which keeps
every database's bound-parameter limits and its planner on the index, instead of one statement
per id or one with thousands of parameters."""

from collections.abc import Iterator, Sequence
from typing import TypeVar

IN_LIST_SIZE = 500

T = TypeVar("T")


def chunks(ids: Sequence[T], size: int = IN_LIST_SIZE) -> Iterator[list[T]]:
    """`ids` in order, `size` at a time."""
    for start in range(0, len(ids), size):
        yield list(ids[start : start + size])
