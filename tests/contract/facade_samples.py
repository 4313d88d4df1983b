"""One realistic call of every public facade method, keyed by ``"attribute.method"`` (``facade_index`` names).

Each sample takes a client (``Mailgun`` or ``AsyncMailgun``) and returns what the method returns: a result, an
awaitable, a pager or a batch result (``facade_contract.drive`` consumes each). Arguments are what a user would
pass: valid for the facade's own checks and, the contract suite asserts, for Mailgun's spec as Prism reads it.

Requests never leave the client's base URL: stored-message calls get a domain and a storage key (a storage URL
would route them to a ``*.mailgun.net`` storage host).
"""

from __future__ import annotations

import datetime as dt
import email.message
import io
from collections.abc import Callable
from typing import Any

UTC = dt.timezone.utc
DOMAIN = "example.com"
LIST = "developers@lists.example.com"
MEMBER = "ada@example.org"
IP1, IP2, IP3 = "192.0.2.10", "192.0.2.11", "192.0.2.12"
POOL = "68d17866ba9d5506cbc2e277"
POOL2 = "68d17866ba9d5506cbc2e278"
SUBACCOUNT = "646d00a1b32c35364a2ad34f"
ROUTE = "5f1e0b5c8c4e2b0001a2b3c4"
STORAGE_KEY = "BAABAQVQnsoroq1AQ0FJBZ_w1dnFxPqpYQ"
START = dt.datetime(2025, 3, 1, tzinfo=UTC)
END = dt.datetime(2025, 3, 2, tzinfo=UTC)
CSV = b"address,name\nalice@example.org,Alice\nbob@example.org,Bob\n"
ALERT: dict[str, Any] = {
    "metric": "hard_bounce_rate",
    "comparator": ">",
    "limit": 0.05,
    "dimension": "domain",
    "alert_channels": ["email", "webhook"],
    "filters": [{"dimension": "domain", "comparator": "=", "values": ["example.com"]}],
    "period": "1h",
    "description": "Hard bounces above 5%",
}
ANALYTICS_FILTER = {"AND": [{"attribute": "domain", "comparator": "=", "values": [{"label": DOMAIN, "value": DOMAIN}]}]}
BOUNCE_FILTER = {"AND": [{"attribute": "domain.name", "comparator": "=", "values": [{"value": DOMAIN}]}]}


def _mime() -> bytes:
    message = email.message.EmailMessage()
    message["From"] = "Sender <sender@example.com>"
    message["To"] = "ann@example.org"
    message["Subject"] = "Your March invoice"
    message.set_content("Hello Ann,\n\nyour invoice is attached.\n")
    message.add_attachment(b"%PDF-1.4\n", maintype="application", subtype="pdf", filename="invoice.pdf")
    return message.as_bytes()


