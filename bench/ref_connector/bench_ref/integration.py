import httpx
from connector.generated import StandardCapabilityName
from connector.oai.errors import HTTPHandler
from connector.oai.integration import DescriptionData, Integration
from connector_sdk_types import AuthModel, CredentialConfig, CredentialsSettings

from bench_ref import capabilities_read
from bench_ref.constants import BenchRefCredentialId
from bench_ref.settings import BenchRefSettings

integration = Integration(
    app_id="bench-ref",
    version="0.1.0",
    credentials=[
        CredentialConfig(
            id=BenchRefCredentialId.TOKEN,
            type=AuthModel.TOKEN,
            description="An API token of the benchmark's mock API.",
        ),
    ],
    credentials_settings=CredentialsSettings(
        allowed_credentials=[(BenchRefCredentialId.TOKEN,)],
    ),
    exception_handlers=[
        (httpx.HTTPStatusError, HTTPHandler, None),
    ],
    description_data=DescriptionData(
        logo_url="",
        app_vendor_domain="",
        user_friendly_name="Bench Ref",
        description="Reference-SDK connector of the benchmark.",
        categories=[],
    ),
    settings_model=BenchRefSettings,
    resource_types=[],
    entitlement_types=[],
)

integration.register_capabilities(
    {
        StandardCapabilityName.VALIDATE_CREDENTIALS: capabilities_read.validate_credentials,
        StandardCapabilityName.LIST_ACCOUNTS: capabilities_read.list_accounts,
    }
)
