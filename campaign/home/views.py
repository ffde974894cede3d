"""The home page: what people can sign now."""
from flask import Blueprint, render_template

from ..petitions import queries as petition_queries
from ..petitions.goals import displayed_goal
from ..signatures import tallies

bp = Blueprint("home", __name__)


@bp.get("/")
def index():
    petitions = petition_queries.listed()
    counts = tallies.totals([petition.id for petition in petitions])
    items = [
        (petition, counts[petition.id], displayed_goal(petition.goal, counts[petition.id])) for petition in petitions
    ]
    return render_template("home/index.html", items=items)
