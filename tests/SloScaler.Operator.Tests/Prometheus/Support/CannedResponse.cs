namespace SloScaler.Operator.Tests.Prometheus.Support;

internal sealed record CannedResponse(int Status, string Body, string ContentType = "application/json");
