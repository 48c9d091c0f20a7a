using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.Platform.Email;

/// <summary>The storage names and due-index kind the email outbox uses.</summary>
public static class EmailNames
{
    /// <summary>One row per delivery, keyed by its idempotency key: the proof of notification.</summary>
    public const string DeliveriesTable = StorageNames.Tables.EmailDeliveries;

    /// <summary>One message per delivery attempt; the message text is only the idempotency key.</summary>
    public const string DeliveryQueue = StorageNames.Queues.EmailDeliveries;

    /// <summary>Where the Functions host moves a delivery message after <c>maxDequeueCount</c> failures.</summary>
    public const string PoisonQueue = StorageNames.Queues.EmailDeliveriesPoison;

    /// <summary>Due-index kind of the redrive hint written before each delivery record.</summary>
    public const string RedriveDueKind = "email.delivery";

    /// <summary>Alert kind used when a delivery ends Failed (poison or permanent transport refusal).</summary>
    public const string FailedDeliveryAlertKind = "email-failed";
    public const string DelayedDeliveryAlertKind = "email-delayed";
}
