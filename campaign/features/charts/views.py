"""Share cards of public actions, as PNG: what a link shows when it is shared. A card is in its
page's language (`?lang=es`, which the page's og:image carries; else the cookie, the browser's
Accept-Language, the action's default language): "1.234 firmas de 2.000" for a Spanish reader."""
from flask import Blueprint, current_app
from flask_babel import gettext as _

from campaign.base import caches, i18n, slugs
from campaign.base.plurals import counted
from campaign.core.letters import queries as letter_queries
from campaign.core.multilingual import for_reader
from campaign.core.petitions import queries as petition_queries
from campaign.core.petitions.goals import displayed_goal
from campaign.core.signatures import tallies

from . import cards

bp = Blueprint("cards", __name__)
# A card is drawn once per title and count (a few tens of milliseconds) and kept a while.
_drawn = caches.for_seconds(600, maxsize=256)


def _png(key, draw):
    body = _drawn.get((*key, i18n.language()), draw)
    response = current_app.response_class(body, mimetype="image/png")
    response.cache_control.public = True
    response.cache_control.max_age = 300
    response.vary.update(("Accept-Language", "Cookie"))  # without ?lang=, the reader's language
    return response


def petition_card_numbers(petition):
    """(count line, share of the goal) for a petition's card, in the language being used:
    "1,234 signatures of 2,000", "1.234 firmas de 2.000"."""
    count = tallies.by_region(petition.id)[1]
    goal = displayed_goal(petition.goal, count)
    line = counted(count, "%(num)s signature of %(goal)s", "%(num)s signatures of %(goal)s", goal=i18n.number(goal))
    return line, (count / goal if goal else None)


@bp.get("/petitions/<slug>/card.png")
def petition(slug):
    found = slugs.public(petition_queries.by_slug(slug))
    title = for_reader(found).title
    line, progress = caches.remembered(("petition-card", slug, i18n.language()), lambda: petition_card_numbers(found))
    site = current_app.config["SITE_NAME"]
    return _png(("petition", found.id, title, line, site),
                lambda: cards.render(_("Petition"), title, line, site, progress))


@bp.get("/letters/<slug>/card.png")
def letter(slug):
    found = slugs.public(letter_queries.by_slug(slug))
    title = for_reader(found).title
    line = letter_queries.signatories(found).count_line
    site = current_app.config["SITE_NAME"]
    return _png(("letter", found.id, title, line, site),
                lambda: cards.render(_("Sign-on letter"), title, line, site))


