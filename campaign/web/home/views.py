"""The home page: what people can sign now, petitions and letters, newest first; and the site's icon."""
from flask import Blueprint, current_app, render_template, send_from_directory

from campaign.core.letters import queries as letter_queries
from campaign.core.petitions import queries as petition_queries
from campaign.core.petitions.goals import displayed_goal
from campaign.core.signatures import tallies

bp = Blueprint("home", __name__)


@bp.get("/")
def index():
    petitions = petition_queries.listed()
    counts = tallies.totals([petition.id for petition in petitions])
    items = [
        (petition, counts[petition.id], displayed_goal(petition.goal, counts[petition.id])) for petition in petitions
    ]
    letters = [(letter, letter_queries.signatories(letter)) for letter in letter_queries.listed()]
    # One list, newest first, whatever the kind of action.
    actions = [("petition", item[0].opened_at, item) for item in items] + \
              [("letter", item[0].opened_at, item) for item in letters]
    actions.sort(key=lambda action: action[1], reverse=True)
    return render_template("home/index.html", actions=[(kind, item) for kind, _, item in actions])


@bp.get("/favicon.ico")
def favicon():
    """The site's icon where browsers look for it unasked (pages link the SVG and this one)."""
    return send_from_directory(current_app.static_folder, "img/favicon.ico", max_age=86400)
