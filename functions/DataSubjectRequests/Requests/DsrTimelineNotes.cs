namespace PrivacyFunctions.DataSubjectRequests;

internal static class DsrTimelineNotes
{
    /// <summary>Sets the detail of the timeline entry the change just added (ids, dates and product-given reasons only).</summary>
    public static DataSubjectRequest WithLastDetail(this DataSubjectRequest request, string? detail) =>
        detail is null || request.Timeline.Count == 0
            ? request
            : request with { Timeline = [.. request.Timeline.Take(request.Timeline.Count - 1), request.Timeline[^1] with { Detail = detail }] };
}
