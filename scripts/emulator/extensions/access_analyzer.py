"""IAM Access Analyzer: moto 5.2.5 has no backend for it at all (the baseline creates an analyzer per account and an
organisation analyzer in the delegated admin). Serves CreateAnalyzer, GetAnalyzer, UpdateAnalyzer, DeleteAnalyzer,
ListAnalyzers and the tag calls, in the REST-JSON shape the AWS provider reads."""
import time
from urllib.parse import unquote

from . import handler, json_error, json_response, route
from .store import store

SERVICE = "access-analyzer"


def _analyzers(request):  # noqa: ANN001, ANN202
    return store(SERVICE, request.account_id, request.region).setdefault("analyzers", {})


def _by_arn(request, arn):  # noqa: ANN001, ANN202
    return next((a for a in _analyzers(request).values() if a["arn"] == arn), None)


@handler(SERVICE, route("PUT", "/analyzer"))
def create(request):  # noqa: ANN001, ANN201
    body = request.json()
    name = body["analyzerName"]
    if name in _analyzers(request):
        return json_error("ConflictException", f"Analyzer {name} already exists", 409)
    arn = f"arn:aws:access-analyzer:{request.region}:{request.account_id}:analyzer/{name}"
    _analyzers(request)[name] = {
        "arn": arn, "name": name, "type": body["type"], "status": "ACTIVE",
        "createdAt": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "tags": body.get("tags") or {}, **({"configuration": body["configuration"]} if body.get("configuration") else {}),
    }
    return json_response({"arn": arn})


@handler(SERVICE, route("GET", "/analyzer/[^/]+"))
def get(request):  # noqa: ANN001, ANN201
    name = unquote(request.path.rsplit("/", 1)[1])
    analyzer = _analyzers(request).get(name)
    if analyzer is None:
        return json_error("ResourceNotFoundException", f"Analyzer {name} not found", 404)
    return json_response({"analyzer": analyzer})


@handler(SERVICE, route("PUT", "/analyzer/[^/]+"))
def update(request):  # noqa: ANN001, ANN201
    name = unquote(request.path.rsplit("/", 1)[1])
    analyzer = _analyzers(request).get(name)
    if analyzer is None:
        return json_error("ResourceNotFoundException", f"Analyzer {name} not found", 404)
    if request.json().get("configuration") is not None:
        analyzer["configuration"] = request.json()["configuration"]
    return json_response({"configuration": analyzer.get("configuration", {})})


@handler(SERVICE, route("DELETE", "/analyzer/[^/]+"))
def delete(request):  # noqa: ANN001, ANN201
    _analyzers(request).pop(unquote(request.path.rsplit("/", 1)[1]), None)
    return json_response({})


@handler(SERVICE, route("GET", "/analyzer"))
def list_analyzers(request):  # noqa: ANN001, ANN201
    return json_response({"analyzers": list(_analyzers(request).values())})


@handler(SERVICE, route("GET", "/tags/.+"))
def list_tags(request):  # noqa: ANN001, ANN201
    analyzer = _by_arn(request, unquote(request.path[len("/tags/"):]))
    return json_response({"tags": analyzer["tags"] if analyzer else {}})


@handler(SERVICE, route("POST", "/tags/.+"))
def tag(request):  # noqa: ANN001, ANN201
    analyzer = _by_arn(request, unquote(request.path[len("/tags/"):]))
    if analyzer is not None:
        analyzer["tags"].update(request.json().get("tags", {}))
    return json_response({})


@handler(SERVICE, route("DELETE", "/tags/.+"))
def untag(request):  # noqa: ANN001, ANN201
    from urllib.parse import parse_qs

    analyzer = _by_arn(request, unquote(request.path[len("/tags/"):]))
    for key in parse_qs(request.query).get("tagKeys", []):
        if analyzer is not None:
            analyzer["tags"].pop(key, None)
    return json_response({})
