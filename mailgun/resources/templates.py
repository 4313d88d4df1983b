"""Templates of a domain, with their versions: ``client.templates.list(domain) / get() / create() / update() /
delete() / delete_all()`` and ``list_versions(domain, name) / get_version() / create_version() /
update_version() / delete_version() / copy_version()``.

Mailgun's spec only has domain-level templates (``/v3/{domain}/templates``); there are no account-level ones.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from .._call import Call, Operation, PagedCall, model_parser
from .._endpoint import AsyncResource, SyncResource, async_call, async_paged, sync_call, sync_paged
from .._exceptions import ValidationError
from .._extras import RequestExtras, Unpack
from .._paging import next_url_listing
from .._validation import boolean, given, has_line_break, int_range, opt_text, text
from ..types import (
    StatusMessage,
    Template,
    TemplateChange,
    TemplateResult,
    TemplatesPage,
    TemplateVersion,
    TemplateVersionCopy,
    TemplateVersionsPage,
)

__all__ = ["AsyncTemplates", "Templates"]

# ``{"template": {...}}`` -> the template (any siblings kept beside its fields).
_template = model_parser(Template, unwrap="template")


_LIST = Operation("templates.get_domain_name_templates", model_parser(TemplatesPage))
_GET = Operation("templates.get_domain_name_templates_template_name", _template)
_CREATE = Operation("templates.post_domain_name_templates", model_parser(TemplateResult))
_UPDATE = Operation("templates.put_domain_name_templates_template_name", model_parser(TemplateChange))
_DELETE = Operation("templates.delete_domain_name_templates_template_name", model_parser(TemplateChange))
_DELETE_ALL = Operation("templates.delete_domain_name_templates", model_parser(StatusMessage))
_LIST_VERSIONS = Operation(
    "templates.get_domain_name_templates_template_name_versions", model_parser(TemplateVersionsPage)
)
_GET_VERSION = Operation("templates.get_domain_name_templates_template_name_versions_version_name", _template)
_CREATE_VERSION = Operation("templates.post_domain_name_templates_template_name_versions", model_parser(TemplateResult))
_UPDATE_VERSION = Operation(
    "templates.put_domain_name_templates_template_name_versions_version_name", model_parser(TemplateChange)
)
_DELETE_VERSION = Operation(
    "templates.delete_domain_name_templates_template_name_versions_version_name", model_parser(TemplateChange)
)
_COPY_VERSION = Operation(
    "templates.put_domain_name_templates_template_name_versions_version_name_copy_new_version_name",
    model_parser(TemplateVersionCopy),
)


def _content(name: str, value: Any) -> str:
    """Free text that may span lines (template content, comments, descriptions): non-blank, no NUL."""
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(name, f"must be a non-empty string, got {value!r}")
    if "\0" in value:
        raise ValidationError(name, "must not contain NUL")
    return value


def _opt_content(name: str, value: Any) -> str | None:
    return None if value is None else _content(name, value)


def _headers(value: Any) -> str | None:
    """``{"Subject": "{{subject}}", "From": ..., "Reply-To": ...}`` as the JSON object Mailgun stores."""
    if value is None:
        return None
    if not isinstance(value, Mapping) or not value:
        raise ValidationError("headers", "must be a non-empty mapping of header name to value")
    for key, item in value.items():
        if not isinstance(key, str) or not key.strip() or ":" in key or has_line_break(key):
            raise ValidationError("headers", f"not a header name: {key!r}")
        if not isinstance(item, str) or has_line_break(item):
            raise ValidationError("headers", f"{key}: must be a single-line string, got {item!r}")
    return json.dumps(dict(value))


def _yes(name: str, value: Any) -> str | None:
    """True -> "yes" (the flag Mailgun reads); False -> not sent."""
    return "yes" if boolean(name, value) else None


def _version_fields(
    *, template: str | None, comment: str | None, active: bool, headers: Mapping[str, str] | None
) -> dict[str, Any]:
    return given(
        template=_opt_content("template", template),
        comment=_opt_content("comment", comment),
        active=_yes("active", active),
        headers=_headers(headers),
    )


def _engine(body: Any, engine: str | None) -> None:
    """``engine`` is a Mailgun parameter the spec leaves out: sent as an extra form field."""
    if engine is not None:
        body.additional_properties["engine"] = engine


# Templates


def _items(page: TemplatesPage) -> list[Template]:
    return page.items or []


def list_templates(domain: str, *, limit: int = 100, **extras: Unpack[RequestExtras]) -> PagedCall[Template]:
    """Iterate over a domain's templates (metadata only: ``get(..., active=True)`` has the content)."""
    first = _LIST.call(domain_name=text("domain", domain), limit=int_range("limit", limit, 1, 100))
    return next_url_listing(first, _items)


