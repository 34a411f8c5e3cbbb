"""Judge Databricks job and SQL warehouse resources with Databricks' own Python models.

    <venv>/bin/python python-models.py < items.json

Runs with the interpreter of the venv scripts/provision-databricks-models.sh makes (pinned
databricks-bundles and databricks-sdk). No network: only the models' from_dict/as_dict run.

stdin: [{"name": str, "kind": "job" | "warehouse", "value": {...}, "variables": {name: value}}]
stdout: [{"name": str,
          "errors": [{"model": str, "path": str, "message": str}],
          "differences": [{"model": str, "path": str, "sent": any, "got": any}]}]

errors are what databricks-bundles' strict from_dict raised (unknown field, bad enum value,
missing required field, wrong shape) or what the SDK raised, with the path of the value at fault.
differences are the fields a model dropped or changed on its way through from_dict/as_dict:
databricks-bundles coerces scalars it does not check (str(1), int("3")), and the SDK silently
drops fields it does not model and enum values it does not know; "got" is absent when dropped.
"""

from __future__ import annotations

import inspect
import json
import sys
import typing
from dataclasses import fields, is_dataclass
from types import UnionType
from typing import Any, Union, get_args, get_origin

from databricks.bundles.core._transform import _transform, _unwrap_variable_path
from databricks.bundles.core._variable import Variable
from databricks.bundles.jobs import Job
from databricks.bundles.sql_warehouses import SqlWarehouse
from databricks.sdk.service.jobs import JobSettings
from databricks.sdk.service.sql import WarehousesAPI

ABSENT = {"absent": True}
BUNDLE_MODELS = {"job": Job, "warehouse": SqlWarehouse}


def join(path: str, key: str | int) -> str:
    """A path as the report spells it: tasks[0].notebook_task.base_parameters."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def concrete(tpe: Any) -> Any:
    """The type a value holds once the model's Variable/Optional wrappers are peeled off."""
    if get_origin(tpe) in (Union, UnionType):
        rest = [arg for arg in get_args(tpe) if arg is not type(None) and get_origin(arg) is not Variable]
        return concrete(rest[0]) if len(rest) == 1 else tpe
    return tpe


def children(tpe: Any, value: Any) -> list[tuple[str | int, Any, Any]]:
    """(key or index, type, value) of each part of value the model types, for walking both at once."""
    tpe = concrete(tpe)
    if is_dataclass(tpe) and isinstance(value, dict):
        hints = typing.get_type_hints(tpe)
        return [(f.name, hints[f.name], value[f.name]) for f in fields(tpe) if f.name in value]
    if get_origin(tpe) is list and isinstance(value, list):
        return [(i, get_args(tpe)[0], item) for i, item in enumerate(value)]
    if get_origin(tpe) is dict and isinstance(value, dict):
        return [(key, get_args(tpe)[1], item) for key, item in value.items()]
    return []


def substitute(tpe: Any, value: Any, variables: dict[str, Any]) -> Any:
    """Puts a variable's value where an int, float or bool field holds a pure ${var.x}.

    The CLI interpolates before it normalizes, so such a field reaches Databricks typed; the SDK
    would instead int() the reference text and fail. The value goes through the model's own
    scalar coercion (the same strings as the CLI's normalizeBool). Other references stay strings,
    as the models take them.
    """
    scalar = concrete(tpe)
    path = _unwrap_variable_path(value)
    if scalar in (int, float, bool) and path and path.startswith("var.") and path[4:] in variables:
        given = variables[path[4:]]
        if isinstance(given, dict) and "lookup" in given:
            # A lookup becomes an object's id, a string, only at deploy: what a typed field gets is text.
            given = "id of " + ", ".join(f"{kind} {name!r}" for kind, name in given["lookup"].items())
        try:
            return _transform(scalar, given)
        except ValueError:
            return given  # for from_dict to reject, with its path
    if scalar is int and path and path.startswith("resources.") and path.endswith(".id"):
        # Another resource's id (run_job_task.job_id): the CLI deploys that resource first and puts its
        # numeric id here before the API sees the job; any int stands for it.
        return 1
    parts = children(tpe, value)
    if not parts:
        return value
    if isinstance(value, list):
        return [substitute(part_type, item, variables) for _, part_type, item in parts]
    typed = {key: (part_type, item) for key, part_type, item in parts}
    return {key: substitute(*typed[key], variables) if key in typed else item for key, item in value.items()}


