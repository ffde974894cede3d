"""Public JSON responses: compact, with an ETag, briefly cacheable and open to other sites (CORS)."""
import hashlib
import json

from flask import current_app, request


def response(payload):
    """A conditional JSON response for `payload`, as every public count endpoint gives it."""
    body = json.dumps(payload, separators=(",", ":"))
    result = current_app.response_class(body, mimetype="application/json")
    result.set_etag(hashlib.sha256(body.encode()).hexdigest()[:32])
    result.cache_control.public = True
    result.cache_control.max_age = current_app.config["PUBLIC_CACHE_SECONDS"]
    result.headers["Access-Control-Allow-Origin"] = "*"
    return result.make_conditional(request)
