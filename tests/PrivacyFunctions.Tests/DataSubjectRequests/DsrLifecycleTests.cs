using PrivacyFunctions.DataSubjectRequests;
using Outcome = PrivacyFunctions.DataSubjectRequests.DsrTransitionOutcome;

namespace PrivacyFunctions.Tests.DataSubjectRequests;

public sealed class DsrLifecycleTests
{
    private static readonly DsrInstruction Erase = DsrInstruction.ProcessorToAssist(AssistAction.Erase);

    private static readonly Dictionary<string, DsrCommand> Commands = new()
    {
        ["forward"] = new DsrCommand.Forward(),
        ["cancel"] = new DsrCommand.Cancel(),
        ["acknowledge"] = new DsrCommand.Acknowledge(),
        ["willRespond"] = new DsrCommand.Instruct(DsrInstruction.ControllerWillRespond),
        ["erase"] = new DsrCommand.Instruct(Erase),
        ["complete"] = new DsrCommand.Complete(),
        ["escalate"] = new DsrCommand.Escalate(EscalationReason.DeadlineOverdue),
        ["extend"] = new DsrCommand.Extend(1, "The request covers ten years of invoices."),
    };

    /// <summary>A request in each status, reached the way the lifecycle reaches it.</summary>
    private static DsrLifecycle In(DsrStatus status) => status switch
    {
        DsrStatus.Instructed => new DsrLifecycle(status, Erase),
        DsrStatus.Completed => new DsrLifecycle(status, Erase),
        DsrStatus.Closed => new DsrLifecycle(status, DsrInstruction.ControllerWillRespond),
        _ => new DsrLifecycle(status),
    };

    /// <summary>
    /// Every command in every status: "→status" changes to that status, "=" is an already-applied repeat
    /// (changes nothing), "!" is refused (409 at the edge).
    /// </summary>
    public static TheoryData<DsrStatus, string, string> Matrix() => new()
    {
        { DsrStatus.Received, "forward", "→forwarded" }, { DsrStatus.Received, "cancel", "→cancelled" },
        { DsrStatus.Received, "acknowledge", "!" }, { DsrStatus.Received, "willRespond", "!" }, { DsrStatus.Received, "erase", "!" },
        { DsrStatus.Received, "complete", "!" }, { DsrStatus.Received, "escalate", "→received" }, { DsrStatus.Received, "extend", "→received" },

        { DsrStatus.Forwarded, "forward", "=" }, { DsrStatus.Forwarded, "cancel", "!" },
        { DsrStatus.Forwarded, "acknowledge", "→acknowledged" }, { DsrStatus.Forwarded, "willRespond", "→closed" }, { DsrStatus.Forwarded, "erase", "→instructed" },
        { DsrStatus.Forwarded, "complete", "!" }, { DsrStatus.Forwarded, "escalate", "→forwarded" }, { DsrStatus.Forwarded, "extend", "→forwarded" },

        { DsrStatus.Acknowledged, "forward", "=" }, { DsrStatus.Acknowledged, "cancel", "!" },
        { DsrStatus.Acknowledged, "acknowledge", "=" }, { DsrStatus.Acknowledged, "willRespond", "→closed" }, { DsrStatus.Acknowledged, "erase", "→instructed" },
        { DsrStatus.Acknowledged, "complete", "!" }, { DsrStatus.Acknowledged, "escalate", "→acknowledged" }, { DsrStatus.Acknowledged, "extend", "→acknowledged" },

        { DsrStatus.Instructed, "forward", "=" }, { DsrStatus.Instructed, "cancel", "!" },
        { DsrStatus.Instructed, "acknowledge", "=" }, { DsrStatus.Instructed, "willRespond", "!" }, { DsrStatus.Instructed, "erase", "=" },
        { DsrStatus.Instructed, "complete", "→completed" }, { DsrStatus.Instructed, "escalate", "→instructed" }, { DsrStatus.Instructed, "extend", "→instructed" },

        { DsrStatus.Completed, "forward", "=" }, { DsrStatus.Completed, "cancel", "!" },
        { DsrStatus.Completed, "acknowledge", "=" }, { DsrStatus.Completed, "willRespond", "!" }, { DsrStatus.Completed, "erase", "=" },
        { DsrStatus.Completed, "complete", "=" }, { DsrStatus.Completed, "escalate", "!" }, { DsrStatus.Completed, "extend", "!" },

        { DsrStatus.Closed, "forward", "=" }, { DsrStatus.Closed, "cancel", "!" },
        { DsrStatus.Closed, "acknowledge", "=" }, { DsrStatus.Closed, "willRespond", "=" }, { DsrStatus.Closed, "erase", "!" },
        { DsrStatus.Closed, "complete", "!" }, { DsrStatus.Closed, "escalate", "!" }, { DsrStatus.Closed, "extend", "!" },

        { DsrStatus.Cancelled, "forward", "!" }, { DsrStatus.Cancelled, "cancel", "=" },
        { DsrStatus.Cancelled, "acknowledge", "!" }, { DsrStatus.Cancelled, "willRespond", "!" }, { DsrStatus.Cancelled, "erase", "!" },
        { DsrStatus.Cancelled, "complete", "!" }, { DsrStatus.Cancelled, "escalate", "!" }, { DsrStatus.Cancelled, "extend", "!" },
    };

