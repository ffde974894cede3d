"""What the sign-on pages of organizations and letters share: the logo upload's body limit and
its error page, and the moderation queue's page."""
from flask import current_app, render_template, request
from flask_babel import gettext as _

from campaign.base.forms import Form
from campaign.base.i18n import number
from campaign.core.abuse.door import REASONS

from . import queries


def allow_logo_upload():
    """Let this request carry a logo: the site's usual body limit is smaller than a logo may be."""
    request.max_content_length = current_app.config["LOGO_MAX_BYTES"] + 256 * 1024


def upload_too_large(error):
    """A body too large to read at all: say so clearly (the form cannot be shown again)."""
    limit = current_app.config["LOGO_MAX_BYTES"] // 1024
    message = _("The logo is too large: it must be at most %(size)s KB. Go back and choose a smaller file.",
                size=number(limit))
    return render_template("error.html", code=413, title=_("The logo is too large"), message=message), 413


def queue_page(title, back, organizations, individuals=()):
    """The moderation queue of a letter or petition, likely duplicates marked."""
    return render_template(
        "organizations/queue.html",
        title=title,
        back=back,
        organizations=organizations,
        individuals=individuals,
        duplicates=queries.duplicates(organizations),
        reasons=REASONS,
        action_form=Form(),
    )
