"""Tags, the new API (/v1/analytics/tags): ``client.tags.list() / update() / delete() / limits()``."""

from __future__ import annotations

from typing import Any

from .._call import Call, Operation, PagedCall, model_parser
from .._endpoint import AsyncResource, SyncResource, async_call, async_paged, sync_call, sync_paged
from .._extras import RequestExtras, Unpack
from .._paging import body_skip_listing
from .._retry import RequestKind
from .._validation import boolean, given, int_range, opt_text, text
from ..types import StatusMessage, Tag, TagLimits, TagsPage

__all__ = ["AsyncTags", "Tags"]

_LIST = Operation("analytics_tags.post_analytics_tags", model_parser(TagsPage), kind=RequestKind.READ_POST)
_UPDATE = Operation("analytics_tags.put_analytics_tags", model_parser(StatusMessage))
_DELETE = Operation("analytics_tags.delete_analytics_tags", model_parser(StatusMessage))
_LIMITS = Operation("analytics_tags.get_analytics_tags_limits", model_parser(TagLimits))


def _items(page: TagsPage) -> list[Tag]:
    return page.items or []


def list_tags(
    *,
    tag: str | None = None,
    include_subaccounts: bool | None = None,
    include_metrics: bool | None = None,
    sort: str | None = None,
    limit: int = 100,
    **extras: Unpack[RequestExtras],
) -> PagedCall[Tag]:
    """Iterate over tags; ``tag`` searches by name."""
    from mailgun_openapi.models.list_tags_request import ListTagsRequest
    from mailgun_openapi.models.tags_pagination import TagsPagination

    page_size = int_range("limit", limit, 1, 1000) or 100
    body = ListTagsRequest(
        pagination=TagsPagination(**given(limit=page_size, skip=0, sort=opt_text("sort", sort), include_total=True)),
        **given(
            tag=opt_text("tag", tag),
            include_subaccounts=boolean("include_subaccounts", include_subaccounts),
            include_metrics=boolean("include_metrics", include_metrics),
        ),
    )
    first = _LIST.call(body=body)
    return body_skip_listing(first, _items, limit=page_size, with_skip=_with_skip)


def _with_skip(call: Call[Any], skip: int) -> Call[Any]:
    import attrs

    body = call.kwargs["body"]
    return call.with_kwargs(body=attrs.evolve(body, pagination=attrs.evolve(body.pagination, skip=skip)))


def update_tag(tag: str, *, description: str, **extras: Unpack[RequestExtras]) -> Call[StatusMessage]:
    """Set a tag's description."""
    from mailgun_openapi.models.update_tag_request import UpdateTagRequest

    body = UpdateTagRequest(tag=text("tag", tag), description=text("description", description))
    return _UPDATE.call(body=body)


def delete_tag(tag: str, **extras: Unpack[RequestExtras]) -> Call[StatusMessage]:
    """Delete a tag and its statistics."""
    from mailgun_openapi.models.delete_tag_request import DeleteTagRequest

    return _DELETE.call(body=DeleteTagRequest(tag=text("tag", tag)))


def tag_limits(**extras: Unpack[RequestExtras]) -> Call[TagLimits]:
    """How many tags the account has and may have."""
    return _LIMITS.call()


class Tags(SyncResource):
    list = sync_paged(list_tags)
    update = sync_call(update_tag)
    delete = sync_call(delete_tag)
    limits = sync_call(tag_limits)


class AsyncTags(AsyncResource):
    list = async_paged(list_tags)
    update = async_call(update_tag)
    delete = async_call(delete_tag)
    limits = async_call(tag_limits)
