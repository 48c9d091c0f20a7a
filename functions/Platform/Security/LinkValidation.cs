using Microsoft.AspNetCore.Mvc;
using PrivacyFunctions.Platform.Http;

namespace PrivacyFunctions.Platform.Security;

/// <summary>The outcome of <see cref="LinkTokens.Validate"/>: <see cref="Valid"/>, <see cref="Invalid"/> (401) or <see cref="Expired"/> (410).</summary>
public abstract record LinkValidation
{
    private LinkValidation() { }

    /// <summary>The problem to answer with, or null for a valid link.</summary>
    public abstract ObjectResult? Problem { get; }

    /// <summary>The token was signed by us for this purpose and item, for <paramref name="Subject"/> (a customer or recipient id).</summary>
    public sealed record Valid(string Subject, string Item, DateTimeOffset ExpiresAt) : LinkValidation
    {
        public override ObjectResult? Problem => null;
    }

    /// <summary>Malformed, tampered, signed with an unknown key, or for another purpose or item.</summary>
    public sealed record Invalid : LinkValidation
    {
        public override ObjectResult? Problem => Problems.Of(ProblemKind.LinkInvalid, "The link is not valid for this item.");
    }

    /// <summary>Genuine and for this item, but past its expiry.</summary>
    public sealed record Expired(DateTimeOffset ExpiresAt) : LinkValidation
    {
        public override ObjectResult? Problem => Problems.Of(ProblemKind.LinkExpired, "The link has expired; ask for a new one.");
    }
}
