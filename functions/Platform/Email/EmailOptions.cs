namespace PrivacyFunctions.Platform.Email;

/// <summary>Settings under <c>Email:</c> (see docs/email.md for the table of names, defaults and meanings).</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";
    public const string SmtpTransport = "Smtp";
    public const string AcsTransport = "Acs";

    /// <summary><c>Smtp</c> or <c>Acs</c>. Defaults to <c>Smtp</c> only in Development; elsewhere it must be set.</summary>
    public string? Transport { get; set; }

    /// <summary>The From address (on a verified domain for ACS).</summary>
    public string? SenderAddress { get; set; }

    public string SenderName { get; set; } = "PrivacyFunctions";

    /// <summary>The DPO office mailbox that receives operational alerts (failed deliveries, escalations).</summary>
    public string? DpoMailbox { get; set; }

    /// <summary>How long a delivery that outlasted the queue's retries waits (invisible on the queue) before it is tried again.</summary>
    public TimeSpan RedriveAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long after enqueuing a delivery that keeps failing transiently is retried before it is marked Failed and the DPO alerted.</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Upper bound of one send (connect, retries, answer); also how long a sending worker's claim lasts.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromMinutes(2);

    public SmtpSettings Smtp { get; set; } = new();
    public AcsSettings Acs { get; set; } = new();

    /// <summary>Not bound: whether the app runs in Development (from <c>AZURE_FUNCTIONS_ENVIRONMENT</c> or <c>DOTNET_ENVIRONMENT</c>).</summary>
    public bool IsDevelopment { get; set; }

    public bool UsesAcs => string.Equals(Transport, AcsTransport, StringComparison.OrdinalIgnoreCase);

    public EmailRecipient Sender => new(SenderAddress!, SenderName);

    public sealed class SmtpSettings
    {
        public string Host { get; set; } = "localhost";
        public int Port { get; set; } = 2525;
        /// <summary>TLS: implicit TLS on port 465, STARTTLS (required) on any other port.</summary>
        public bool UseTls { get; set; }
        public string? UserName { get; set; }
        public string? Password { get; set; }
    }

    public sealed class AcsSettings
    {
        /// <summary>The Communication Services endpoint, e.g. https://&lt;resource&gt;.communication.azure.com.</summary>
        public Uri? Endpoint { get; set; }

        /// <summary>The resource access key (base64). When empty, Microsoft Entra ID is used.</summary>
        public string? AccessKey { get; set; }

        /// <summary>Client id of the user-assigned managed identity; when empty, DefaultAzureCredential.</summary>
        public string? ClientId { get; set; }

        /// <summary>Requests per send, counting the first (429/5xx/network errors are retried).</summary>
        public int MaxAttempts { get; set; } = 4;

        /// <summary>The longest in-process wait between attempts; a longer Retry-After hands the retry to the queue.</summary>
        public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
    }
}
