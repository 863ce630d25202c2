"""Offset pagination, as the scaffold's pagination.py does it."""

import typing as t

from connector.client import NextPageTokenInterface, PaginationBase, create_next_page_token
from connector.oai.capability import Request, get_page

DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 500


class Pagination(PaginationBase):
    offset: int

    @classmethod
    def default(cls, endpoint: str) -> "Pagination":
        return cls(endpoint=endpoint, offset=0)


if t.TYPE_CHECKING:

    class NextPageToken(NextPageTokenInterface[Pagination]):  # pragma: no cover
        @classmethod
        def from_paginations(cls, paginations: list[Pagination]) -> "NextPageToken":
            return cls(token=None)

        def paginations(self) -> list[Pagination]:
            return []
else:
    NextPageToken = create_next_page_token(Pagination, "NextPageToken")


def paginations_from_args(
    args: Request, default_endpoints: list[str], default_size: int
) -> tuple[list[Pagination], Pagination, int]:
    paginations = NextPageToken(get_page(args).token).paginations()
    if not paginations:
        paginations = [Pagination.default(endpoint) for endpoint in default_endpoints]
    current = paginations.pop()
    size = min(get_page(args).size or default_size, MAX_PAGE_SIZE)
    return paginations, current, size
