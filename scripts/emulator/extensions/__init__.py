"""The project's pinned extension of moto: handlers for the few APIs the baseline uses that moto does not serve
(or serves wrongly), tried before a request reaches moto.

Each module in this package registers handlers with `handler(service, match)`; `service` is the signing name in
the request's SigV4 credential scope, `match(request)` says whether the handler takes the request. A handler
returns (status, headers, body). Everything else goes to moto unchanged. Written against moto 5.2.5
(scripts/lib/emulator/settings.ts pins it); each handler says what moto lacks.
"""
import json
import re
import threading
from dataclasses import dataclass
from typing import Any, Callable, Optional

from moto.iam.models import get_account_id_from

Response = tuple[int, dict[str, str], bytes]


@dataclass
class Request:
    service: str
    region: str
    account_id: str
    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes
    target: str  # X-Amz-Target operation (JSON protocols), or the query protocol's Action, or ""

    def json(self) -> Any:
        return json.loads(self.body or b"{}")


_HANDLERS: list[tuple[str, Callable[[Request], bool], Callable[[Request], Optional[Response]]]] = []
LOCK = threading.RLock()
CREDENTIAL = re.compile(r"Credential=(?P<key>[^/]+)/\d{8}/(?P<region>[^/]+)/(?P<service>[^/]+)/")


def handler(service: str, match: Callable[[Request], bool]):  # noqa: ANN201
    def register(fn: Callable[[Request], Optional[Response]]) -> Callable[[Request], Optional[Response]]:
        _HANDLERS.append((service, match, fn))
        return fn

    return register


_AFTER: list[tuple[str, Callable[[Request], bool], Callable[[Request, int, bytes], Optional[bytes]]]] = []


def after(service: str, match: Callable[[Request], bool]):  # noqa: ANN201
    """Registers `fn(request, status, body)`, run after moto answered a matching request (to keep what moto drops);
    it may return a replacement body (to add what moto leaves out of an answer)."""

    def register(fn: Callable[[Request, int, bytes], Optional[bytes]]) -> Callable[[Request, int, bytes], Optional[bytes]]:
        _AFTER.append((service, match, fn))
        return fn

    return register


def json_response(payload: Any, status: int = 200) -> Response:
    return status, {"Content-Type": "application/json"}, json.dumps(payload, default=str).encode()


def json_error(code: str, message: str, status: int = 400) -> Response:
    return status, {"Content-Type": "application/json", "X-Amzn-ErrorType": code}, json.dumps({"__type": code, "message": message, "Message": message}).encode()


def target_is(*operations: str) -> Callable[[Request], bool]:
    return lambda request: request.target in operations


def route(method: str, pattern: str) -> Callable[[Request], bool]:
    compiled = re.compile(pattern)
    return lambda request: request.method == method and compiled.fullmatch(request.path) is not None


class Extensions:
    """WSGI middleware in front of moto's dispatcher."""

    def __init__(self, app: Any, request_log: Optional[str] = None) -> None:
        self.app = app
        self.request_log = open(request_log, "a", encoding="utf-8") if request_log else None  # noqa: SIM115

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        auth = environ.get("HTTP_AUTHORIZATION", "")
        scope = CREDENTIAL.search(auth)
        if scope is None:
            return self.app(environ, start_response)
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        headers = {k[5:].replace("_", "-").lower(): v for k, v in environ.items() if k.startswith("HTTP_")}
        target = environ.get("HTTP_X_AMZ_TARGET", "").split(".")[-1]
        if not target and body.startswith(b"Action="):
            target = body.split(b"&", 1)[0][7:].decode()
        request = Request(
            service=scope["service"], region=scope["region"], account_id=get_account_id_from(scope["key"]),
            method=environ["REQUEST_METHOD"], path=environ.get("PATH_INFO", ""), query=environ.get("QUERY_STRING", ""),
            headers=headers, body=body, target=target,
        )
        if self.request_log:
            with LOCK:
                self.request_log.write(json.dumps({"service": request.service, "account": request.account_id, "region": request.region, "method": request.method, "path": request.path, "target": target}) + "\n")
                self.request_log.flush()
        for service, match, fn in _HANDLERS:
            if service == request.service and match(request):
                with LOCK:
                    result = fn(request)
                if result is not None:
                    status, response_headers, payload = result
                    start_response(f"{status} X", [*response_headers.items(), ("Content-Length", str(len(payload)))])
                    return [payload]
        import io

        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        hooks = [fn for service, match, fn in _AFTER if service == request.service and match(request)]
        if not hooks:
            return self.app(environ, start_response)
        captured: dict[str, Any] = {}

        def capture(status: str, response_headers: Any, exc_info: Any = None) -> Any:
            captured["status"], captured["headers"] = status, response_headers
            return start_response(status, response_headers, exc_info) if exc_info else (lambda _data: None)

        payload = b"".join(self.app(environ, capture))
        code = int(captured["status"].split(" ", 1)[0])
        with LOCK:
            for fn in hooks:
                replaced = fn(request, code, payload)
                if replaced is not None:
                    payload = replaced
        headers = [(k, v) for k, v in captured["headers"] if k.lower() != "content-length"] + [("Content-Length", str(len(payload)))]
        start_response(captured["status"], headers)
        return [payload]


from . import registered  # noqa: E402,F401  (imports every handler module)
