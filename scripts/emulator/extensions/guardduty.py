"""GuardDuty pieces moto 5.2.5 does not serve: the organisation configuration (Describe/UpdateOrganizationConfiguration,
with its features, merged by name as the API does), publishing destinations (Create/Describe/Update/Delete/List), and
tagging a detector after it exists (TagResource/UntagResource: an adopted detector gets the baseline's tags on its
first apply; a created one carries them from CreateDetector). REST-JSON, per account and Region, keyed by detector id."""
import time
import uuid
from urllib.parse import parse_qs, unquote

from . import handler, json_error, json_response, route
from .store import store

SERVICE = "guardduty"


def _detector(request):  # noqa: ANN001, ANN202
    return unquote(request.path.split("/")[2])


def _state(request):  # noqa: ANN001, ANN202
    return store(SERVICE, request.account_id, request.region).setdefault(_detector(request), {})


def _merge_features(current, updates):  # noqa: ANN001, ANN202
    by_name = {f["name"]: f for f in current}
    for update in updates:
        feature = by_name.setdefault(update["name"], {"name": update["name"]})
        if "autoEnable" in update:
            feature["autoEnable"] = update["autoEnable"]
        if update.get("additionalConfiguration"):
            extra = {c["name"]: c for c in feature.get("additionalConfiguration", [])}
            for item in update["additionalConfiguration"]:
                extra[item["name"]] = {**extra.get(item["name"], {}), **item}
            feature["additionalConfiguration"] = list(extra.values())
    return list(by_name.values())


@handler(SERVICE, route("POST", "/detector/[^/]+/admin"))
def update_org_configuration(request):  # noqa: ANN001, ANN201
    body = request.json()
    config = _state(request).setdefault("org", {"autoEnableOrganizationMembers": "NONE", "features": []})
    if "autoEnableOrganizationMembers" in body:
        config["autoEnableOrganizationMembers"] = body["autoEnableOrganizationMembers"]
    elif "autoEnable" in body:
        config["autoEnableOrganizationMembers"] = "NEW" if body["autoEnable"] else "NONE"
    if body.get("dataSources"):
        config["dataSources"] = body["dataSources"]
    config["features"] = _merge_features(config["features"], body.get("features", []))
    return json_response({})


@handler(SERVICE, route("GET", "/detector/[^/]+/admin"))
def describe_org_configuration(request):  # noqa: ANN001, ANN201
    config = _state(request).get("org", {"autoEnableOrganizationMembers": "NONE", "features": []})
    return json_response({
        "autoEnable": config["autoEnableOrganizationMembers"] != "NONE",
        "autoEnableOrganizationMembers": config["autoEnableOrganizationMembers"],
        "memberAccountLimitReached": False,
        "features": config["features"],
        **({"dataSources": config["dataSources"]} if "dataSources" in config else {}),
    })


def _destinations(request):  # noqa: ANN001, ANN202
    return _state(request).setdefault("destinations", {})


@handler(SERVICE, route("POST", "/detector/[^/]+/publishingDestination"))
def create_destination(request):  # noqa: ANN001, ANN201
    body = request.json()
    destination_id = uuid.uuid4().hex
    _destinations(request)[destination_id] = {
        "destinationId": destination_id, "destinationType": body.get("destinationType", "S3"),
        "destinationProperties": body.get("destinationProperties", {}), "status": "PUBLISHING", "publishingFailureStartTimestamp": 0,
    }
    return json_response({"destinationId": destination_id})


@handler(SERVICE, route("GET", "/detector/[^/]+/publishingDestination"))
def list_destinations(request):  # noqa: ANN001, ANN201
    return json_response({"destinations": [{k: d[k] for k in ("destinationId", "destinationType", "status")} for d in _destinations(request).values()]})


def _one(request):  # noqa: ANN001, ANN202
    return _destinations(request).get(unquote(request.path.rsplit("/", 1)[1]))


@handler(SERVICE, route("GET", "/detector/[^/]+/publishingDestination/[^/]+"))
def describe_destination(request):  # noqa: ANN001, ANN201
    found = _one(request)
    return json_response(found) if found else json_error("BadRequestException", "The request is rejected because the input detectorId or destinationId is not owned by the current account.")


