"""campaign: petitions, coalition sign-on letters and delivery of their results."""
from werkzeug.middleware.proxy_fix import ProxyFix

import config as default_config
from campaign.base import i18n, localtime, plurals, request_values, sqlite, urls
from campaign.base.extensions import (  # campaign.base.mail is a package
    csrf,
    db,
    limiter,
    login_manager,
    mail as flask_mail,
    migrate,
)
from campaign.base.mail import dkim
from campaign.web import errors, hardening, public_cache


def create_app(config=None):
    """Build the app. `config` is a config class or mapping; by default CAMPAIGN_ENV picks one."""
    app = urls.BaseURLFlask(
        __name__,
        template_folder=str(default_config.ROOT / "templates"),
        static_folder=str(default_config.ROOT / "static"),
        instance_path=str(default_config.INSTANCE),
        instance_relative_config=False,
    )
    app.config.from_object(default_config.from_environment())
    if isinstance(config, dict):
        app.config.update(config)
    elif config is not None:
        app.config.from_object(config)
    _refuse_unsafe_production(app)
    dkim.init_app(app)  # refuses to start with a partial or unusable DKIM setting
    app.config["TRUSTED_HOSTS"] = urls.trusted_hosts(app.config)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(default_config.ROOT / "migrations"))
    flask_mail.init_app(app)
    csrf.init_app(app)
    login_manager.init_app(app)
    limiter.init_app(app)
    i18n.init_app(app)
    with app.app_context():
        sqlite.configure(db.engine)
    app.wsgi_app = public_cache.SharedResponses(app, app.wsgi_app)
    if app.config["TRUSTED_PROXY_COUNT"]:
        count = app.config["TRUSTED_PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)

    from campaign.base.mail.suppressions import undeliverable
    from campaign.base.outbox import commands as outbox_commands, worker
    from campaign.core.accounts import commands as account_commands, views as account_views
    from campaign.core.geo import commands as geo_commands
    from campaign.core.letters import organizer_views as letter_organizer_views, views as letter_views
    from campaign.core.organizations import views as organization_views
    from campaign.core.petitions import organizer_views, views as petition_views
    from campaign.core.signatures import commands as signature_commands, views as signature_views
    from campaign.core.targets import commands as target_commands, views as target_views
    from campaign.features.alerts import commands as alert_commands, views as alert_views
    from campaign.features.api import organizer_views as api_organizer_views, views as api_views
    from campaign.features.charts import views as chart_views
    from campaign.features.deliverability import commands as mail_commands, views as mail_views
    from campaign.features.deliveries import commands as delivery_commands, views as delivery_views
    from campaign.features.demo import commands as demo_commands
    from campaign.features.embeds import views as embed_views
    from campaign.features.exports import views as export_views
    from campaign.features.invalidation import views as security_views
    from campaign.features.partners import views as partner_views
    from campaign.features.privacy import commands as privacy_commands, views as privacy_views
    from campaign.features.sharing import views as sharing_views
    from campaign.features.updates import commands as update_commands, views as update_views
    from campaign.features.waiting import waiting_for_moderation
    from campaign.features.webhooks import commands as webhook_commands, views as webhook_views
    from campaign.web.home import views as home_views

    from . import models  # noqa: F401  (every table known to Alembic and `flask shell`)

    request_values.register(app)
    for blueprint in (
        home_views.bp,
        petition_views.bp,
        signature_views.bp,
        account_views.bp,
        organizer_views.bp,
        letter_views.bp,
        letter_organizer_views.bp,
        organization_views.bp,
        partner_views.bp,
        target_views.bp,
        delivery_views.bp,
        security_views.bp,
        export_views.bp,
        privacy_views.bp,
        api_views.bp,
        api_organizer_views.bp,
        embed_views.bp,
        chart_views.bp,
        mail_views.bp,
        webhook_views.bp,
        update_views.bp,
        sharing_views.bp,
        alert_views.bp,
    ):
        app.register_blueprint(blueprint)
    for group in (account_commands.group, outbox_commands.group, demo_commands.group, geo_commands.group,
                  target_commands.group, delivery_commands.group, signature_commands.group,
                  privacy_commands.group, mail_commands.group, webhook_commands.group,
                  update_commands.group, alert_commands.group):
        app.cli.add_command(group)
    # Each registers its kinds of email with the outbox, or its kind of action with deliveries.
    from campaign.core.letters import sign_on_emails  # noqa: F401
    from campaign.core.signatures import emails as signature_emails  # noqa: F401
    from campaign.features.alerts import emails as alert_emails  # noqa: F401
    from campaign.features.deliveries import emails as delivery_emails, letter_action  # noqa: F401
    from campaign.features.partners import emails as partner_emails  # noqa: F401
    from campaign.features.updates import emails as update_emails  # noqa: F401
    from campaign.features.webhooks import emails as webhook_emails, operations as webhook_operations  # noqa: F401  (and events)

    errors.register(app)
    hardening.init_app(app)
    app.jinja_env.globals["site_name"] = app.config["SITE_NAME"]
    app.jinja_env.globals["waiting_for_moderation"] = waiting_for_moderation  # the menu's count
    app.jinja_env.globals["undeliverable"] = undeliverable  # signers whose mailbox is suppressed
    app.jinja_env.filters["local_time"] = localtime.format_local
    app.jinja_env.filters["local_day"] = localtime.format_day
    app.jinja_env.globals["counted"] = plurals.counted

    if app.config["OUTBOX_INLINE_WORKER"]:
        worker.run_inline(app)
    return app


def _refuse_unsafe_production(app):
    """Outside development and testing, refuse to start with the development SECRET_KEY, or
    without MAIL_SERVER: without it, mail with live links would be written to files and printed."""
    if app.config["ENV_NAME"] in default_config.DEVELOPER_ENVIRONMENTS:
        return
    problems = []
    if app.config["SECRET_KEY"] == default_config.DEVELOPMENT_SECRET_KEY or not app.config["SECRET_KEY"]:
        problems.append(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long random value "
            "(python -c 'import secrets; print(secrets.token_hex(32))')."
        )
    if not app.config["MAIL_SERVER"]:
        problems.append(
            "MAIL_SERVER is not set. Set MAIL_SERVER (and MAIL_PORT, MAIL_USE_TLS, MAIL_USERNAME, "
            "MAIL_PASSWORD) to your SMTP server: in production mail is never written to files."
        )
    if problems:
        raise RuntimeError(" ".join(problems) + f" (CAMPAIGN_ENV is {app.config['ENV_NAME']!r}; on a "
                           "developer's machine set CAMPAIGN_ENV=development.)")
