"""Per account and Region state for the extension's own handlers."""
from collections import defaultdict
from typing import Any

_STORES: dict[tuple[str, str, str], dict[str, Any]] = defaultdict(dict)


def store(service: str, account_id: str, region: str) -> dict[str, Any]:
    """The dict that holds `service`'s state in one account and Region (created empty on first use)."""
    return _STORES[(service, account_id, region)]