    [Fact]
    public void The_matrix_covers_every_command_in_every_status() =>
        Assert.Equal(Enum.GetValues<DsrStatus>().Length * Commands.Count, Matrix().Count);

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Every_command_in_every_status_changes_repeats_or_refuses_as_the_lifecycle_says(DsrStatus status, string command, string expected)
    {
        var before = In(status);

        var transition = before.Apply(Commands[command]);

        switch (expected)
        {
            case "=":
                Assert.Equal(Outcome.Unchanged, transition.Outcome);
                Assert.Same(before, transition.State);
                Assert.Empty(transition.Events);
                Assert.Null(transition.Error);
                break;
            case "!":
                Assert.Equal(Outcome.Refused, transition.Outcome);
                Assert.Same(before, transition.State);
                Assert.Empty(transition.Events);
                Assert.False(string.IsNullOrWhiteSpace(transition.Error));
                break;
            default:
                Assert.Equal(Outcome.Changed, transition.Outcome);
                Assert.Equal(expected[1..], transition.State.Status.ToWire());
                Assert.Null(transition.Error);
                Assert.True(transition.State.Status == status || status.CanMoveTo(transition.State.Status));
                break;
        }
    }

    [Fact]
    public void Cancelling_after_forwarding_is_refused_with_a_reason()
    {
        var transition = In(DsrStatus.Forwarded).Apply(new DsrCommand.Cancel());

        Assert.True(transition.IsRefused);
        Assert.Equal("the request was already forwarded to the customer; it can no longer be cancelled.", transition.Error);
    }

    [Fact]
    public void A_full_assisted_lifecycle_emits_each_integration_event_once()
    {
        var state = DsrLifecycle.Received;
        var events = new List<string>();
        foreach (var command in new DsrCommand[]
                 {
                     new DsrCommand.Forward(), new DsrCommand.Forward(), new DsrCommand.Acknowledge(), new DsrCommand.Acknowledge(),
                     new DsrCommand.Instruct(Erase), new DsrCommand.Instruct(Erase), new DsrCommand.Complete(), new DsrCommand.Complete(),
                 })
        {
            var transition = state.Apply(command);
            Assert.False(transition.IsRefused, transition.Error);
            events.AddRange(transition.Events);
            state = transition.State;
        }

        Assert.Equal(["dsr.forwarded", "dsr.acknowledged", "dsr.instructed", "dsr.execution-requested", "dsr.completed"], events);
        Assert.Equal(DsrStatus.Completed, state.Status);
        Assert.Equal(Erase, state.Instruction);
    }

    [Fact]
    public void Controller_will_respond_closes_the_request_at_once_without_asking_a_product_for_anything()
    {
        var transition = In(DsrStatus.Forwarded).Apply(new DsrCommand.Instruct(DsrInstruction.ControllerWillRespond));

        Assert.Equal(DsrStatus.Closed, transition.State.Status);
        Assert.Equal(["dsr.instructed", "dsr.closed"], transition.Events);
        Assert.False(transition.State.IsOpen);
    }

