from enum import Enum

ME = "/me"
USERS = "/users"


class BenchRefCredentialId(str, Enum):
    TOKEN = "bench_ref_token"
