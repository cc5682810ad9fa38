"""Pages everyone can read: front page, accessibility statement, privacy, contact."""
from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user

bp = Blueprint("pages", __name__)


@bp.route("/")
def home():
    if current_user.is_authenticated:
        return redirect(url_for("plan.index" if current_user.kind == "citizen" else "caseworker.today"))
    return redirect(url_for("auth.login"))


@bp.route("/tilgaengelighed")
def accessibility():
    return render_template("pages/accessibility.html")


@bp.route("/privatliv")
def privacy():
    return render_template("pages/privacy.html")


@bp.route("/kontakt")
def contact():
    return render_template("pages/contact.html")
