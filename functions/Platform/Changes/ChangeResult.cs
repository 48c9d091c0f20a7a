namespace PrivacyFunctions.Platform.Changes;

public enum ChangeOutcome { Changed, Unchanged, Refused, NotFound, Conflict }

/// <summary>What became of a command: the aggregate as it is now (null when not found), and why a refusal was made.</summary>
public sealed record ChangeResult<TState>(ChangeOutcome Outcome, Stored<TState>? Stored, string? Error = null);
