"""Every URL the app builds is on BASE_URL, never on the request's Host or X-Forwarded-Host.

A page, a share link, an `og:url`, a mail's link and the API's `_links` come from `url_for`, and
`url_for` builds on the app's URL adapter. `BaseURLFlask` binds that adapter, in a request or
outside one, to BASE_URL's scheme, host and path, so `url_for(..., _external=True)` cannot carry a
forged header into a page that the shared copies (campaign.web.public_cache) then serve to everyone.
The request's path is still what is matched. Requests for a host that is neither BASE_URL's nor
one of TRUSTED_HOSTS are refused with 400 by Flask's own TRUSTED_HOSTS check, before any view.
"""
import logging
from urllib.parse import urlsplit

from flask import Flask, has_request_context
from flask.globals import request_ctx
from werkzeug.exceptions import BadRequest, SecurityError

log = logging.getLogger(__name__)


def base_url_host(config):
    """The host name (without port) of BASE_URL."""
    return urlsplit(config["BASE_URL"]).hostname or ""


def trusted_hosts(config):
    """BASE_URL's host and the extra names of TRUSTED_HOSTS, for Flask's TRUSTED_HOSTS check."""
    names = [base_url_host(config), *(config.get("TRUSTED_HOSTS") or [])]
    return list(dict.fromkeys(name for name in names if name))


class BaseURLFlask(Flask):
    """Flask whose URL adapter builds every URL, relative or absolute, on BASE_URL."""

    def create_url_adapter(self, request):
        """Match the request's path (after Flask's TRUSTED_HOSTS check); build on BASE_URL."""
        base = urlsplit(self.config["BASE_URL"])
        if request is None:
            return self.url_map.bind(base.netloc, script_name=base.path or "/", url_scheme=base.scheme)
        try:
            adapter = super().create_url_adapter(request)
        except SecurityError:
            log.warning("refused a request for a host that is neither BASE_URL's nor in TRUSTED_HOSTS")
            raise BadRequest("This site does not answer at the address you used.") from None
        adapter.server_name, adapter.script_name, adapter.url_scheme = base.netloc, base.path or "/", base.scheme
        return adapter

    def url_for(self, endpoint, **values):
        """`Flask.url_for`; on the error page of a refused host too, which has no adapter of its own."""
        if has_request_context() and request_ctx.url_adapter is None:
            request_ctx.url_adapter = self.create_url_adapter(None)
        return super().url_for(endpoint, **values)