def get_template(domain: str, name: str, *, active: bool = False, **extras: Unpack[RequestExtras]) -> Call[Template]:
    """One template; ``active=True`` includes its active version's content (``template.version``)."""
    return _GET.call(
        domain_name=text("domain", domain), template_name=text("name", name), active=_yes("active", active)
    )


def create_template(
    domain: str,
    name: str,
    *,
    description: str | None = None,
    template: str | None = None,
    engine: str | None = None,
    tag: str | None = None,
    comment: str | None = None,
    headers: Mapping[str, str] | None = None,
    created_by: str | None = None,
    **extras: Unpack[RequestExtras],
) -> Call[TemplateResult]:
    """Store a template; with ``template`` (the content) its first version is created and made active.

    ``engine`` (e.g. "handlebars"), ``tag`` (the version's name, "initial" by default), ``comment`` and
    ``headers`` (``{"Subject": ..., "From": ..., "Reply-To": ...}``) describe that first version.
    """
    from mailgun_openapi.models.post_domain_name_templates_request import PostDomainNameTemplatesRequest

    if template is None:
        for param, value in (("engine", engine), ("tag", tag), ("comment", comment), ("headers", headers)):
            if value is not None:
                raise ValidationError(param, "describes the first version: give `template` (the content) too")
    body = PostDomainNameTemplatesRequest(
        name=text("name", name),
        **given(
            description=_opt_content("description", description),
            created_by=opt_text("created_by", created_by),
            tag=opt_text("tag", tag),
        ),
        **_version_fields(template=template, comment=comment, active=False, headers=headers),
    )
    _engine(body, opt_text("engine", engine))
    return _CREATE.call(domain_name=text("domain", domain), body=body)


def update_template(
    domain: str, name: str, *, description: str, **extras: Unpack[RequestExtras]
) -> Call[TemplateChange]:
    """Change a template's description (its content lives in versions: ``update_version()``)."""
    from mailgun_openapi.models.put_domain_name_templates_template_name_request import (
        PutDomainNameTemplatesTemplateNameRequest,
    )

    body = PutDomainNameTemplatesTemplateNameRequest(description=_content("description", description))
    return _UPDATE.call(domain_name=text("domain", domain), template_name=text("name", name), body=body)


def delete_template(domain: str, name: str, **extras: Unpack[RequestExtras]) -> Call[TemplateChange]:
    """Delete a template with all its versions."""
    return _DELETE.call(domain_name=text("domain", domain), template_name=text("name", name))


def delete_all_templates(domain: str, **extras: Unpack[RequestExtras]) -> Call[StatusMessage]:
    """Delete every template of the domain, with their versions (irreversible)."""
    return _DELETE_ALL.call(domain_name=text("domain", domain))


# Versions


def _version_items(page: TemplateVersionsPage) -> list[TemplateVersion]:
    template = page.template
    versions = getattr(template, "versions", None)
    return versions if isinstance(versions, list) else []


def list_versions(
    domain: str, name: str, *, limit: int = 100, **extras: Unpack[RequestExtras]
) -> PagedCall[TemplateVersion]:
    """Iterate over a template's versions (metadata only: ``get_version()`` has a version's content)."""
    first = _LIST_VERSIONS.call(
        domain_name=text("domain", domain), template_name=text("name", name), limit=int_range("limit", limit, 1, 100)
    )
    return next_url_listing(first, _version_items)


