"""A readable reference of the API built from its OpenAPI schema (no JavaScript, no CDN).

The page lists every operation with its parameters and responses, grouped by tag, and a
``curl`` example; it is generated from the same schema as ``/api/v1/openapi.json``, so the
two never disagree.
"""

from __future__ import annotations

from drf_spectacular.generators import SchemaGenerator

_SCHEMA: dict | None = None


def schema() -> dict:
    global _SCHEMA
    if _SCHEMA is None:
        _SCHEMA = SchemaGenerator().get_schema(request=None, public=True)
    return _SCHEMA


def _type(param_schema: dict) -> str:
    if not param_schema:
        return ""
    if "enum" in param_schema:
        return " | ".join(str(v) for v in param_schema["enum"] if v not in ("", None))
    return param_schema.get("format") or param_schema.get("type", "")


def reference(request) -> dict:
    data = schema()
    base = request.build_absolute_uri("/").rstrip("/")
    groups: dict[str, list] = {}
    for path, item in data.get("paths", {}).items():
        for method, op in item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            secured = any("apiToken" in s for s in op.get("security", []) if s)
            params = [
                {
                    "name": p["name"],
                    "where": {"path": "Pfad", "query": "Abfrage"}.get(p["in"], p["in"]),
                    "required": p.get("required", False),
                    "type": _type(p.get("schema", {})),
                    "description": p.get("description", ""),
                }
                for p in op.get("parameters", [])
            ]
            example_path = path
            for p in op.get("parameters", []):
                if p["in"] == "path":
                    example_path = example_path.replace("{" + p["name"] + "}", "musterdorf")
            curl = "curl"
            if secured:
                curl += ' -H "Authorization: Bearer $ZWK_TOKEN"'
            curl += f" {base}{example_path}"
            groups.setdefault((op.get("tags") or ["API"])[0], []).append(
                {
                    "id": op.get("operationId", ""),
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "token": secured and not any(s == {} for s in op.get("security", [])),
                    "params": params,
                    "responses": [
                        (code, r.get("description", ""))
                        for code, r in op.get("responses", {}).items()
                    ],
                    "curl": curl,
                }
            )
    return {
        "title": data.get("info", {}).get("title", ""),
        "version": data.get("info", {}).get("version", ""),
        "groups": list(groups.items()),
    }
