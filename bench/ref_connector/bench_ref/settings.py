from connector.serializers.request import AnnotatedField, SemanticType
from pydantic import BaseModel


class BenchRefSettings(BaseModel):
    base_url: str = AnnotatedField(
        title="Base URL",
        description="Base URL of the API, e.g. `https://api.example.com/v1`.",
        semantic_type=SemanticType.TENANT_ID,
    )
    page_size: int | None = AnnotatedField(
        default=None,
        title="Page size",
        description="How many items to ask the API for per page when the caller does not say.",
    )