def get_version(domain: str, name: str, tag: str, **extras: Unpack[RequestExtras]) -> Call[Template]:
    """The template with one of its versions, content included, in ``template.version``."""
    return _GET_VERSION.call(
        domain_name=text("domain", domain), template_name=text("name", name), version_name=text("tag", tag)
    )


def create_version(
    domain: str,
    name: str,
    *,
    tag: str,
    template: str,
    engine: str | None = None,
    comment: str | None = None,
    active: bool = False,
    headers: Mapping[str, str] | None = None,
    **extras: Unpack[RequestExtras],
) -> Call[TemplateResult]:
    """Add a version (at most 40 per template); ``active=True`` makes it the one used for sending.

    A template's first version becomes active whatever ``active`` says.
    """
    from mailgun_openapi.models.post_domain_name_templates_template_name_versions_request import (
        PostDomainNameTemplatesTemplateNameVersionsRequest,
    )

    body = PostDomainNameTemplatesTemplateNameVersionsRequest(
        tag=text("tag", tag),
        template=_content("template", template),
        **_version_fields(template=None, comment=comment, active=active, headers=headers),
    )
    _engine(body, opt_text("engine", engine))
    return _CREATE_VERSION.call(domain_name=text("domain", domain), template_name=text("name", name), body=body)


def update_version(
    domain: str,
    name: str,
    tag: str,
    *,
    template: str | None = None,
    engine: str | None = None,
    comment: str | None = None,
    active: bool = False,
    headers: Mapping[str, str] | None = None,
    **extras: Unpack[RequestExtras],
) -> Call[TemplateChange]:
    """Change a version; only the arguments given are sent (``active=True`` makes it the active version)."""
    from mailgun_openapi.models.put_domain_name_templates_template_name_versions_version_name_request import (
        PutDomainNameTemplatesTemplateNameVersionsVersionNameRequest,
    )

    fields = _version_fields(template=template, comment=comment, active=active, headers=headers)
    engine = opt_text("engine", engine)
    if not fields and engine is None:
        raise ValidationError("tag", "nothing to update: give template, engine, comment, headers or active=True")
    body = PutDomainNameTemplatesTemplateNameVersionsVersionNameRequest(**fields)
    _engine(body, engine)
    return _UPDATE_VERSION.call(
        domain_name=text("domain", domain),
        template_name=text("name", name),
        version_name=text("tag", tag),
        body=body,
    )


def delete_version(domain: str, name: str, tag: str, **extras: Unpack[RequestExtras]) -> Call[TemplateChange]:
    """Delete one version of a template."""
    return _DELETE_VERSION.call(
        domain_name=text("domain", domain), template_name=text("name", name), version_name=text("tag", tag)
    )


def copy_version(
    domain: str,
    name: str,
    tag: str,
    new_tag: str,
    *,
    comment: str | None = None,
    **extras: Unpack[RequestExtras],
) -> Call[TemplateVersionCopy]:
    """Copy version ``tag`` to ``new_tag`` (a version already named ``new_tag`` is overwritten)."""
    return _COPY_VERSION.call(
        domain_name=text("domain", domain),
        template_name=text("name", name),
        version_name=text("tag", tag),
        new_version_name=text("new_tag", new_tag),
        comment=opt_text("comment", comment),
    )


class Templates(SyncResource):
    list = sync_paged(list_templates)
    get = sync_call(get_template)
    create = sync_call(create_template)
    update = sync_call(update_template)
    delete = sync_call(delete_template)
    delete_all = sync_call(delete_all_templates)
    list_versions = sync_paged(list_versions)
    get_version = sync_call(get_version)
    create_version = sync_call(create_version)
    update_version = sync_call(update_version)
    delete_version = sync_call(delete_version)
    copy_version = sync_call(copy_version)


class AsyncTemplates(AsyncResource):
    list = async_paged(list_templates)
    get = async_call(get_template)
    create = async_call(create_template)
    update = async_call(update_template)
    delete = async_call(delete_template)
    delete_all = async_call(delete_all_templates)
    list_versions = async_paged(list_versions)
    get_version = async_call(get_version)
    create_version = async_call(create_version)
    update_version = async_call(update_version)
    delete_version = async_call(delete_version)
    copy_version = async_call(copy_version)
