"""AWS Config account-level conformance packs: moto 5.2.5 serves only the organisation ones. Put, Describe,
DescribeStatus (CREATE_COMPLETE at once) and Delete, JSON protocol (StarlingDoveService)."""
import time
import uuid

from . import handler, json_error, json_response, target_is
from .store import store

SERVICE = "config"


def _packs(request):  # noqa: ANN001, ANN202
    return store(SERVICE, request.account_id, request.region).setdefault("conformance_packs", {})


@handler(SERVICE, target_is("PutConformancePack"))
def put(request):  # noqa: ANN001, ANN201
    body = request.json()
    name = body["ConformancePackName"]
    packs = _packs(request)
    pack_id = packs.get(name, {}).get("ConformancePackId") or f"conformance-pack-{uuid.uuid4().hex[:12]}"
    arn = f"arn:aws:config:{request.region}:{request.account_id}:conformance-pack/{name}/{pack_id}"
    packs[name] = {
        "ConformancePackName": name, "ConformancePackArn": arn, "ConformancePackId": pack_id,
        "ConformancePackInputParameters": body.get("ConformancePackInputParameters", []),
        "LastUpdateRequestedTime": time.time(), "CreatedBy": "",
        **({"DeliveryS3Bucket": body["DeliveryS3Bucket"]} if body.get("DeliveryS3Bucket") else {}),
        **({"DeliveryS3KeyPrefix": body["DeliveryS3KeyPrefix"]} if body.get("DeliveryS3KeyPrefix") else {}),
    }
    return json_response({"ConformancePackArn": arn})


def _selected(request):  # noqa: ANN001, ANN202
    names = request.json().get("ConformancePackNames") or []
    packs = _packs(request)
    missing = [n for n in names if n not in packs]
    return [packs[n] for n in names if n in packs] if names else list(packs.values()), missing


@handler(SERVICE, target_is("DescribeConformancePacks"))
def describe(request):  # noqa: ANN001, ANN201
    found, missing = _selected(request)
    if missing:
        return json_error("NoSuchConformancePackException", f"Conformance pack {missing[0]} not found")
    return json_response({"ConformancePackDetails": found})


@handler(SERVICE, target_is("DescribeConformancePackStatus"))
def status(request):  # noqa: ANN001, ANN201
    found, missing = _selected(request)
    if missing:
        return json_error("NoSuchConformancePackException", f"Conformance pack {missing[0]} not found")
    return json_response({"ConformancePackStatusDetails": [
        {"ConformancePackName": p["ConformancePackName"], "ConformancePackId": p["ConformancePackId"], "ConformancePackArn": p["ConformancePackArn"],
         "ConformancePackState": "CREATE_COMPLETE", "StackArn": f"arn:aws:cloudformation:{request.region}:{request.account_id}:stack/{p['ConformancePackName']}/{p['ConformancePackId']}",
         "LastUpdateRequestedTime": p["LastUpdateRequestedTime"]} for p in found]})


@handler(SERVICE, target_is("DeleteConformancePack"))
def delete(request):  # noqa: ANN001, ANN201
    if _packs(request).pop(request.json()["ConformancePackName"], None) is None:
        return json_error("NoSuchConformancePackException", "not found")
    return json_response({})
