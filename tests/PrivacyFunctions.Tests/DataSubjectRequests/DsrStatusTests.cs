using PrivacyFunctions.DataSubjectRequests;

namespace PrivacyFunctions.Tests.DataSubjectRequests;

public sealed class DsrStatusTests
{
    /// <summary>The DSR lifecycle, written out independently of the production table.</summary>
    private static readonly HashSet<string> Allowed =
    [
        "received→forwarded", "received→cancelled",
        "forwarded→acknowledged", "forwarded→instructed", "forwarded→closed",
        "acknowledged→instructed", "acknowledged→closed",
        "instructed→completed",
    ];

    public static TheoryData<DsrStatus, DsrStatus> EveryPair()
    {
        var data = new TheoryData<DsrStatus, DsrStatus>();
        foreach (var from in Enum.GetValues<DsrStatus>())
            foreach (var to in Enum.GetValues<DsrStatus>())
                data.Add(from, to);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Every_status_pair_is_allowed_exactly_when_the_lifecycle_says_so(DsrStatus from, DsrStatus to) =>
        Assert.Equal(Allowed.Contains($"{from.ToWire()}→{to.ToWire()}"), from.CanMoveTo(to));

    [Fact]
    public void Completed_closed_and_cancelled_are_final_and_every_other_status_is_open()
    {
        Assert.Equal(
            ["received", "forwarded", "acknowledged", "instructed"],
            Enum.GetValues<DsrStatus>().Where(s => s.IsOpen()).Select(s => s.ToWire()));
    }

    [Fact]
    public void Status_wire_names_are_exact()
    {
        Assert.Equal(["received", "forwarded", "acknowledged", "instructed", "completed", "closed", "cancelled"], DsrStatuses.Wire.All);
    }
}
