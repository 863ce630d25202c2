import typing as t

from connector.generated import TokenCredential
from connector.oai.base_clients import BaseIntegrationClient
from connector.oai.capability import Request, get_credential, get_settings
from connector.utils.client_utils import create_client_response
from connector.utils.httpx_auth import BearerAuth
from pydantic import BaseModel

from bench_ref.constants import ME, USERS, BenchRefCredentialId
from bench_ref.settings import BenchRefSettings


class ApiMe(BaseModel):
    tenant_id: str


class ApiUser(BaseModel):
    id: str
    email: str | None = None
    given_name: str | None = None
    family_name: str | None = None
    username: str | None = None
    status: str | None = None


class ApiUsersPage(BaseModel):
    items: list[ApiUser]
    has_more: bool = False


class BenchRefClient(BaseIntegrationClient):
    @classmethod
    def prepare_client_args(cls, args: Request) -> dict[str, t.Any]:
        token = get_credential(args, BenchRefCredentialId.TOKEN, TokenCredential)
        settings = get_settings(args, BenchRefSettings)
        return {
            "auth": BearerAuth(token=token.token),
            "base_url": settings.base_url,
        }

    async def me(self) -> ApiMe:
        response = await self._http_client.get(ME)
        return create_client_response(response, ApiMe)

    async def get_users(self, limit: int, offset: int) -> ApiUsersPage:
        response = await self._http_client.get(USERS, params={"limit": limit, "offset": offset})
        return create_client_response(response, ApiUsersPage)
