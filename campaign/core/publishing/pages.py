"""The organizer's pages every kind of action has (petitions, letters): new, edit, open and close.

An `OrganizerPages` says what differs between kinds (the model, its form, its operations'
`apply`, the form's template, the words flashed) and adds the same four routes to the kind's
blueprint: `new_<noun>`, `edit_<noun>`, `open_<noun>` and `close_<noun>`, for editors. Each kind's
own pages (its list, its organizer page, the preview) stay in its organizer_views.
"""
from collections.abc import Callable
from dataclasses import dataclass

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user

from campaign.base.extensions import db
from campaign.base.forms import CloseForm
from campaign.base.i18n import N_
from campaign.core.accounts.access import EDITORS, role_required
from campaign.core.accounts.pages import attempt

from . import operations


@dataclass(frozen=True)
class OrganizerPages:
    model: type  # Publishable and Renamable (Petition, Letter); its NOUN names the routes and `<noun>_id`
    form: type  # its MultilingualForm: `<noun>_id=` the action edited; `fill(action)` shows its values
    apply: Callable  # the kind's operations.apply(action, form)
    slug_taken: Callable  # the kind's queries.slug_taken(slug)
    template: str  # the form's page, given `form` and the action as `<noun>` (None for a new one)
    page: str  # the endpoint of an action's organizer page
    created: str  # flashed when a new draft is saved (each marked with N_, translated when flashed)
    opened: str  # flashed when it opens
    closed: str  # flashed when it closes

    def add_to(self, bp, new_rule, action_rule):
        """Add the four routes to `bp`: `new_rule`, and `action_rule` (with `<int:<noun>_id>`)
        followed by /edit, /open and /close."""
        routes = [(new_rule, "new", self.new), (f"{action_rule}/edit", "edit", self.edit),
                  (f"{action_rule}/open", "open", self.open), (f"{action_rule}/close", "close", self.close)]
        for rule, name, view in routes:
            methods = ["POST"] if name in ("open", "close") else ["GET", "POST"]
            bp.add_url_rule(rule, f"{name}_{self.model.NOUN}", role_required(EDITORS)(view), methods=methods)

    def new(self):
        return self._form_page(self.form(), None, self.created, lambda form: operations.create(
            self.model, form, current_user, self.apply, self.slug_taken))

    def edit(self, **ids):
        action = self._load(ids)
        form = self.form(obj=action, **ids)
        if request.method == "GET":
            form.fill(action)
        return self._form_page(form, action, N_("Your changes are saved."),
                               lambda form: operations.update(action, form, self.apply))

    def open(self, **ids):
        action = self._load(ids)
        attempt(action.open, lambda _: gettext(self.opened))
        return redirect(url_for(self.page, **ids))

    def close(self, **ids):
        """Close now, once "Yes, close it" is ticked: a press of the button alone changes nothing."""
        action = self._load(ids)
        if CloseForm().confirm.data:
            attempt(action.close, lambda _: gettext(self.closed))
        else:
            flash(self.model.said("tick to close"), "error")
        return redirect(url_for(self.page, **ids))

    def _load(self, ids):
        return db.get_or_404(self.model, ids[f"{self.model.NOUN}_id"])

    def _form_page(self, form, action, said, save):
        """A valid POST saves (`save(form)`), commits and goes to the action's page; else the form,
        422 with its errors."""
        if form.validate_on_submit():
            action = save(form)
            db.session.commit()
            flash(gettext(said), "success")
            return redirect(url_for(self.page, **{f"{self.model.NOUN}_id": action.id}))
        return render_template(self.template, form=form, **{self.model.NOUN: action}), 422 if form.errors else 200