def _attachments() -> list[Any]:
    return [
        ("invoice.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "application/pdf"),
        ("notes.txt", io.BytesIO(b"Thanks for your order.\n")),
    ]


SEND: dict[str, Any] = {
    "from_": "Sender <sender@example.com>",
    "to": ["ann@example.org", "Bob <bob@example.org>"],
    "cc": "carol@example.org",
    "bcc": ["dave@example.org"],
    "subject": "Your March invoice",
    "text": "Hello,\n\nyour invoice is attached.\n",
    "html": '<p>Hello,</p><p>your invoice is attached.</p><img src="cid:logo.png">',
    "tags": ["invoice", "march"],
    "headers": {"X-Campaign": "invoices-2025-03"},
    "variables": {"customer_id": 42},
    "deliver_at": dt.datetime(2025, 3, 1, 9, 30, tzinfo=UTC),
    "test_mode": True,
    "tracking": True,
    "tracking_clicks": "htmlonly",
    "tracking_opens": True,
    "require_tls": True,
    "skip_verification": False,
}

Sample = Callable[[Any], Any]

SAMPLES: dict[str, Sample] = {
    # -- domains
    "domains.list": lambda c: c.domains.list(state="active", sort="name:asc", search="example", limit=10),
    "domains.get": lambda c: c.domains.get(DOMAIN),
    "domains.create": lambda c: c.domains.create(
        "news.example.com",
        spam_action="tag",
        wildcard=False,
        web_scheme="https",
        dkim_key_size="2048",
        force_dkim_authority=True,
        require_tls=True,
    ),
    "domains.update": lambda c: c.domains.update(DOMAIN, spam_action="block", web_scheme="https", require_tls=True),
    "domains.verify": lambda c: c.domains.verify(DOMAIN),
    "domains.delete": lambda c: c.domains.delete("news.example.com"),
    # -- analytics
    "logs.list": lambda c: c.logs.list(
        start=START, end=END, events=["delivered", "failed"], filter=ANALYTICS_FILTER, include_totals=True, limit=10
    ),
    "metrics.query": lambda c: c.metrics.query(
        metrics=["accepted_count", "delivered_count"],
        start=START,
        end=END,
        resolution="day",
        dimensions="time",
        filter=ANALYTICS_FILTER,
        include_aggregates=True,
    ),
    "metrics.usage": lambda c: c.metrics.usage(metrics=["processed_count"], start=START, end=END, resolution="day"),
    "tags.list": lambda c: c.tags.list(tag="invoice", include_metrics=True, limit=10),
    "tags.update": lambda c: c.tags.update("invoice", description="Monthly invoices"),
    "tags.delete": lambda c: c.tags.delete("invoice"),
    "tags.limits": lambda c: c.tags.limits(),
    "events.list": lambda c: c.events.list(DOMAIN, begin=START, end=END, event="delivered", limit=10),
    "stats.totals": lambda c: c.stats.totals(["accepted", "delivered"], start=START, end=END, resolution="day"),
    "stats.domain_totals": lambda c: c.stats.domain_totals(DOMAIN, "delivered", duration="1m"),
    "stats.totals_by_domain": lambda c: c.stats.totals_by_domain("delivered", timestamp=START, limit=10),
    "stats.filtered": lambda c: c.stats.filtered("delivered", filter="domain:example.com", group="tag"),
    "stats.providers": lambda c: c.stats.providers(DOMAIN),
    "stats.devices": lambda c: c.stats.devices(DOMAIN),
    "stats.countries": lambda c: c.stats.countries(DOMAIN),
    "tags_v3.list": lambda c: c.tags_v3.list(DOMAIN, prefix="inv", limit=10),
    "tags_v3.get": lambda c: c.tags_v3.get(DOMAIN, "invoice"),
    "tags_v3.update": lambda c: c.tags_v3.update(DOMAIN, "invoice", description="Monthly invoices"),
    "tags_v3.delete": lambda c: c.tags_v3.delete(DOMAIN, "invoice"),
    "tags_v3.stats": lambda c: c.tags_v3.stats(DOMAIN, "invoice", ["delivered", "opened"], resolution="day"),
    "tags_v3.aggregates": lambda c: c.tags_v3.aggregates(DOMAIN, "invoice", "countries"),
    "tags_v3.countries": lambda c: c.tags_v3.countries(DOMAIN),
    "tags_v3.devices": lambda c: c.tags_v3.devices(DOMAIN),
    "tags_v3.providers": lambda c: c.tags_v3.providers(DOMAIN),
    "tags_v3.limits": lambda c: c.tags_v3.limits(DOMAIN),
    # -- sending
    "messages.send": lambda c: c.messages.send(
        DOMAIN, **SEND, attachments=_attachments(), inline=[("logo.png", b"\x89PNG\r\n\x1a\n", "image/png")]
    ),
    "messages.send_mime": lambda c: c.messages.send_mime(
        DOMAIN, to="ann@example.org", mime=_mime(), tags=["invoice"], test_mode=True
    ),
    "messages.send_batch": lambda c: c.messages.send_batch(
        DOMAIN,
        recipients={"ann@example.org": {"first": "Ann"}, "bob@example.org": {"first": "Bob"}},
        from_="Sender <sender@example.com>",
        subject="Hello %recipient.first%",
        text="Hi %recipient.first%!",
        tags="newsletter",
        test_mode=True,
        chunk_size=1,
    ),
    "messages.get_stored": lambda c: c.messages.get_stored(DOMAIN, STORAGE_KEY),
    "messages.resend": lambda c: c.messages.resend(DOMAIN, STORAGE_KEY, to=["ann@example.org", "bob@example.org"]),
    "messages.cancel_scheduled": lambda c: c.messages.cancel_scheduled(DOMAIN),
    "messages.sending_queues": lambda c: c.messages.sending_queues(DOMAIN),
    # -- templates
    "templates.list": lambda c: c.templates.list(DOMAIN, limit=10),
    "templates.get": lambda c: c.templates.get(DOMAIN, "welcome", active=True),
    "templates.create": lambda c: c.templates.create(
        DOMAIN,
        "welcome",
        description="Welcome email",
        template="<p>Hello {{name}}</p>",
        engine="handlebars",
        tag="v1",
        comment="first version",
        headers={"Subject": "Welcome, {{name}}"},
    ),
    "templates.update": lambda c: c.templates.update(DOMAIN, "welcome", description="Welcome email, 2025 edition"),
    "templates.delete": lambda c: c.templates.delete(DOMAIN, "welcome"),
    "templates.delete_all": lambda c: c.templates.delete_all(DOMAIN),
    "templates.list_versions": lambda c: c.templates.list_versions(DOMAIN, "welcome", limit=10),
    "templates.get_version": lambda c: c.templates.get_version(DOMAIN, "welcome", "v1"),
    "templates.create_version": lambda c: c.templates.create_version(
        DOMAIN,
        "welcome",
        tag="v2",
        template="<p>Hi {{name}}</p>",
        engine="handlebars",
        comment="friendlier",
        active=True,
        headers={"Subject": "Hi {{name}}"},
    ),
    "templates.update_version": lambda c: c.templates.update_version(
        DOMAIN, "welcome", "v2", template="<p>Hi there {{name}}</p>", comment="approved", active=True
    ),
    "templates.delete_version": lambda c: c.templates.delete_version(DOMAIN, "welcome", "v1"),
    "templates.copy_version": lambda c: c.templates.copy_version(DOMAIN, "welcome", "v2", "v3", comment="copy"),
    # -- mailing lists
    "mailing_lists.list": lambda c: c.mailing_lists.list(limit=10),
    "mailing_lists.list_by_offset": lambda c: c.mailing_lists.list_by_offset(limit=10),
    "mailing_lists.get": lambda c: c.mailing_lists.get(LIST),
    "mailing_lists.create": lambda c: c.mailing_lists.create(
        LIST, name="Developers", description="Engineering", access_level="members", reply_preference="list"
    ),
    "mailing_lists.update": lambda c: c.mailing_lists.update(
        LIST, name="Developers (all)", access_level="readonly", reply_preference="sender"
    ),
    "mailing_lists.delete": lambda c: c.mailing_lists.delete(LIST),
    "mailing_lists.list_members": lambda c: c.mailing_lists.list_members(LIST, subscribed=True, limit=10),
    "mailing_lists.list_members_by_offset": lambda c: c.mailing_lists.list_members_by_offset(LIST, limit=10),
    "mailing_lists.get_member": lambda c: c.mailing_lists.get_member(LIST, MEMBER),
    "mailing_lists.add_member": lambda c: c.mailing_lists.add_member(
        LIST, MEMBER, name="Ada", vars={"team": "core", "since": 2019}, subscribed=True, upsert=True
    ),
    "mailing_lists.update_member": lambda c: c.mailing_lists.update_member(
        LIST, MEMBER, name="Ada L.", vars={"team": "platform"}, subscribed=False
    ),
    "mailing_lists.delete_member": lambda c: c.mailing_lists.delete_member(LIST, MEMBER),
    "mailing_lists.add_members": lambda c: c.mailing_lists.add_members(
        LIST, ["alice@example.org", {"address": "bob@example.org", "name": "Bob", "vars": {"age": 27}}], upsert=True
    ),
    "mailing_lists.import_members_csv": lambda c: c.mailing_lists.import_members_csv(
        LIST, CSV, subscribed=True, upsert=True
    ),
    # -- routes
    "routes.list": lambda c: c.routes.list(limit=10),
    "routes.get": lambda c: c.routes.get(ROUTE),
    "routes.create": lambda c: c.routes.create(
        expression='match_recipient("support@example.com")',
        actions=['forward("https://example.com/inbound")', "stop()"],
        priority=1,
        description="Support inbox",
    ),
    "routes.update": lambda c: c.routes.update(ROUTE, priority=2, description="Support inbox (priority)"),
    "routes.delete": lambda c: c.routes.delete(ROUTE),
    "routes.match": lambda c: c.routes.match("support@example.com"),
    # -- suppressions
    "bounces.list": lambda c: c.bounces.list(DOMAIN, term="alice", limit=10),
    "bounces.get": lambda c: c.bounces.get(DOMAIN, "alice@example.org"),
    "bounces.add": lambda c: c.bounces.add(
        DOMAIN, "alice@example.org", code=550, error="Mailbox does not exist", created_at=START
    ),
    "bounces.add_many": lambda c: c.bounces.add_many(
        DOMAIN, ["alice@example.org", {"address": "bob@example.org", "code": "550", "created_at": START}]
    ),
    "bounces.import_csv": lambda c: c.bounces.import_csv(DOMAIN, b"address,code\nalice@example.org,550\n"),
    "bounces.delete": lambda c: c.bounces.delete(DOMAIN, "alice@example.org"),
    "bounces.delete_all": lambda c: c.bounces.delete_all(DOMAIN),
    "unsubscribes.list": lambda c: c.unsubscribes.list(DOMAIN, limit=10),
    "unsubscribes.get": lambda c: c.unsubscribes.get(DOMAIN, "alice@example.org"),
    "unsubscribes.add": lambda c: c.unsubscribes.add(DOMAIN, "alice@example.org", tag="newsletter", created_at=START),
    "unsubscribes.add_many": lambda c: c.unsubscribes.add_many(
        DOMAIN, ["alice@example.org", {"address": "bob@example.org", "tags": ["newsletter", "promo"]}]
    ),
    "unsubscribes.import_csv": lambda c: c.unsubscribes.import_csv(DOMAIN, b"address,tags\nalice@example.org,*\n"),
    "unsubscribes.delete": lambda c: c.unsubscribes.delete(DOMAIN, "alice@example.org"),
    "unsubscribes.delete_all": lambda c: c.unsubscribes.delete_all(DOMAIN),
    "complaints.list": lambda c: c.complaints.list(DOMAIN, limit=10),
    "complaints.get": lambda c: c.complaints.get(DOMAIN, "alice@example.org"),
    "complaints.add": lambda c: c.complaints.add(DOMAIN, "alice@example.org", created_at=START),
    "complaints.add_many": lambda c: c.complaints.add_many(
        DOMAIN, ["alice@example.org", {"address": "bob@example.org", "created_at": START}]
    ),
    "complaints.import_csv": lambda c: c.complaints.import_csv(DOMAIN, b"address\nalice@example.org\n"),
    "complaints.delete": lambda c: c.complaints.delete(DOMAIN, "alice@example.org"),
    "complaints.delete_all": lambda c: c.complaints.delete_all(DOMAIN),
    "allowlist.list": lambda c: c.allowlist.list(DOMAIN, limit=10),
    "allowlist.get": lambda c: c.allowlist.get(DOMAIN, "alice@example.org"),
    "allowlist.add": lambda c: c.allowlist.add(DOMAIN, "partner.example.org", reason="trusted partner"),
    "allowlist.import_csv": lambda c: c.allowlist.import_csv(DOMAIN, b"address,domain\nalice@example.org,\n"),
    "allowlist.delete": lambda c: c.allowlist.delete(DOMAIN, "alice@example.org"),
    "allowlist.delete_all": lambda c: c.allowlist.delete_all(DOMAIN),
    # -- webhooks
    "webhooks.list": lambda c: c.webhooks.list(DOMAIN),
    "webhooks.get": lambda c: c.webhooks.get(DOMAIN, "delivered"),
    "webhooks.create": lambda c: c.webhooks.create(
        DOMAIN, "delivered", ["https://hooks.example.com/a", "https://hooks.example.com/b"]
    ),
    "webhooks.update": lambda c: c.webhooks.update(DOMAIN, "delivered", "https://hooks.example.com/c"),
    "webhooks.delete": lambda c: c.webhooks.delete(DOMAIN, "delivered"),
    "webhooks.create_for_events": lambda c: c.webhooks.create_for_events(
        DOMAIN, "https://hooks.example.com/a", ["clicked", "opened"]
    ),
    "webhooks.update_for_events": lambda c: c.webhooks.update_for_events(
        DOMAIN, "https://hooks.example.com/a", "opened"
    ),
    "webhooks.delete_urls": lambda c: c.webhooks.delete_urls(
        DOMAIN, ["https://hooks.example.com/a", "https://hooks.example.com/b"]
    ),
    "webhooks.signing_key": lambda c: c.webhooks.signing_key(),
    "webhooks.regenerate_signing_key": lambda c: c.webhooks.regenerate_signing_key(),
    # -- domain keys and tracking
    "domain_keys.list": lambda c: c.domain_keys.list(signing_domain=DOMAIN, limit=10),
    "domain_keys.for_domain": lambda c: c.domain_keys.for_domain(DOMAIN),
    "domain_keys.create": lambda c: c.domain_keys.create(DOMAIN, "s2025", bits=2048),
    "domain_keys.delete": lambda c: c.domain_keys.delete(DOMAIN, "s2024"),
    "domain_keys.activate": lambda c: c.domain_keys.activate(DOMAIN, "s2025"),
    "domain_keys.deactivate": lambda c: c.domain_keys.deactivate(DOMAIN, "s2024"),
    "domain_keys.set_authority": lambda c: c.domain_keys.set_authority("news.example.com", self_authority=True),
    "domain_keys.set_selector": lambda c: c.domain_keys.set_selector(DOMAIN, selector="s2025"),
    "domain_keys.rotate": lambda c: c.domain_keys.rotate(DOMAIN),
    "domain_keys.set_rotation": lambda c: c.domain_keys.set_rotation(DOMAIN, enabled=True, interval="120h"),
    "tracking.get": lambda c: c.tracking.get(DOMAIN),
    "tracking.update_open": lambda c: c.tracking.update_open(DOMAIN, active=True, place_at_the_top=True),
    "tracking.update_click": lambda c: c.tracking.update_click(DOMAIN, active="htmlonly"),
    "tracking.update_unsubscribe": lambda c: c.tracking.update_unsubscribe(
        DOMAIN,
        active=True,
        html_footer='<p><a href="%unsubscribe_url%">Unsubscribe</a></p>',
        text_footer="Unsubscribe: %unsubscribe_url%",
    ),
    "tracking.certificate_status": lambda c: c.tracking.certificate_status("email.example.com"),
    "tracking.generate_certificate": lambda c: c.tracking.generate_certificate("email.example.com"),
    "tracking.regenerate_certificate": lambda c: c.tracking.regenerate_certificate("email.example.com"),
    # -- IPs
    "ips.list": lambda c: c.ips.list(dedicated=True, enabled=True),
    "ips.get": lambda c: c.ips.get(IP1),
    "ips.list_domains": lambda c: c.ips.list_domains(IP1, search="example", limit=10),
    "ips.assign_to_all_domains": lambda c: c.ips.assign_to_all_domains(IP2),
    "ips.remove_from_all_domains": lambda c: c.ips.remove_from_all_domains(IP1, alternative=IP2),
    "ips.remove_from_domain": lambda c: c.ips.remove_from_domain(DOMAIN, IP1, replacement_ip=IP2),
    "ips.remove_from_domain_pool": lambda c: c.ips.remove_from_domain_pool(DOMAIN, IP1, replacement_pool_id=POOL2),
    "ips.request_dedicated": lambda c: c.ips.request_dedicated(),
    "ips.allowance": lambda c: c.ips.allowance(),
    "ips.set_band": lambda c: c.ips.set_band(IP1, band="band-a"),
    "ip_pools.list": lambda c: c.ip_pools.list(),
    "ip_pools.get": lambda c: c.ip_pools.get(POOL),
    "ip_pools.create": lambda c: c.ip_pools.create("transactional", description="Transactional mail", ips=[IP1, IP2]),
    "ip_pools.update": lambda c: c.ip_pools.update(
        POOL, name="transactional", description="All mail", add_ips=IP3, link_domains=[DOMAIN]
    ),
    "ip_pools.delete": lambda c: c.ip_pools.delete(POOL, replacement_pool_id=POOL2),
    "ip_pools.add_ip": lambda c: c.ip_pools.add_ip(POOL, IP3),
    "ip_pools.add_ips": lambda c: c.ip_pools.add_ips(POOL, [IP1, IP3]),
    "ip_pools.remove_ip": lambda c: c.ip_pools.remove_ip(POOL, IP2),
    "ip_pools.list_domains": lambda c: c.ip_pools.list_domains(POOL, limit=10),
    "dynamic_ip_pools.get": lambda c: c.dynamic_ip_pools.get(),
    "dynamic_ip_pools.set_all": lambda c: c.dynamic_ip_pools.set_all(
        good_reputation=[IP1], poor_reputation=IP2, new_senders=[IP3]
    ),
    "dynamic_ip_pools.delete_all": lambda c: c.dynamic_ip_pools.delete_all(),
    "dynamic_ip_pools.update": lambda c: c.dynamic_ip_pools.update("dynamic_good", add_ips=[IP2], remove_ips=IP3),
    "dynamic_ip_pools.add_ip": lambda c: c.dynamic_ip_pools.add_ip("dynamic_new", IP3),
    "dynamic_ip_pools.enroll": lambda c: c.dynamic_ip_pools.enroll(DOMAIN, replacement_ip=IP1),
    "dynamic_ip_pools.unenroll": lambda c: c.dynamic_ip_pools.unenroll(DOMAIN, replacement_ip=[IP1, IP2]),
    "dynamic_ip_pools.enroll_all": lambda c: c.dynamic_ip_pools.enroll_all(include_subaccounts=True),
    "dynamic_ip_pools.list_assignable": lambda c: c.dynamic_ip_pools.list_assignable(domain="example"),
    "dynamic_ip_pools.list_domains": lambda c: c.dynamic_ip_pools.list_domains(
        pools=["dynamic_good"], sort_by="bounce_rate", sort_order="descending", limit=10
    ),
    "dynamic_ip_pools.list_history": lambda c: c.dynamic_ip_pools.list_history(
        domain=DOMAIN, after=START, before=END, limit=10
    ),
    "dynamic_ip_pools.domain_history": lambda c: c.dynamic_ip_pools.domain_history(DOMAIN),
    "dynamic_ip_pools.preview": lambda c: c.dynamic_ip_pools.preview(DOMAIN),
    "dynamic_ip_pools.override": lambda c: c.dynamic_ip_pools.override(DOMAIN, pool="dynamic_good"),
    "dynamic_ip_pools.remove_override": lambda c: c.dynamic_ip_pools.remove_override(DOMAIN),
    "ip_warmups.list": lambda c: c.ip_warmups.list(limit=10),
    "ip_warmups.get": lambda c: c.ip_warmups.get(IP1),
    "ip_warmups.create": lambda c: c.ip_warmups.create(IP2),
    "ip_warmups.cancel": lambda c: c.ip_warmups.cancel(IP2),
    # -- account
    "subaccounts.list": lambda c: c.subaccounts.list(filter="acme", enabled=True, sort="asc", limit=10),
    "subaccounts.get": lambda c: c.subaccounts.get(SUBACCOUNT),
    "subaccounts.create": lambda c: c.subaccounts.create("acme-eu"),
    "subaccounts.enable": lambda c: c.subaccounts.enable(SUBACCOUNT),
    "subaccounts.disable": lambda c: c.subaccounts.disable(SUBACCOUNT, reason="billing", note="see ticket 42"),
    "subaccounts.delete": lambda c: c.subaccounts.delete(SUBACCOUNT),
    "subaccounts.update_features": lambda c: c.subaccounts.update_features(SUBACCOUNT, sending=True, validations=False),
    "subaccounts.get_sending_limit": lambda c: c.subaccounts.get_sending_limit(SUBACCOUNT),
    "subaccounts.set_sending_limit": lambda c: c.subaccounts.set_sending_limit(SUBACCOUNT, limit=20000),
    "subaccounts.delete_sending_limit": lambda c: c.subaccounts.delete_sending_limit(SUBACCOUNT),
    "subaccounts.list_ip_pools": lambda c: c.subaccounts.list_ip_pools(),
    "subaccounts.assign_ip_pool": lambda c: c.subaccounts.assign_ip_pool(SUBACCOUNT, pool_id=POOL),
    "subaccounts.revoke_ip_pool": lambda c: c.subaccounts.revoke_ip_pool(SUBACCOUNT, pool_id=POOL),
    "api_keys.list": lambda c: c.api_keys.list(domain_name=DOMAIN, kind="domain"),
    "api_keys.create": lambda c: c.api_keys.create(
        role="sending", kind="domain", domain_name=DOMAIN, description="CI sender", expiration=86400
    ),
    "api_keys.delete": lambda c: c.api_keys.delete("e2153fd0-e0277777"),
    "api_keys.regenerate_public_key": lambda c: c.api_keys.regenerate_public_key(),
    "credentials.list": lambda c: c.credentials.list(DOMAIN, limit=10),
    "credentials.create": lambda c: c.credentials.create(DOMAIN, "alice", password="s3cret-Passw0rd"),
    "credentials.update": lambda c: c.credentials.update(DOMAIN, "alice", password="n3w-Passw0rd"),
    "credentials.delete": lambda c: c.credentials.delete(DOMAIN, "alice"),
    "credentials.delete_all": lambda c: c.credentials.delete_all(DOMAIN),
    "ip_allowlist.list": lambda c: c.ip_allowlist.list(),
    "ip_allowlist.add": lambda c: c.ip_allowlist.add("10.11.11.111", description="OnPrem Server"),
    "ip_allowlist.update": lambda c: c.ip_allowlist.update("10.11.11.111", description="OnPrem Server 1"),
    "ip_allowlist.delete": lambda c: c.ip_allowlist.delete("10.11.11.111"),
    "users.list": lambda c: c.users.list(role="admin", limit=10),
    "users.get": lambda c: c.users.get("5f1e0b5c8c4e2b0001a2b3c5"),
    "users.me": lambda c: c.users.me(),
    "account.update": lambda c: c.account.update(
        name="Acme Corp", inactive_session_timeout=3600, absolute_session_timeout=86400
    ),
    "account.resend_activation_email": lambda c: c.account.resend_activation_email(),
    "account.list_sandbox_recipients": lambda c: c.account.list_sandbox_recipients(),
    "account.add_sandbox_recipient": lambda c: c.account.add_sandbox_recipient("bob@example.com"),
    "account.delete_sandbox_recipient": lambda c: c.account.delete_sandbox_recipient("bob@example.com"),
    "message_limits.get": lambda c: c.message_limits.get(),
    "message_limits.set": lambda c: c.message_limits.set(limit=50000),
    "message_limits.delete": lambda c: c.message_limits.delete(),
    "message_limits.enable": lambda c: c.message_limits.enable(),
    "alerts.list": lambda c: c.alerts.list(),
    "alerts.get": lambda c: c.alerts.get("bounces"),
    "alerts.create": lambda c: c.alerts.create("bounces", **ALERT),
    "alerts.update": lambda c: c.alerts.update("bounces", **{**ALERT, "limit": 0.08}),
    "alerts.delete": lambda c: c.alerts.delete("bounces"),
    "alerts.hits": lambda c: c.alerts.hits(),
    "bounce_classification.metrics": lambda c: c.bounce_classification.metrics(
        start=START,
        end=END,
        resolution="day",
        dimensions=["entity-name", "domain.name"],
        metrics=["critical_bounce_count", "critical_bounce_rate"],
        filter=BOUNCE_FILTER,
        sort="entity-name:asc",
        limit=10,
    ),
    "bounce_classification.stats": lambda c: c.bounce_classification.stats(group="domain.name", limit=5),
    "bounce_classification.list_domains": lambda c: c.bounce_classification.list_domains(
        query="domain.name:example.com", limit=10
    ),
    "bounce_classification.domain_entities": lambda c: c.bounce_classification.domain_entities(DOMAIN),
    "bounce_classification.entity_rules": lambda c: c.bounce_classification.entity_rules(DOMAIN, "gmail"),
    "bounce_classification.events": lambda c: c.bounce_classification.events(DOMAIN, entity_id="gmail", limit=10),
    "bounce_classification.entities": lambda c: c.bounce_classification.entities(),
    "bounce_classification.rules": lambda c: c.bounce_classification.rules(),
    "validations.validate": lambda c: c.validations.validate("alice@example.com", provider_lookup=True),
    "inbox_placement.get_result": lambda c: c.inbox_placement.get_result("5f1e0b", provider="gmail.com"),
    "email_preview.get_results": lambda c: c.email_preview.get_results("t-123"),
}

# The representative set also run on AsyncMailgun: at least one method of every resource group, including a send
# with attachments, paged listings (v3 `next` URLs, skip/limit, a JSON body token) and JSON-body calls.
ASYNC_SAMPLES: tuple[str, ...] = (
    "domains.list",
    "logs.list",
    "metrics.query",
    "tags.list",
    "events.list",
    "stats.totals",
    "tags_v3.get",
    "messages.send",
    "messages.send_batch",
    "templates.create",
    "mailing_lists.list_members",
    "mailing_lists.add_members",
    "routes.list",
    "bounces.add_many",
    "unsubscribes.import_csv",
    "complaints.list",
    "allowlist.add",
    "webhooks.create_for_events",
    "domain_keys.list",
    "tracking.update_unsubscribe",
    "ips.list_domains",
    "ip_pools.update",
    "dynamic_ip_pools.list_history",
    "ip_warmups.list",
    "subaccounts.list",
    "api_keys.create",
    "credentials.list",
    "ip_allowlist.add",
    "users.list",
    "account.update",
    "message_limits.set",
    "alerts.create",
    "bounce_classification.metrics",
    "validations.validate",
    "inbox_placement.get_result",
    "email_preview.get_results",
)
