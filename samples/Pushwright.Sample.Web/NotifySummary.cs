using System.Collections.Generic;

namespace Pushwright.Sample.Web;

/// <summary>The answer of <c>POST /api/notify</c>: counts by outcome, and one entry per subscription.</summary>
internal sealed record NotifySummary(int Total, int Delivered, int Gone, int Failed, IReadOnlyList<NotifyOutcome> Results);

/// <summary>What happened to one subscription. Only the endpoint's host is shown: the full URL is a credential.</summary>
internal sealed record NotifyOutcome(string Host, string Outcome, int? Status, string? Error);