    [Fact]
    public void A_different_second_instruction_is_refused_and_the_same_one_is_a_harmless_repeat()
    {
        var instructed = In(DsrStatus.Forwarded).Apply(new DsrCommand.Instruct(Erase)).State;

        Assert.Equal(Outcome.Unchanged, instructed.Apply(new DsrCommand.Instruct(DsrInstruction.ProcessorToAssist(AssistAction.Erase))).Outcome);
        var other = instructed.Apply(new DsrCommand.Instruct(DsrInstruction.ProcessorToAssist(AssistAction.Export)));
        Assert.True(other.IsRefused);
        Assert.Equal("the customer already gave a different instruction for this request.", other.Error);
    }

    [Fact]
    public void Escalation_sets_the_flag_keeps_the_status_and_a_new_reason_replaces_the_old()
    {
        var first = In(DsrStatus.Received).Apply(new DsrCommand.Escalate(EscalationReason.ForwardingOverdue));
        var again = first.State.Apply(new DsrCommand.Escalate(EscalationReason.ForwardingOverdue));
        var later = first.State.Apply(new DsrCommand.Escalate(EscalationReason.DeadlineOverdue));

        Assert.True(first.State.IsEscalated);
        Assert.Equal(DsrStatus.Received, first.State.Status);
        Assert.Equal(["dsr.escalated"], first.Events);
        Assert.Equal(Outcome.Unchanged, again.Outcome);
        Assert.Equal(EscalationReason.DeadlineOverdue, later.State.Escalation);
        Assert.Equal(["dsr.escalated"], later.Events);
    }

    [Fact]
    public void An_extension_is_recorded_as_a_total_of_one_then_two_months_and_moves_the_deadline()
    {
        var received = new DateTimeOffset(2026, 1, 31, 10, 0, 0, TimeSpan.Zero);
        var one = In(DsrStatus.Forwarded).Apply(new DsrCommand.Extend(1, "Many systems to search."));
        var repeat = one.State.Apply(new DsrCommand.Extend(1, "Many systems to search."));
        var two = one.State.Apply(new DsrCommand.Extend(2, "Still more systems."));

        Assert.Equal(Outcome.Changed, one.Outcome);
        Assert.Equal(1, one.State.ExtensionMonths);
        Assert.Equal(Outcome.Unchanged, repeat.Outcome); // a double submission does not extend twice
        Assert.Equal(2, two.State.ExtensionMonths);
        Assert.Equal("Still more systems.", two.State.ExtensionReason);
        Assert.Empty(two.Events);
        Assert.Equal(new DateOnly(2026, 4, 30), CustomerDeadline.Compute(received, "Europe/Brussels", two.State.ExtensionMonths).DueDate);
    }

    [Theory]
    [InlineData(0, 3, "x", "an extension is 1 or 2 further months in total (GDPR Art. 12(3)).")]
    [InlineData(0, 0, "x", "an extension is 1 or 2 further months in total (GDPR Art. 12(3)).")]
    [InlineData(0, 1, "", "an extension needs a reason of 1–1000 characters.")]
    [InlineData(0, 1, "   ", "an extension needs a reason of 1–1000 characters.")]
    [InlineData(0, 1, null, "an extension needs a reason of 1–1000 characters.")]
    [InlineData(2, 1, "x", "the deadline is already extended by 2 months; an extension cannot be shortened.")]
    public void An_invalid_extension_is_refused(int current, int total, string? reason, string error)
    {
        var transition = new DsrLifecycle(DsrStatus.Acknowledged, ExtensionMonths: current).Apply(new DsrCommand.Extend(total, reason!));

        Assert.True(transition.IsRefused);
        Assert.Equal(error, transition.Error);
    }

    [Fact]
    public void An_extension_reason_may_be_1000_characters_but_not_1001()
    {
        var state = In(DsrStatus.Instructed);

        Assert.Equal(Outcome.Changed, state.Apply(new DsrCommand.Extend(2, new string('r', 1000))).Outcome);
        Assert.True(state.Apply(new DsrCommand.Extend(2, new string('r', 1001))).IsRefused);
    }
}
