"""Share cards of public actions, as PNG: what a link shows when it is shared."""
from flask import Blueprint, current_app

from campaign.base import caches, slugs
from campaign.core.letters import queries as letter_queries
from campaign.core.petitions import queries as petition_queries
from campaign.core.petitions.goals import displayed_goal
from campaign.core.signatures import tallies

from . import cards

bp = Blueprint("cards", __name__)
# A card is drawn once per title and count (a few tens of milliseconds) and kept a while.
_drawn = caches.for_seconds(600, maxsize=256)


def _png(key, draw):
    body = _drawn.get(key, draw)
    response = current_app.response_class(body, mimetype="image/png")
    response.cache_control.public = True
    response.cache_control.max_age = 300
    return response


def petition_card_numbers(petition):
    """(count line, share of the goal) for a petition's card and its og:description."""
    count = tallies.by_region(petition.id)[1]
    goal = displayed_goal(petition.goal, count)
    line = f"{count:,} {'signature' if count == 1 else 'signatures'} of {goal:,}"
    return line, (count / goal if goal else None)


@bp.get("/petitions/<slug>/card.png")
def petition(slug):
    found = slugs.public(petition_queries.by_slug(slug))
    line, progress = caches.remembered(("petition-card", slug), lambda: petition_card_numbers(found))
    site = current_app.config["SITE_NAME"]
    return _png(("petition", found.id, found.title, line, site),
                lambda: cards.render("Petition", found.title, line, site, progress))


@bp.get("/letters/<slug>/card.png")
def letter(slug):
    found = slugs.public(letter_queries.by_slug(slug))
    line = letter_queries.signatories(found).count_line
    site = current_app.config["SITE_NAME"]
    return _png(("letter", found.id, found.title, line, site),
                lambda: cards.render("Sign-on letter", found.title, line, site))