@handler(SERVICE, route("POST", "/detector/[^/]+/publishingDestination/[^/]+"))
def update_destination(request):  # noqa: ANN001, ANN201
    found = _one(request)
    if not found:
        return json_error("BadRequestException", "destination not found")
    if request.json().get("destinationProperties"):
        found["destinationProperties"] = request.json()["destinationProperties"]
    return json_response({})


@handler(SERVICE, route("DELETE", "/detector/[^/]+/publishingDestination/[^/]+"))
def delete_destination(request):  # noqa: ANN001, ANN201
    _destinations(request).pop(unquote(request.path.rsplit("/", 1)[1]), None)
    return json_response({})


# Detector features: moto answers GetDetector with only some of the features UpdateDetector set, so the provider
# finds no LAMBDA_NETWORK_LOGS / EKS_AUDIT_LOGS / RDS_LOGIN_EVENTS ("empty result"). Features sent are kept and
# merged into the answer.
import json  # noqa: E402

from . import after  # noqa: E402


def _detector_features(request, detector_id):  # noqa: ANN001, ANN202
    return store(SERVICE, request.account_id, request.region).setdefault(detector_id, {}).setdefault("features", {})


@after(SERVICE, route("POST", "/detector/[^/]+"))
def keep_features(request, status, _body):  # noqa: ANN001, ANN201
    if status == 200:
        features = _detector_features(request, _detector(request))
        for feature in request.json().get("features", []):
            kept = features.setdefault(feature["name"], {"name": feature["name"]})
            if "status" in feature:
                kept["status"] = feature["status"]
            if feature.get("additionalConfiguration"):
                extra = {c["name"]: c for c in kept.get("additionalConfiguration", [])}
                for item in feature["additionalConfiguration"]:
                    extra[item["name"]] = {**extra.get(item["name"], {}), **item}
                kept["additionalConfiguration"] = list(extra.values())
    return None


@after(SERVICE, route("POST", "/detector"))
def keep_create_features(request, status, body):  # noqa: ANN001, ANN201
    if status == 200 and request.json().get("features"):
        features = _detector_features(request, json.loads(body)["detectorId"])
        for feature in request.json()["features"]:
            features[feature["name"]] = {k: v for k, v in feature.items() if k in ("name", "status", "additionalConfiguration")}
    return None


@after(SERVICE, route("GET", "/detector/[^/]+"))
def add_features(request, status, body):  # noqa: ANN001, ANN201
    kept = _detector_features(request, _detector(request))
    if status != 200 or not kept:
        return None
    answer = json.loads(body)
    by_name = {f["name"]: f for f in answer.get("features", [])}
    for name, feature in kept.items():
        merged = {**by_name.get(name, {}), **feature}
        merged["updatedAt"] = merged.get("updatedAt") if isinstance(merged.get("updatedAt"), (int, float)) else int(time.time())
        by_name[name] = merged
    answer["features"] = list(by_name.values())
    return json.dumps(answer).encode()


def _tagged_detector(request):  # noqa: ANN001, ANN202
    from moto.guardduty.models import guardduty_backends

    arn = unquote(request.path[len("/tags/"):])
    detector_id = arn.rsplit("/", 1)[-1]
    return guardduty_backends[request.account_id][request.region].detectors.get(detector_id)


@handler(SERVICE, route("POST", "/tags/.+"))
def tag_resource(request):  # noqa: ANN001, ANN201
    detector = _tagged_detector(request)
    if detector is None:
        return json_error("BadRequestException", "The request is rejected because the resource is not a detector", 400)
    detector.tags.update(request.json().get("tags", {}))
    return json_response({})


@handler(SERVICE, route("DELETE", "/tags/.+"))
def untag_resource(request):  # noqa: ANN001, ANN201
    detector = _tagged_detector(request)
    if detector is None:
        return json_error("BadRequestException", "The request is rejected because the resource is not a detector", 400)
    for key in parse_qs(request.query).get("tagKeys", []):
        detector.tags.pop(key, None)
    return json_response({})


@handler(SERVICE, route("GET", "/tags/.+"))
def list_tags(request):  # noqa: ANN001, ANN201
    detector = _tagged_detector(request)
    return json_response({"tags": dict(detector.tags) if detector is not None else {}})