def rejections(tpe: Any, value: Any, path: str) -> list[dict[str, str]]:
    """Each deepest part of value the model rejects, with the model's own message.

    from_dict stops at the first problem; this walks on so that one run names them all. A part
    whose own parts are all accepted is where the problem is (an unknown or missing field, a bad
    enum value); a part with rejected parts is reported through those alone.
    """
    try:
        _transform(tpe, value)
        return []
    except Exception as failure:  # noqa: BLE001 - any rejection by the model is a finding
        below = [
            found
            for key, part_type, item in children(tpe, value)
            for found in rejections(part_type, item, join(path, key))
        ]
        return below or [{"path": path or ".", "message": f"{type(failure).__name__}: {failure}"}]


def differences(sent: Any, got: Any, path: str) -> list[dict[str, Any]]:
    """Every leaf of sent that got lacks or holds differently (1 and True and "1" all differ)."""
    if isinstance(sent, dict):
        found = []
        for key, item in sent.items():
            if isinstance(got, dict) and key in got:
                found += differences(item, got[key], join(path, key))
            else:
                found.append({"path": join(path, key), "sent": item, "got": ABSENT})
        return found
    if isinstance(sent, list):
        if not isinstance(got, list):
            return [{"path": path or ".", "sent": sent, "got": got}]
        found = [
            d
            for i, item in enumerate(sent)
            for d in differences(item, got[i] if i < len(got) else ABSENT, join(path, i))
        ]
        return found + [
            {"path": join(path, i), "sent": ABSENT, "got": item} for i, item in enumerate(got[len(sent) :], len(sent))
        ]
    if type(sent) is not type(got) or sent != got:
        return [{"path": path or ".", "sent": sent, "got": got}]
    return []


def plain(value: Any) -> Any:
    """as_dict output with Variable references back in their ${...} text, to compare with the input."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value.value if isinstance(value, Variable) else value


def sdk_view(kind: str, value: dict[str, Any]) -> Any:
    """What the SDK keeps of the resource: JobSettings' round trip, or the fields
    WarehousesAPI.create takes (the SDK has no warehouse request dataclass to round-trip)."""
    if kind == "job":
        return JobSettings.from_dict(value).as_dict()
    parameters = inspect.signature(WarehousesAPI.create).parameters
    return {key: item for key, item in value.items() if key in parameters}


def judge(item: dict[str, Any]) -> dict[str, Any]:
    kind, original = item["kind"], item["value"]
    model = BUNDLE_MODELS[kind]
    value = substitute(model, original, item.get("variables", {}))
    errors: list[dict[str, Any]] = []
    found: list[dict[str, Any]] = []
    try:
        understood = plain(model.from_dict(value).as_dict())
        found += [{"model": f"databricks-bundles {model.__name__}", **d} for d in differences(value, understood, "")]
    except Exception as failure:  # noqa: BLE001 - every rejection is a finding
        found_below = rejections(model, value, "") or [{"path": ".", "message": f"{type(failure).__name__}: {failure}"}]
        errors += [{"model": f"databricks-bundles {model.__name__}", **e} for e in found_below]
    sdk_name = "databricks-sdk JobSettings" if kind == "job" else "databricks-sdk WarehousesAPI.create"
    try:
        found += [{"model": sdk_name, **d} for d in differences(value, sdk_view(kind, value), "")]
    except Exception as failure:  # noqa: BLE001
        errors.append({"model": sdk_name, "path": ".", "message": f"{type(failure).__name__}: {failure}"})
    return {"name": item["name"], "errors": errors, "differences": found}


def main() -> None:
    json.dump([judge(item) for item in json.load(sys.stdin)], sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
