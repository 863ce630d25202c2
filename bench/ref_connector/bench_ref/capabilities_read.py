from connector.generated import (
    AccountStatus,
    AccountType,
    FoundAccountData,
    ListAccountsRequest,
    ListAccountsResponse,
    ValidateCredentialsRequest,
    ValidateCredentialsResponse,
    ValidatedCredentials,
)
from connector.oai.capability import get_settings

from bench_ref.client import BenchRefClient
from bench_ref.constants import USERS
from bench_ref.pagination import DEFAULT_PAGE_SIZE, NextPageToken, Pagination, paginations_from_args
from bench_ref.settings import BenchRefSettings

# Same mapping as the generated Rust connector's `account_status`.
STATUS = {
    "active": AccountStatus.ACTIVE,
    "suspended": AccountStatus.SUSPENDED,
    "disabled": AccountStatus.SUSPENDED,
    "pending": AccountStatus.PENDING,
    "invited": AccountStatus.PENDING,
    "deleted": AccountStatus.DELETED,
}


async def validate_credentials(args: ValidateCredentialsRequest) -> ValidateCredentialsResponse:
    async with BenchRefClient(args) as client:
        me = await client.me()
    return ValidateCredentialsResponse(
        response=ValidatedCredentials(unique_tenant_id=me.tenant_id, valid=True),
    )


async def list_accounts(args: ListAccountsRequest) -> ListAccountsResponse:
    settings = get_settings(args, BenchRefSettings)
    paginations, current, page_size = paginations_from_args(
        args, default_endpoints=[USERS], default_size=settings.page_size or DEFAULT_PAGE_SIZE
    )
    async with BenchRefClient(args) as client:
        page = await client.get_users(limit=page_size, offset=current.offset)
    accounts = [
        FoundAccountData(
            integration_specific_id=user.id,
            email=user.email,
            given_name=user.given_name,
            family_name=user.family_name,
            username=user.username,
            user_status=STATUS.get(user.status, AccountStatus.INACTIVE) if user.status else None,
            account_type=AccountType.USER,
        )
        for user in page.items
    ]
    if page.has_more:
        paginations.append(
            Pagination(endpoint=current.endpoint, offset=current.offset + len(page.items))
        )
    return ListAccountsResponse(
        response=accounts,
        page=NextPageToken.from_paginations(paginations).to_page(page_size) if paginations else None,
    )
