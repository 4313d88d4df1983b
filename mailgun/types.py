"""Typed models returned by the SDK, under stable public names.

They are the generated models (attrs classes: fields as attributes, unknown fields in
``additional_properties``, ``to_dict()``). The generated class names follow Mailgun's spec and may change with
it; these names do not: when a spec change renames a model, one line of ``_GENERATED`` changes.

Loaded lazily: ``import mailgun`` does not import the models.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Public name -> generated model class name (in mailgun_openapi.models).
_GENERATED: dict[str, str] = {
    # domains
    "Domain": "DomainsDomain",
    "DomainList": "ListDomainResponse",
    "DomainDetails": "FindDomainByNameResp",
    "DnsRecord": "Record",
    "CreateDomainResult": "CreateDomainResp",
    "UpdateDomainResult": "UpdateDomainResp",
    "VerifyDomainResult": "VerifyDomainResponse",
    "StatusMessage": "ScaffoldGenericResponse",
    # logs and metrics
    "LogEvent": "LogEvent",
    "LogsPage": "LogsResponse",
    "MetricsResult": "RegularMetricsResponse",
    "UsageMetricsResult": "UsageMetricsResponse",
    # tags (new API)
    "Tag": "Tag",
    "TagsPage": "TagsResponse",
    "TagLimits": "TagLimitCountResponse",
    # deprecated APIs
    "Event": "EventResponse",
    "EventsPage": "GetDomainNameEventsResponse200",
    "StatsResult": "StatsResponse",
    "LegacyTag": "TagItem",
    "LegacyTagsPage": "TagListResponse",
    "LegacyTagLimits": "TagLimitItem",
    "TagAggregates": "TagAggregateResponse",
    "StatTypes": "StatTypesResponse",
    "CountriesAggregate": "CountriesAggregateResponse",
    "DevicesAggregate": "DevicesAggregateResponse",
    "ProvidersAggregate": "ProvidersAggregateResponse",
    # @sending types
    # messages
    "SendResult": "SendMessageResponse",
    "StoredMessage": "GetMessageResponseBasicExample",
    "SendingQueues": "GetDomainSendingQueuesResp",
    "SendingQueueStatus": "ExceededQueueQuotaJSON",
    "SendingQueueDisabled": "ExceededQueueQuotaDisabledJSON",
    # templates
    "Template": "TempleTemplate",
    "TemplateVersion": "Version",
    "TemplateVersionHeaders": "VersionHeaders",
    "TemplatesPage": "GetPageResponse",
    "TemplateVersionsPage": "GetVersionsPageResponse",
    "TemplateResult": "CreateTemplateOrVersionResponse",
    "TemplateChange": "UpdateOrDeleteTempateOrVersionResponse",
    "TemplateVersionCopy": "VersionCopyResponse",
    # mailing lists
    "MailingList": "TheMailingListResponse",
    "MailingListsPage": "PaginateMailingListResponse",
    "MailingListsOffsetPage": "GetListsResponse200",
    "MailingListResult": "PutListsListAddressResponse200",
    "DeleteMailingListResult": "DeleteListsListAddressResponse200",
    "ListMember": "ListMemberResponse",
    "ListMemberVars": "ListMemberResponseVars",
    "ListMembersPage": "PaginateListMemberResponse",
    "ListMembersOffsetPage": "GetListsListAddressMembersResponse200",
    "ListMemberResult": "PostListsListAddressMembersResponse200",
    "BulkMembersResult": "PostListsListAddressMembersJsonResponse200",
    # routes
    "Route": "RouteResponse",
    "RoutesPage": "GetRoutesResponse200",
    "RouteResult": "PostRoutesResponse200",
    "DeleteRouteResult": "DeleteRoutesIdResponse200",
    # @suppressions types
    # suppressions (bounces, unsubscribes, complaints, allowlist)
    "Bounce": "Bounce",
    "Unsubscribe": "Unsubscribe",
    "Complaint": "Complaint",
    "AllowlistEntry": "Whitelist",
    "BouncesPage": "GetBouncesPaginationResponse",
    "UnsubscribesPage": "GetUnsubscribesPaginationResponse",
    "ComplaintsPage": "GetComplaintsPaginationResponse",
    "AllowlistPage": "GetWhitelistPaginationResponse",
    "SuppressionResult": "SuppressionResponse",
    "AllowlistAddResult": "InsertWhitelistRecordResponse",
    "AllowlistDeleteResult": "DeleteWhitelistRecordResponse",
    # webhooks management
    "DomainWebhooks": "GetAllDomainWebhooksResp",
    "WebhooksByEvent": "WebhooksResponse",
    "WebhookUrls": "WebhookURLs",
    "Webhook": "WebhookResponse",
    "WebhookResult": "GetDomainWebhookResp",
    "WebhookChangeResult": "CreateDomainWebhookResp",
    "WebhookSigningKey": "HTTPSigningKey",
    # @coverage-a types
    # domain keys, DKIM rotation, tracking and its certificate, IPs, IP pools, dynamic IP pools, IP warmups
    "DomainKey": "DomainKeyResponse",
    "DomainKeysPage": "DomainKeyListResponse",
    "AuthorityKeys": "AuthorityKeysResponse",
    "UpdateDomainKeyResult": "UpdateDomainKeyResp",
    "DkimAuthorityResult": "ReassignDkimAuthorityResp",
    "DkimRotationResult": "DomainResponse",
    "DkimRotationDomain": "PendulumDomain",
    "DomainTracking": "GetDomainTrackingResp",
    "TrackingSettings": "TrackingSettings",
    "OpenTracking": "OpenSettings",
    "ClickTracking": "ClickSettings",
    "UnsubscribeTracking": "UnsubscribeSettings",
    "OpenTrackingResult": "UpdateDomainTrackingOpenResp",
    "ClickTrackingResult": "UpdateDomainTrackingClickResp",
    "UnsubscribeTrackingResult": "UpdateDomainTrackingUnsubscribeResp",
    "TrackingCertificate": "StatusResponse",
    "TrackingCertificateJob": "GenerateResponse",
    "IpDomain": "Item",
    "IpDomainsPage": "DomainsResponse",
    "StartedJob": "StartSagaResponse",
    "DynamicPoolsResult": "ScaffoldResponse",
    "DynamicPoolDomain": "BandersnatchDomain",
    "DynamicPoolDomainsPage": "DomainListResponse",
    "DynamicPoolHistoryRecord": "HistoryRecord",
    "DynamicPoolHistoryPage": "ListHistoryResponse",
    # @coverage-b types
    # subaccounts, API keys, SMTP credentials, IP allowlist, users, account, limits, alerts, bounce
    # classification, validations, inbox placement, email preview
    "Subaccount": "AccountsSubaccount",
    "SubaccountsPage": "SubaccountListResponse",
    "SubaccountResult": "SubaccountResponse",
    "SubaccountFeaturesResult": "PutAccountsSubaccountsSubaccountIdFeaturesResponse200",
    "SubaccountIpPool": "ListSubaccountDIPPsResponseItem",
    "SubaccountIpPools": "ListSubaccountDIPPsResponse",
    "SendingLimit": "CustomMessageLimitResponse",
    "SuccessResult": "GenericSuccess",
    "ApiKey": "KeyInfoResp",
    "ApiKeyList": "KeysResp",
    "ApiKeyWithSecret": "KeyInfoSecretResp",
    "CreatedApiKey": "CreateKeyResp",
    "PublicKeyResult": "PublicKeyResp",
    "SmtpCredential": "CredentialMetadata",
    "SmtpCredentialsPage": "ListCredsResp",
    "SmtpCredentialsResult": "CreateCredsResp",
    "SmtpPasswords": "CreateCredsRespCredentials",
    "DeleteSmtpCredentialResult": "DeleteCredsResp",
    "DeleteSmtpCredentialsResult": "DeleteDomainCredsResp",
    "IpAllowlistResult": "V2WhitelistResp",
    "IpAllowlistEntry": "WhitelistRespEntry",
    "User": "UserResponse",
    "UsersPage": "UserListResponse",
    "SandboxRecipient": "RecipientResponse",
    "SandboxRecipients": "GetSandboxAuthRecipientsResponse200",
    "SandboxRecipientResult": "PostSandboxAuthRecipientsResponse200",
    "SendAlert": "SendAlertItem",
    "SendAlerts": "SendAlertListResponse",
    "AlertFilter": "Filter",
    "AlertHit": "HitListItem",
    "AlertHits": "HitListResponse",
    "BounceMetricsPage": "MetricsResponse",
    "BounceMetricsItem": "MetricsItem",
    "BounceStats": "ListStatsResp",
    "BounceDomainStatsPage": "ListAccountStatsResp",
    "BounceDomainStat": "AccountStat",
    "BounceEntityStats": "ListDomainStatsResp",
    "BounceRuleStats": "ListEntityStatsResp",
    "BounceEntities": "Entities",
    "BounceRules": "Rules",
    "ValidationResult": "ValidationResponse",
    "InboxPlacementResult": "InboxPlacementTestingGithubComMailgunScaffoldHttpapiResponse",
    "EmailPreviewResults": "GetTestResultsResponse",
    "EmailPreviewResult": "TestResult",
}

__all__ = [  # literal, so type checkers see the re-exports (a test checks it matches _GENERATED)
    "AlertFilter",
    "AlertHit",
    "AlertHits",
    "AllowlistAddResult",
    "AllowlistDeleteResult",
    "AllowlistEntry",
    "AllowlistPage",
    "ApiKey",
    "ApiKeyList",
    "ApiKeyWithSecret",
    "AuthorityKeys",
    "Bounce",
    "BounceDomainStat",
    "BounceDomainStatsPage",
    "BounceEntities",
    "BounceEntityStats",
    "BounceMetricsItem",
    "BounceMetricsPage",
    "BounceRuleStats",
    "BounceRules",
    "BounceStats",
    "BouncesPage",
    "BulkMembersResult",
    "ClickTracking",
    "ClickTrackingResult",
    "Complaint",
    "ComplaintsPage",
    "CountriesAggregate",
    "CreateDomainResult",
    "CreatedApiKey",
    "DeleteMailingListResult",
    "DeleteRouteResult",
    "DeleteSmtpCredentialResult",
    "DeleteSmtpCredentialsResult",
    "DevicesAggregate",
    "DkimAuthorityResult",
    "DkimRotationDomain",
    "DkimRotationResult",
    "DnsRecord",
    "Domain",
    "DomainDetails",
    "DomainKey",
    "DomainKeysPage",
    "DomainList",
    "DomainTracking",
    "DomainWebhooks",
    "DynamicPoolDomain",
    "DynamicPoolDomainsPage",
    "DynamicPoolHistoryPage",
    "DynamicPoolHistoryRecord",
    "DynamicPoolsResult",
    "EmailPreviewResult",
    "EmailPreviewResults",
    "Event",
    "EventsPage",
    "InboxPlacementResult",
    "IpAllowlistEntry",
    "IpAllowlistResult",
    "IpDomain",
    "IpDomainsPage",
    "LegacyTag",
    "LegacyTagLimits",
    "LegacyTagsPage",
    "ListMember",
    "ListMemberResult",
    "ListMemberVars",
    "ListMembersOffsetPage",
    "ListMembersPage",
    "LogEvent",
    "LogsPage",
    "MailingList",
    "MailingListResult",
    "MailingListsOffsetPage",
    "MailingListsPage",
    "MetricsResult",
    "OpenTracking",
    "OpenTrackingResult",
    "ProvidersAggregate",
    "PublicKeyResult",
    "Route",
    "RouteResult",
    "RoutesPage",
    "SandboxRecipient",
    "SandboxRecipientResult",
    "SandboxRecipients",
    "SendAlert",
    "SendAlerts",
    "SendResult",
    "SendingLimit",
    "SendingQueueDisabled",
    "SendingQueueStatus",
    "SendingQueues",
    "SmtpCredential",
    "SmtpCredentialsPage",
    "SmtpCredentialsResult",
    "SmtpPasswords",
    "StartedJob",
    "StatTypes",
    "StatsResult",
    "StatusMessage",
    "StoredMessage",
    "Subaccount",
    "SubaccountFeaturesResult",
    "SubaccountIpPool",
    "SubaccountIpPools",
    "SubaccountResult",
    "SubaccountsPage",
    "SuccessResult",
    "SuppressionResult",
    "Tag",
    "TagAggregates",
    "TagLimits",
    "TagsPage",
    "Template",
    "TemplateChange",
    "TemplateResult",
    "TemplateVersion",
    "TemplateVersionCopy",
    "TemplateVersionHeaders",
    "TemplateVersionsPage",
    "TemplatesPage",
    "TrackingCertificate",
    "TrackingCertificateJob",
    "TrackingSettings",
    "Unsubscribe",
    "UnsubscribeTracking",
    "UnsubscribeTrackingResult",
    "UnsubscribesPage",
    "UpdateDomainKeyResult",
    "UpdateDomainResult",
    "UsageMetricsResult",
    "User",
    "UsersPage",
    "ValidationResult",
    "VerifyDomainResult",
    "Webhook",
    "WebhookChangeResult",
    "WebhookResult",
    "WebhookSigningKey",
    "WebhookUrls",
    "WebhooksByEvent",
]

if TYPE_CHECKING:
    # For type checkers only (ruff: F401 is ignored in this file, these are re-exports).
    from mailgun_openapi.models import AccountsSubaccount as Subaccount

    # @coverage-b type imports
    from mailgun_openapi.models import AccountStat as BounceDomainStat

    # @coverage-a type imports
    from mailgun_openapi.models import AuthorityKeysResponse as AuthorityKeys
    from mailgun_openapi.models import BandersnatchDomain as DynamicPoolDomain

    # @suppressions type imports
    from mailgun_openapi.models import Bounce as Bounce
    from mailgun_openapi.models import ClickSettings as ClickTracking
    from mailgun_openapi.models import Complaint as Complaint
    from mailgun_openapi.models import CountriesAggregateResponse as CountriesAggregate
    from mailgun_openapi.models import CreateCredsResp as SmtpCredentialsResult
    from mailgun_openapi.models import CreateCredsRespCredentials as SmtpPasswords
    from mailgun_openapi.models import CreateDomainResp as CreateDomainResult
    from mailgun_openapi.models import CreateDomainWebhookResp as WebhookChangeResult
    from mailgun_openapi.models import CreateKeyResp as CreatedApiKey
    from mailgun_openapi.models import CreateTemplateOrVersionResponse as TemplateResult
    from mailgun_openapi.models import CredentialMetadata as SmtpCredential
    from mailgun_openapi.models import CustomMessageLimitResponse as SendingLimit
    from mailgun_openapi.models import DeleteCredsResp as DeleteSmtpCredentialResult
    from mailgun_openapi.models import DeleteDomainCredsResp as DeleteSmtpCredentialsResult
    from mailgun_openapi.models import DeleteListsListAddressResponse200 as DeleteMailingListResult
    from mailgun_openapi.models import DeleteRoutesIdResponse200 as DeleteRouteResult
    from mailgun_openapi.models import DeleteWhitelistRecordResponse as AllowlistDeleteResult
    from mailgun_openapi.models import DevicesAggregateResponse as DevicesAggregate
    from mailgun_openapi.models import DomainKeyListResponse as DomainKeysPage
    from mailgun_openapi.models import DomainKeyResponse as DomainKey
    from mailgun_openapi.models import DomainListResponse as DynamicPoolDomainsPage
    from mailgun_openapi.models import DomainResponse as DkimRotationResult
    from mailgun_openapi.models import DomainsDomain as Domain
    from mailgun_openapi.models import DomainsResponse as IpDomainsPage
    from mailgun_openapi.models import Entities as BounceEntities
    from mailgun_openapi.models import EventResponse as Event

    # @sending type imports
    from mailgun_openapi.models import ExceededQueueQuotaDisabledJSON as SendingQueueDisabled
    from mailgun_openapi.models import ExceededQueueQuotaJSON as SendingQueueStatus
    from mailgun_openapi.models import Filter as AlertFilter
    from mailgun_openapi.models import FindDomainByNameResp as DomainDetails
    from mailgun_openapi.models import GenerateResponse as TrackingCertificateJob
    from mailgun_openapi.models import GenericSuccess as SuccessResult
    from mailgun_openapi.models import GetAllDomainWebhooksResp as DomainWebhooks
    from mailgun_openapi.models import GetBouncesPaginationResponse as BouncesPage
    from mailgun_openapi.models import GetComplaintsPaginationResponse as ComplaintsPage
    from mailgun_openapi.models import GetDomainNameEventsResponse200 as EventsPage
    from mailgun_openapi.models import GetDomainSendingQueuesResp as SendingQueues
    from mailgun_openapi.models import GetDomainTrackingResp as DomainTracking
    from mailgun_openapi.models import GetDomainWebhookResp as WebhookResult
    from mailgun_openapi.models import GetListsListAddressMembersResponse200 as ListMembersOffsetPage
    from mailgun_openapi.models import GetListsResponse200 as MailingListsOffsetPage
    from mailgun_openapi.models import GetMessageResponseBasicExample as StoredMessage
    from mailgun_openapi.models import GetPageResponse as TemplatesPage
    from mailgun_openapi.models import GetRoutesResponse200 as RoutesPage
    from mailgun_openapi.models import GetSandboxAuthRecipientsResponse200 as SandboxRecipients
    from mailgun_openapi.models import GetTestResultsResponse as EmailPreviewResults
    from mailgun_openapi.models import GetUnsubscribesPaginationResponse as UnsubscribesPage
    from mailgun_openapi.models import GetVersionsPageResponse as TemplateVersionsPage
    from mailgun_openapi.models import GetWhitelistPaginationResponse as AllowlistPage
    from mailgun_openapi.models import HistoryRecord as DynamicPoolHistoryRecord
    from mailgun_openapi.models import HitListItem as AlertHit
    from mailgun_openapi.models import HitListResponse as AlertHits
    from mailgun_openapi.models import HTTPSigningKey as WebhookSigningKey
    from mailgun_openapi.models import (
        InboxPlacementTestingGithubComMailgunScaffoldHttpapiResponse as InboxPlacementResult,
    )
    from mailgun_openapi.models import InsertWhitelistRecordResponse as AllowlistAddResult
    from mailgun_openapi.models import Item as IpDomain
    from mailgun_openapi.models import KeyInfoResp as ApiKey
    from mailgun_openapi.models import KeyInfoSecretResp as ApiKeyWithSecret
    from mailgun_openapi.models import KeysResp as ApiKeyList
    from mailgun_openapi.models import ListAccountStatsResp as BounceDomainStatsPage
    from mailgun_openapi.models import ListCredsResp as SmtpCredentialsPage
    from mailgun_openapi.models import ListDomainResponse as DomainList
    from mailgun_openapi.models import ListDomainStatsResp as BounceEntityStats
    from mailgun_openapi.models import ListEntityStatsResp as BounceRuleStats
    from mailgun_openapi.models import ListHistoryResponse as DynamicPoolHistoryPage
    from mailgun_openapi.models import ListMemberResponse as ListMember
    from mailgun_openapi.models import ListMemberResponseVars as ListMemberVars
    from mailgun_openapi.models import ListStatsResp as BounceStats
    from mailgun_openapi.models import ListSubaccountDIPPsResponse as SubaccountIpPools
    from mailgun_openapi.models import ListSubaccountDIPPsResponseItem as SubaccountIpPool
    from mailgun_openapi.models import LogEvent as LogEvent
    from mailgun_openapi.models import LogsResponse as LogsPage
    from mailgun_openapi.models import MetricsItem as BounceMetricsItem
    from mailgun_openapi.models import MetricsResponse as BounceMetricsPage
    from mailgun_openapi.models import OpenSettings as OpenTracking
    from mailgun_openapi.models import PaginateListMemberResponse as ListMembersPage
    from mailgun_openapi.models import PaginateMailingListResponse as MailingListsPage
    from mailgun_openapi.models import PendulumDomain as DkimRotationDomain
    from mailgun_openapi.models import PostListsListAddressMembersJsonResponse200 as BulkMembersResult
    from mailgun_openapi.models import PostListsListAddressMembersResponse200 as ListMemberResult
    from mailgun_openapi.models import PostRoutesResponse200 as RouteResult
    from mailgun_openapi.models import PostSandboxAuthRecipientsResponse200 as SandboxRecipientResult
    from mailgun_openapi.models import ProvidersAggregateResponse as ProvidersAggregate
    from mailgun_openapi.models import PublicKeyResp as PublicKeyResult
    from mailgun_openapi.models import (
        PutAccountsSubaccountsSubaccountIdFeaturesResponse200 as SubaccountFeaturesResult,
    )
    from mailgun_openapi.models import PutListsListAddressResponse200 as MailingListResult
    from mailgun_openapi.models import ReassignDkimAuthorityResp as DkimAuthorityResult
    from mailgun_openapi.models import RecipientResponse as SandboxRecipient
    from mailgun_openapi.models import Record as DnsRecord
    from mailgun_openapi.models import RegularMetricsResponse as MetricsResult
    from mailgun_openapi.models import RouteResponse as Route
    from mailgun_openapi.models import Rules as BounceRules
    from mailgun_openapi.models import ScaffoldGenericResponse as StatusMessage
    from mailgun_openapi.models import ScaffoldResponse as DynamicPoolsResult
    from mailgun_openapi.models import SendAlertItem as SendAlert
    from mailgun_openapi.models import SendAlertListResponse as SendAlerts
    from mailgun_openapi.models import SendMessageResponse as SendResult
    from mailgun_openapi.models import StartSagaResponse as StartedJob
    from mailgun_openapi.models import StatsResponse as StatsResult
    from mailgun_openapi.models import StatTypesResponse as StatTypes
    from mailgun_openapi.models import StatusResponse as TrackingCertificate
    from mailgun_openapi.models import SubaccountListResponse as SubaccountsPage
    from mailgun_openapi.models import SubaccountResponse as SubaccountResult
    from mailgun_openapi.models import SuppressionResponse as SuppressionResult
    from mailgun_openapi.models import Tag as Tag
    from mailgun_openapi.models import TagAggregateResponse as TagAggregates
    from mailgun_openapi.models import TagItem as LegacyTag
    from mailgun_openapi.models import TagLimitCountResponse as TagLimits
    from mailgun_openapi.models import TagLimitItem as LegacyTagLimits
    from mailgun_openapi.models import TagListResponse as LegacyTagsPage
    from mailgun_openapi.models import TagsResponse as TagsPage
    from mailgun_openapi.models import TempleTemplate as Template
    from mailgun_openapi.models import TestResult as EmailPreviewResult
    from mailgun_openapi.models import TheMailingListResponse as MailingList
    from mailgun_openapi.models import TrackingSettings as TrackingSettings
    from mailgun_openapi.models import Unsubscribe as Unsubscribe
    from mailgun_openapi.models import UnsubscribeSettings as UnsubscribeTracking
    from mailgun_openapi.models import UpdateDomainKeyResp as UpdateDomainKeyResult
    from mailgun_openapi.models import UpdateDomainResp as UpdateDomainResult
    from mailgun_openapi.models import UpdateDomainTrackingClickResp as ClickTrackingResult
    from mailgun_openapi.models import UpdateDomainTrackingOpenResp as OpenTrackingResult
    from mailgun_openapi.models import UpdateDomainTrackingUnsubscribeResp as UnsubscribeTrackingResult
    from mailgun_openapi.models import UpdateOrDeleteTempateOrVersionResponse as TemplateChange
    from mailgun_openapi.models import UsageMetricsResponse as UsageMetricsResult
    from mailgun_openapi.models import UserListResponse as UsersPage
    from mailgun_openapi.models import UserResponse as User
    from mailgun_openapi.models import V2WhitelistResp as IpAllowlistResult
    from mailgun_openapi.models import ValidationResponse as ValidationResult
    from mailgun_openapi.models import VerifyDomainResponse as VerifyDomainResult
    from mailgun_openapi.models import Version as TemplateVersion
    from mailgun_openapi.models import VersionCopyResponse as TemplateVersionCopy
    from mailgun_openapi.models import VersionHeaders as TemplateVersionHeaders
    from mailgun_openapi.models import WebhookResponse as Webhook
    from mailgun_openapi.models import WebhooksResponse as WebhooksByEvent
    from mailgun_openapi.models import WebhookURLs as WebhookUrls
    from mailgun_openapi.models import Whitelist as AllowlistEntry
    from mailgun_openapi.models import WhitelistRespEntry as IpAllowlistEntry


def __getattr__(name: str) -> Any:
    generated = _GENERATED.get(name)
    if generated is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module("mailgun_openapi.models"), generated)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
