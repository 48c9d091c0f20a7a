using PrivacyFunctions.DataSubjectRequests;

namespace PrivacyFunctions.Tests.DataSubjectRequests;

public sealed class DsrReceiptTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 31, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Skew = new PrivacyFunctions.Platform.Hosting.ProcessorOptions().ClockSkew;

    [Fact]
    public void A_request_the_product_received_earlier_starts_the_clock_at_the_products_receipt()
    {
        var (receivedAt, error) = DsrReceipt.Determine(Now.AddHours(-3), Now, Skew);

        Assert.Null(error);
        Assert.Equal(Now.AddHours(-3), receivedAt);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(300)] // exactly the allowed skew
    public void A_receivedAt_slightly_ahead_of_our_clock_is_accepted_and_our_clock_wins(int secondsAhead)
    {
        var (receivedAt, error) = DsrReceipt.Determine(Now.AddSeconds(secondsAhead), Now, Skew);

        Assert.Null(error);
        Assert.Equal(Now, receivedAt);
    }

    [Fact]
    public void A_receivedAt_beyond_the_skew_is_invalid()
    {
        var (receivedAt, error) = DsrReceipt.Determine(Now + Skew + TimeSpan.FromMilliseconds(1), Now, Skew);

        Assert.Null(receivedAt);
        Assert.Equal("must not be in the future (allowed clock skew 5 minutes).", error);
    }

    [Fact]
    public void The_receipt_is_returned_in_UTC()
    {
        var (receivedAt, _) = DsrReceipt.Determine(new DateTimeOffset(2026, 1, 31, 9, 0, 0, TimeSpan.FromHours(1)), Now, Skew);

        Assert.Equal(TimeSpan.Zero, receivedAt!.Value.Offset);
        Assert.Equal(new DateTimeOffset(2026, 1, 31, 8, 0, 0, TimeSpan.Zero), receivedAt);
    }

    [Fact]
    public void A_negative_skew_is_a_programming_error() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DsrReceipt.Determine(Now, Now, TimeSpan.FromSeconds(-1)));
}
