using PrivacyFunctions.Platform.Http;
using PrivacyFunctions.DataSubjectRequests;

namespace PrivacyFunctions.Tests.DataSubjectRequests;

public sealed class DsrWireNamesTests
{
    [Fact]
    public void Wire_names_are_exactly_those_of_issue_3()
    {
        Assert.Equal(["access", "rectification", "erasure", "restriction", "portability", "objection", "automatedDecision", "other"], DsrTypes.Wire.All);
        Assert.Equal(["controllerWillRespond", "processorToAssist"], DsrInstructions.Kinds.All);
        Assert.Equal(["export", "erase", "rectify", "restrict"], DsrInstructions.Actions.All);
        Assert.Equal(["noDsrContact", "forwardingOverdue", "deadlineOverdue"], EscalationReasons.Wire.All);
    }

    [Fact]
    public void Every_value_round_trips_and_parsing_is_case_sensitive()
    {
        foreach (var type in Enum.GetValues<DsrType>())
        {
            Assert.True(DsrTypes.Wire.TryParse(type.ToWire(), out var parsed));
            Assert.Equal(type, parsed);
        }
        Assert.False(DsrTypes.Wire.TryParse("Access", out _));
        Assert.False(DsrTypes.Wire.TryParse("automateddecision", out _));
        Assert.False(DsrTypes.Wire.TryParse(null, out _));
        Assert.Equal(DsrType.AutomatedDecision, DsrTypes.Wire.Parse("automatedDecision"));
        Assert.Throws<FormatException>(() => DsrTypes.Wire.Parse("delete"));
    }

    [Fact]
    public void A_wire_table_missing_a_value_fails_at_once() =>
        Assert.Throws<InvalidOperationException>(() => new WireNames<AssistAction>((AssistAction.Export, "export")));

    [Theory]
    [InlineData("controllerWillRespond", null, "controllerWillRespond", null, null)]
    [InlineData("processorToAssist", "erase", "processorToAssist", "erase", null)]
    [InlineData("processorToAssist", null, null, null, "action")]
    [InlineData("processorToAssist", "delete", null, null, "action")]
    [InlineData("controllerWillRespond", "export", null, null, "action")]
    [InlineData("ignore", null, null, null, "instruction")]
    [InlineData(null, null, null, null, "instruction")]
    public void An_instruction_is_read_from_its_wire_names(string? kind, string? action, string? expectedKind, string? expectedAction, string? errorField)
    {
        var (instruction, field, error) = DsrInstruction.FromWire(kind, action);

        Assert.Equal(errorField, field);
        Assert.Equal(errorField is null, error is null);
        Assert.Equal(expectedKind, instruction?.Kind.ToWire());
        Assert.Equal(expectedAction, instruction?.Action?.ToWire());
    }
}
