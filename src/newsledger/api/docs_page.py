"""A self-contained /docs page listing the API from its OpenAPI document.

FastAPI's Swagger UI and ReDoc pages load scripts from a CDN, which fails offline
and breaks our Content-Security-Policy (no swagger-ui package is installed to
serve them locally), so this page is rendered on the server: no script, no
inline style, every value autoescaped.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment

_ENV = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
_PAGE = _ENV.from_string(
    """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ title }} API</title></head>
<body>
<h1>{{ title }} API {{ version }}</h1>
<p>Machine-readable description: <a href="{{ openapi_url }}">{{ openapi_url }}</a>.
Errors always have the shape <code>{"error": {"status", "code", "message"}}</code>.</p>
{% for op in operations %}
<section>
<h2><code>{{ op.method }} {{ op.path }}</code></h2>
{% if op.summary %}<p>{{ op.summary }}</p>{% endif %}
{% if op.params %}
<ul>
{% for p in op.params %}
<li><code>{{ p.name }}</code> ({{ p.where }}{% if p.required %}, required{% endif %}){% if p.description %}: {{ p.description }}{% endif %}</li>
{% endfor %}
</ul>
{% endif %}
{% if op.body %}<p>Body: JSON object with {% for f in op.body %}<code>{{ f }}</code>{% if not loop.last %}, {% endif %}{% endfor %}.</p>{% endif %}
</section>
{% endfor %}
</body>
</html>
"""
)


def _operations(spec: dict[str, Any]) -> list[dict[str, Any]]:
    schemas = spec.get("components", {}).get("schemas", {})
    out = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            body: list[str] = []
            ref = (
                op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema", {}).get("$ref")
            )
            if ref:
                body = list(schemas.get(ref.rsplit("/", 1)[-1], {}).get("properties", {}))
            out.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "params": [
                        {
                            "name": p["name"],
                            "where": p.get("in", ""),
                            "required": p.get("required", False),
                            "description": p.get("description", ""),
                        }
                        for p in op.get("parameters", [])
                    ],
                    "body": body,
                }
            )
    return out


def add_docs_page(app: FastAPI, path: str = "/docs") -> None:
    @app.get(path, include_in_schema=False, response_class=HTMLResponse)
    def docs(request: Request) -> HTMLResponse:
        spec = request.app.openapi()
        html = _PAGE.render(
            title=spec["info"]["title"],
            version=spec["info"]["version"],
            openapi_url=request.app.openapi_url,
            operations=_operations(spec),
        )
        return HTMLResponse(html)
