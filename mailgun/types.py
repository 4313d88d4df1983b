"""Typed models returned by the SDK, under their public names.

They are the generated models (attrs classes: fields as attributes, unknown fields in ``additional_properties``,
``to_dict()``), named by openapi/names.yaml, so ``repr()`` and IDEs show these names. A field Mailgun reliably
sends is typed ``X``; every other field is ``X | None`` (absent or null). Reading a reliably sent field that an
answer lacked raises ``mailgun.MissingFieldError``.

Type checkers see every name statically (a misspelt name is an error); at run time they are imported lazily:
``import mailgun`` does not import the models.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    # For type checkers only: the names below, one class each (ruff: F401 is ignored in this file).
    from mailgun_openapi.models import (
        AlertFilter as AlertFilter,
    )
    from mailgun_openapi.models import (
        AlertHit as AlertHit,
    )
    from mailgun_openapi.models import (
        AlertHits as AlertHits,
    )
    from mailgun_openapi.models import (
        AllowlistAddResult as AllowlistAddResult,
    )
    from mailgun_openapi.models import (
        AllowlistDeleteResult as AllowlistDeleteResult,
    )
    from mailgun_openapi.models import (
        AllowlistEntry as AllowlistEntry,
    )
    from mailgun_openapi.models import (
        AllowlistPage as AllowlistPage,
    )
    from mailgun_openapi.models import (
        ApiKey as ApiKey,
    )
    from mailgun_openapi.models import (
        ApiKeyList as ApiKeyList,
    )
    from mailgun_openapi.models import (
        ApiKeyWithSecret as ApiKeyWithSecret,
    )
    from mailgun_openapi.models import (
        AuthorityKeys as AuthorityKeys,
    )
    from mailgun_openapi.models import (
        Bounce as Bounce,
    )
    from mailgun_openapi.models import (
        BounceDomainStat as BounceDomainStat,
    )
    from mailgun_openapi.models import (
        BounceDomainStatsPage as BounceDomainStatsPage,
    )
    from mailgun_openapi.models import (
        BounceEntities as BounceEntities,
    )
    from mailgun_openapi.models import (
        BounceEntityStats as BounceEntityStats,
    )
    from mailgun_openapi.models import (
        BounceMetricsItem as BounceMetricsItem,
    )
    from mailgun_openapi.models import (
        BounceMetricsPage as BounceMetricsPage,
    )
    from mailgun_openapi.models import (
        BounceRules as BounceRules,
    )
    from mailgun_openapi.models import (
        BounceRuleStats as BounceRuleStats,
    )
    from mailgun_openapi.models import (
        BouncesPage as BouncesPage,
    )
    from mailgun_openapi.models import (
        BounceStats as BounceStats,
    )
    from mailgun_openapi.models import (
        BulkMembersResult as BulkMembersResult,
    )
    from mailgun_openapi.models import (
        ClickTracking as ClickTracking,
    )
    from mailgun_openapi.models import (
        ClickTrackingResult as ClickTrackingResult,
    )
    from mailgun_openapi.models import (
        Complaint as Complaint,
    )
    from mailgun_openapi.models import (
        ComplaintsPage as ComplaintsPage,
    )
    from mailgun_openapi.models import (
        CountriesAggregate as CountriesAggregate,
    )
    from mailgun_openapi.models import (
        CreatedApiKey as CreatedApiKey,
    )
    from mailgun_openapi.models import (
        CreateDomainResult as CreateDomainResult,
    )
    from mailgun_openapi.models import (
        DeleteMailingListResult as DeleteMailingListResult,
    )
    from mailgun_openapi.models import (
        DeleteRouteResult as DeleteRouteResult,
    )
    from mailgun_openapi.models import (
        DeleteSmtpCredentialResult as DeleteSmtpCredentialResult,
    )
    from mailgun_openapi.models import (
        DeleteSmtpCredentialsResult as DeleteSmtpCredentialsResult,
    )
    from mailgun_openapi.models import (
        DevicesAggregate as DevicesAggregate,
    )
    from mailgun_openapi.models import (
        DkimAuthorityResult as DkimAuthorityResult,
    )
    from mailgun_openapi.models import (
        DkimRotationDomain as DkimRotationDomain,
    )
    from mailgun_openapi.models import (
        DkimRotationResult as DkimRotationResult,
    )
    from mailgun_openapi.models import (
        DnsRecord as DnsRecord,
    )
    from mailgun_openapi.models import (
        Domain as Domain,
    )
    from mailgun_openapi.models import (
        DomainDetails as DomainDetails,
    )
    from mailgun_openapi.models import (
        DomainKey as DomainKey,
    )
    from mailgun_openapi.models import (
        DomainKeysPage as DomainKeysPage,
    )
    from mailgun_openapi.models import (
        DomainList as DomainList,
    )
    from mailgun_openapi.models import (
        DomainTracking as DomainTracking,
    )
    from mailgun_openapi.models import (
        DomainWebhooks as DomainWebhooks,
    )
    from mailgun_openapi.models import (
        DynamicPoolDomain as DynamicPoolDomain,
    )
    from mailgun_openapi.models import (
        DynamicPoolDomainsPage as DynamicPoolDomainsPage,
    )
    from mailgun_openapi.models import (
        DynamicPoolHistoryPage as DynamicPoolHistoryPage,
    )
    from mailgun_openapi.models import (
        DynamicPoolHistoryRecord as DynamicPoolHistoryRecord,
    )
    from mailgun_openapi.models import (
        DynamicPoolsResult as DynamicPoolsResult,
    )
    from mailgun_openapi.models import (
        EmailPreviewResult as EmailPreviewResult,
    )
    from mailgun_openapi.models import (
        EmailPreviewResults as EmailPreviewResults,
    )
    from mailgun_openapi.models import (
        Event as Event,
    )
    from mailgun_openapi.models import (
        EventsPage as EventsPage,
    )
    from mailgun_openapi.models import (
        InboxPlacementResult as InboxPlacementResult,
    )
    from mailgun_openapi.models import (
        IpAllowlistEntry as IpAllowlistEntry,
    )
    from mailgun_openapi.models import (
        IpAllowlistResult as IpAllowlistResult,
    )
    from mailgun_openapi.models import (
        IpDomain as IpDomain,
    )
    from mailgun_openapi.models import (
        IpDomainsPage as IpDomainsPage,
    )
    from mailgun_openapi.models import (
        LegacyTag as LegacyTag,
    )
    from mailgun_openapi.models import (
        LegacyTagLimits as LegacyTagLimits,
    )
    from mailgun_openapi.models import (
        LegacyTagsPage as LegacyTagsPage,
    )
    from mailgun_openapi.models import (
        ListMember as ListMember,
    )
    from mailgun_openapi.models import (
        ListMemberResult as ListMemberResult,
    )
    from mailgun_openapi.models import (
        ListMembersOffsetPage as ListMembersOffsetPage,
    )
    from mailgun_openapi.models import (
        ListMembersPage as ListMembersPage,
    )
    from mailgun_openapi.models import (
        ListMemberVars as ListMemberVars,
    )
    from mailgun_openapi.models import (
        LogEvent as LogEvent,
    )
    from mailgun_openapi.models import (
        LogsPage as LogsPage,
    )
    from mailgun_openapi.models import (
        MailingList as MailingList,
    )
    from mailgun_openapi.models import (
        MailingListResult as MailingListResult,
    )
    from mailgun_openapi.models import (
        MailingListsOffsetPage as MailingListsOffsetPage,
    )
    from mailgun_openapi.models import (
        MailingListsPage as MailingListsPage,
    )
    from mailgun_openapi.models import (
        MetricsResult as MetricsResult,
    )
    from mailgun_openapi.models import (
        OpenTracking as OpenTracking,
    )
    from mailgun_openapi.models import (
        OpenTrackingResult as OpenTrackingResult,
    )
    from mailgun_openapi.models import (
        ProvidersAggregate as ProvidersAggregate,
    )
    from mailgun_openapi.models import (
        PublicKeyResult as PublicKeyResult,
    )
    from mailgun_openapi.models import (
        Route as Route,
    )
    from mailgun_openapi.models import (
        RouteResult as RouteResult,
    )
    from mailgun_openapi.models import (
        RoutesPage as RoutesPage,
    )
    from mailgun_openapi.models import (
        SandboxRecipient as SandboxRecipient,
    )
    from mailgun_openapi.models import (
        SandboxRecipientResult as SandboxRecipientResult,
    )
    from mailgun_openapi.models import (
        SandboxRecipients as SandboxRecipients,
    )
    from mailgun_openapi.models import (
        SendAlert as SendAlert,
    )
    from mailgun_openapi.models import (
        SendAlerts as SendAlerts,
    )
    from mailgun_openapi.models import (
        SendingLimit as SendingLimit,
    )
    from mailgun_openapi.models import (
        SendingQueueDisabled as SendingQueueDisabled,
    )
    from mailgun_openapi.models import (
        SendingQueues as SendingQueues,
    )
    from mailgun_openapi.models import (
        SendingQueueStatus as SendingQueueStatus,
    )
    from mailgun_openapi.models import (
        SendResult as SendResult,
    )
    from mailgun_openapi.models import (
        SmtpCredential as SmtpCredential,
    )
    from mailgun_openapi.models import (
        SmtpCredentialsPage as SmtpCredentialsPage,
    )
    from mailgun_openapi.models import (
        SmtpCredentialsResult as SmtpCredentialsResult,
    )
    from mailgun_openapi.models import (
        SmtpPasswords as SmtpPasswords,
    )
    from mailgun_openapi.models import (
        StartedJob as StartedJob,
    )
    from mailgun_openapi.models import (
        StatsResult as StatsResult,
    )
    from mailgun_openapi.models import (
        StatTypes as StatTypes,
    )
    from mailgun_openapi.models import (
        StatusMessage as StatusMessage,
    )
    from mailgun_openapi.models import (
        StoredMessage as StoredMessage,
    )
    from mailgun_openapi.models import (
        Subaccount as Subaccount,
    )
    from mailgun_openapi.models import (
        SubaccountFeaturesResult as SubaccountFeaturesResult,
    )
    from mailgun_openapi.models import (
        SubaccountIpPool as SubaccountIpPool,
    )
    from mailgun_openapi.models import (
        SubaccountIpPools as SubaccountIpPools,
    )
    from mailgun_openapi.models import (
        SubaccountResult as SubaccountResult,
    )
    from mailgun_openapi.models import (
        SubaccountsPage as SubaccountsPage,
    )
    from mailgun_openapi.models import (
        SuccessResult as SuccessResult,
    )
    from mailgun_openapi.models import (
        SuppressionResult as SuppressionResult,
    )
    from mailgun_openapi.models import (
        Tag as Tag,
    )
    from mailgun_openapi.models import (
        TagAggregates as TagAggregates,
    )
    from mailgun_openapi.models import (
        TagLimits as TagLimits,
    )
    from mailgun_openapi.models import (
        TagsPage as TagsPage,
    )
    from mailgun_openapi.models import (
        Template as Template,
    )
    from mailgun_openapi.models import (
        TemplateChange as TemplateChange,
    )
    from mailgun_openapi.models import (
        TemplateResult as TemplateResult,
    )
    from mailgun_openapi.models import (
        TemplatesPage as TemplatesPage,
    )
    from mailgun_openapi.models import (
        TemplateVersion as TemplateVersion,
    )
    from mailgun_openapi.models import (
        TemplateVersionCopy as TemplateVersionCopy,
    )
    from mailgun_openapi.models import (
        TemplateVersionHeaders as TemplateVersionHeaders,
    )
    from mailgun_openapi.models import (
        TemplateVersionsPage as TemplateVersionsPage,
    )
    from mailgun_openapi.models import (
        TrackingCertificate as TrackingCertificate,
    )
    from mailgun_openapi.models import (
        TrackingCertificateJob as TrackingCertificateJob,
    )
    from mailgun_openapi.models import (
        TrackingSettings as TrackingSettings,
    )
    from mailgun_openapi.models import (
        Unsubscribe as Unsubscribe,
    )
    from mailgun_openapi.models import (
        UnsubscribesPage as UnsubscribesPage,
    )
    from mailgun_openapi.models import (
        UnsubscribeTracking as UnsubscribeTracking,
    )
    from mailgun_openapi.models import (
        UnsubscribeTrackingResult as UnsubscribeTrackingResult,
    )
    from mailgun_openapi.models import (
        UpdateDomainKeyResult as UpdateDomainKeyResult,
    )
    from mailgun_openapi.models import (
        UpdateDomainResult as UpdateDomainResult,
    )
    from mailgun_openapi.models import (
        UsageMetricsResult as UsageMetricsResult,
    )
    from mailgun_openapi.models import (
        User as User,
    )
    from mailgun_openapi.models import (
        UsersPage as UsersPage,
    )
    from mailgun_openapi.models import (
        ValidationResult as ValidationResult,
    )
    from mailgun_openapi.models import (
        VerifyDomainResult as VerifyDomainResult,
    )
    from mailgun_openapi.models import (
        Webhook as Webhook,
    )
    from mailgun_openapi.models import (
        WebhookChangeResult as WebhookChangeResult,
    )
    from mailgun_openapi.models import (
        WebhookResult as WebhookResult,
    )
    from mailgun_openapi.models import (
        WebhooksByEvent as WebhooksByEvent,
    )
    from mailgun_openapi.models import (
        WebhookSigningKey as WebhookSigningKey,
    )
    from mailgun_openapi.models import (
        WebhookUrls as WebhookUrls,
    )

__all__ = [
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


if not TYPE_CHECKING:  # hidden from type checkers: for them an unknown name must stay an error
    _NAMES = frozenset(__all__)

    def __getattr__(name: str) -> object:
        if name not in _NAMES:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        from ._generated import import_generated

        value = getattr(import_generated("mailgun_openapi.models"), name)
        globals()[name] = value
        return value

    def __dir__() -> list[str]:
        return list(__all__)
