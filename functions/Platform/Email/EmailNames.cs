using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.Platform.Email;

/// <summary>The storage names and alert kinds the email outbox uses.</summary>
public static class EmailNames
{
    /// <summary>One row per delivery, keyed by its idempotency key: the proof of notification.</summary>
    public const string DeliveriesTable = StorageNames.Tables.EmailDeliveries;

    /// <summary>One message per email: the email itself (<see cref="QueuedEmail"/>).</summary>
    public const string DeliveryQueue = StorageNames.Queues.EmailDeliveries;

    /// <summary>Where the Functions host moves a delivery message after <c>maxDequeueCount</c> failures.</summary>
    public const string PoisonQueue = StorageNames.Queues.EmailDeliveriesPoison;

    /// <summary>Alert kind used when a delivery ends Failed (poison or permanent transport refusal).</summary>
    public const string FailedDeliveryAlertKind = "email-failed";
    public const string DelayedDeliveryAlertKind = "email-delayed";
}
